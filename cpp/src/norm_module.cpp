// NormModule: the torch.nn normalization modules' state, shape checks and messages, on top of the
// raw kernels.
#include <algorithm>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"

namespace normlab {

namespace {

const char* op_name(NormKind kind) {
  switch (kind) {
    case NormKind::batch_norm:
      return "batch_norm";
    case NormKind::layer_norm:
      return "layer_norm";
    case NormKind::instance_norm:
      return "instance_norm";
    case NormKind::group_norm:
      return "group_norm";
  }
  return "?";
}

// torch.empty(shape) refuses negative sizes with this message.
void check_sizes(const Shape& shape) {
  for (int64_t d : shape) {
    if (d < 0) {
      fail("Trying to create tensor with negative dimension " + std::to_string(d) + ": " +
           format_shape(shape));
    }
  }
}

}  // namespace

NormModule::NormModule(const NormConfig& config) : config_(config) {
  if (config.kind != NormKind::layer_norm)
    fail(std::string("not implemented: ") + op_name(config.kind));
  check_sizes(config.normalized_shape);
  const auto n = static_cast<size_t>(numel(config.normalized_shape));
  if (config.affine) {
    weight_.assign(n, 1.0f);
    if (config.bias) bias_.assign(n, 0.0f);
  }
}

NamedShapes NormModule::parameter_shapes() const {
  NamedShapes shapes;
  if (config_.affine) {
    shapes.emplace_back("weight", config_.normalized_shape);
    if (config_.bias) shapes.emplace_back("bias", config_.normalized_shape);
  }
  return shapes;
}

NamedShapes NormModule::buffer_shapes() const {
  return {};
}

void NormModule::check_input(const Shape& shape) const {
  check_sizes(shape);
  const Shape& ns = config_.normalized_shape;
  if (ns.empty()) {
    fail(
        "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one "
        "element, but got normalized_shape = " +
        format_shape(ns));
  }
  if (shape.size() < ns.size() || !std::equal(ns.begin(), ns.end(), shape.end() - ns.size())) {
    std::string expected = "[*";
    for (int64_t d : ns) expected += ", " + std::to_string(d);
    fail("Given normalized_shape=" + format_shape(ns) + ", expected input with shape " + expected +
         "], but got input of size" + format_shape(shape));
  }
}

StatsPlan NormModule::plan(const Shape& shape) const {
  check_input(shape);
  const int64_t cols = numel(config_.normalized_shape);
  const int64_t total = numel(shape);
  StatsPlan plan;
  plan.stat_count =
      cols == 0 ? numel(shape, 0, shape.size() - config_.normalized_shape.size()) : total / cols;
  plan.group.resize(static_cast<size_t>(total));
  for (int64_t i = 0; i < total; ++i)
    plan.group[static_cast<size_t>(i)] = static_cast<int32_t>(i / cols);
  return plan;
}

void NormModule::forward(float* y, const float* x, const Shape& shape) {
  check_input(shape);
  const int64_t cols = numel(config_.normalized_shape);
  const int64_t rows = numel(shape, 0, shape.size() - config_.normalized_shape.size());
  std::vector<double> mean(static_cast<size_t>(rows));
  std::vector<float> rstd(static_cast<size_t>(rows));
  layer_norm_forward(y, mean.data(), rstd.data(), x, weight_.empty() ? nullptr : weight_.data(),
                     bias_.empty() ? nullptr : bias_.data(), rows, cols,
                     static_cast<float>(config_.eps));
  mean_ = std::move(mean);
  rstd_ = std::move(rstd);
  last_shape_ = shape;
  last_input_.assign(x, x + rows * cols);
  has_forward_ = true;
}

void NormModule::backward(float* grad_input, const float* grad_output) {
  if (!has_forward_) fail("backward() needs a successful forward() first");
  const int64_t cols = numel(config_.normalized_shape);
  const int64_t rows = static_cast<int64_t>(mean_.size());
  grad_weight_.assign(weight_.size(), 0.0f);
  grad_bias_.assign(bias_.size(), 0.0f);
  layer_norm_backward(grad_input, grad_weight_.empty() ? nullptr : grad_weight_.data(),
                      grad_bias_.empty() ? nullptr : grad_bias_.data(), grad_output,
                      last_input_.data(), mean_.data(), rstd_.data(),
                      weight_.empty() ? nullptr : weight_.data(), rows, cols);
}

}  // namespace normlab
