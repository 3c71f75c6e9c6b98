// NormModule: the torch.nn normalization modules' parameters, running statistics and dispatch to
// the kernels. The input checks and PyTorch's messages are in norm_checks.cpp and each layer's
// file.
//
// A call either succeeds or changes nothing: everything a forward() produces is computed into
// locals and moved into the module only at the end.
#include <cmath>
#include <cstdint>
#include <limits>
#include <new>
#include <utility>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"

namespace normlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

float* data_or_null(std::vector<float>& v) {
  return v.empty() ? nullptr : v.data();
}

// The length of a buffer of n elements of `size` bytes. One the address space cannot hold fails
// the way an allocation fails (the bindings report "out of memory") instead of being cut to
// size_t: on wasm32, 2**32 + 4 channels would otherwise become 4.
size_t element_count(int64_t n, size_t size) {
  if (static_cast<uint64_t>(n) > static_cast<uint64_t>(PTRDIFF_MAX) / size) throw std::bad_alloc();
  return static_cast<size_t>(n);
}

}  // namespace

NormModule::NormModule(const NormConfig& config) : config_(config) {
  check_config(config);
  const bool layer = config.kind == NormKind::layer_norm || config.kind == NormKind::rms_norm;
  tracks_ = (config.kind == NormKind::batch_norm || config.kind == NormKind::instance_norm) &&
            config.track_running_stats;
  if (config.affine) {
    const size_t n =
        element_count(layer ? numel(config.normalized_shape) : config.num_features, sizeof(float));
    weight_.assign(n, 1.0f);
    // RMSNorm has a weight only
    if (config.kind != NormKind::rms_norm && (!layer || config.bias)) bias_.assign(n, 0.0f);
  }
  if (tracks_) {
    running_mean_.assign(element_count(config.num_features, sizeof(float)), 0.0f);
    running_var_.assign(element_count(config.num_features, sizeof(float)), 1.0f);
  }
}

NamedShapes NormModule::parameter_shapes() const {
  NamedShapes shapes;
  if (!config_.affine) return shapes;
  const bool rows = config_.kind == NormKind::layer_norm || config_.kind == NormKind::rms_norm;
  const Shape shape = rows ? config_.normalized_shape : Shape{config_.num_features};
  shapes.emplace_back("weight", shape);
  if (config_.kind == NormKind::rms_norm) return shapes;
  if (config_.kind != NormKind::layer_norm || config_.bias) shapes.emplace_back("bias", shape);
  return shapes;
}

NamedShapes NormModule::buffer_shapes() const {
  if (!tracks_) return {};
  return {{"running_mean", {config_.num_features}},
          {"running_var", {config_.num_features}},
          {"num_batches_tracked", {}}};
}

bool NormModule::uses_batch_stats() const {
  return training_ || !tracks_;
}

ChannelLayout NormModule::channel_layout(const Shape& shape) const {
  ChannelLayout l;
  const bool unbatched = config_.kind == NormKind::instance_norm &&
                         shape.size() == static_cast<size_t>(config_.dims) + 1;
  const size_t c = unbatched ? 0 : 1;
  l.batch = unbatched ? 1 : shape[0];
  l.channels = shape[c];
  l.spatial = numel(shape, c + 1, shape.size());
  switch (config_.kind) {
    case NormKind::batch_norm:
      l.per_sample = 0;
      break;
    case NormKind::instance_norm:
      l.per_sample = l.channels;
      break;
    default:
      l.per_sample = config_.num_groups;
      l.channels_per_stat = l.channels / config_.num_groups;
  }
  return l;
}

StatsPlan NormModule::plan(const Shape& shape) const {
  validate(shape, true);
  const int64_t total = numel(shape);
  StatsPlan plan;
  plan.group.resize(element_count(total, sizeof(int32_t)));
  if (config_.kind == NormKind::layer_norm || config_.kind == NormKind::rms_norm) {
    const int64_t cols = numel(config_.normalized_shape);
    plan.stat_count =
        cols == 0 ? numel(shape, 0, shape.size() - config_.normalized_shape.size()) : total / cols;
    for (int64_t i = 0; i < total; ++i)
      plan.group[static_cast<size_t>(i)] = static_cast<int32_t>(i / cols);
    return plan;
  }
  const ChannelLayout l = channel_layout(shape);
  plan.stat_count = l.stat_count();
  for (int64_t i = 0; i < total; ++i) {
    const int64_t block = i / l.spatial;
    plan.group[static_cast<size_t>(i)] =
        static_cast<int32_t>(l.stat(block / l.channels, block % l.channels));
  }
  return plan;
}

void NormModule::forward(float* y, const float* x, const Shape& shape) {
  check_input(shape);
  std::vector<float> input(x, x + numel(shape));
  if (config_.kind == NormKind::layer_norm) {
    const int64_t cols = numel(config_.normalized_shape);
    const int64_t rows = numel(shape, 0, shape.size() - config_.normalized_shape.size());
    std::vector<double> mean(static_cast<size_t>(rows));
    std::vector<float> rstd(static_cast<size_t>(rows));
    layer_norm_forward(y, mean.data(), rstd.data(), x, data_or_null(weight_), data_or_null(bias_),
                       rows, cols, static_cast<float>(config_.eps));
    mean_.swap(mean);
    rstd_.swap(rstd);
    last_batch_stats_ = true;
  } else if (config_.kind == NormKind::rms_norm) {
    const int64_t cols = numel(config_.normalized_shape);
    const int64_t rows = numel(shape, 0, shape.size() - config_.normalized_shape.size());
    std::vector<double> mean(static_cast<size_t>(rows), 0.0);  // RMSNorm does not centre
    std::vector<float> rstd(static_cast<size_t>(rows));
    rms_norm_forward(y, rstd.data(), x, data_or_null(weight_), rows, cols,
                     static_cast<float>(config_.eps));
    mean_.swap(mean);
    rstd_.swap(rstd);
    last_batch_stats_ = true;
  } else {
    forward_channels(y, x, shape);
  }
  last_shape_ = shape;
  last_input_.swap(input);
  has_forward_ = true;
}

void NormModule::forward_channels(float* y, const float* x, const Shape& shape) {
  const ChannelLayout l = channel_layout(shape);
  const bool batch_stats = uses_batch_stats();
  const size_t groups = element_count(l.stat_count(), sizeof(double));
  const double eps = config_.eps;
  std::vector<double> mean(groups, kNaN);
  std::vector<float> var(groups), rstd(groups, static_cast<float>(kNaN));
  std::vector<float> running_mean = running_mean_, running_var = running_var_;
  int64_t batches = num_batches_tracked_;
  const bool batch_norm = config_.kind == NormKind::batch_norm;
  if (batch_norm && training_ && tracks_) ++batches;

  if (numel(shape) == 0) {
    // torch.instance_norm averages the running statistics over an empty batch: 0/0.
    if (!batch_norm && tracks_ && l.batch == 0) {
      running_mean.assign(running_mean.size(), static_cast<float>(kNaN));
      running_var.assign(running_var.size(), static_cast<float>(kNaN));
    }
  } else if (batch_stats) {
    if (batch_norm) {
      channel_moments(mean.data(), var.data(), x, l.batch, l.channels, l.spatial);
    } else {
      row_moments(mean.data(), var.data(), x, l.stat_count(), l.group_size());
    }
    for (size_t g = 0; g < groups; ++g)
      rstd[g] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(var[g]) + eps));
    if (tracks_) {
      // momentum=None: the cumulative average, 1 / num_batches_tracked (BatchNorm only: the
      // checks refuse InstanceNorm without a momentum).
      const double factor =
          config_.momentum ? *config_.momentum : 1.0 / static_cast<double>(batches);
      update_running_stats(running_mean, running_var, mean, var, l, factor);
    }
  } else {
    for (size_t g = 0; g < groups; ++g) {
      const auto c = static_cast<size_t>(static_cast<int64_t>(g) % l.channels);
      mean[g] = running_mean[c];
      rstd[g] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(running_var[c]) + eps));
    }
  }
  if (numel(shape) != 0) {
    channel_norm_forward(y, x, mean.data(), rstd.data(), data_or_null(weight_), data_or_null(bias_),
                         l);
  }
  mean_.swap(mean);
  rstd_.swap(rstd);
  running_mean_.swap(running_mean);
  running_var_.swap(running_var);
  num_batches_tracked_ = batches;
  last_batch_stats_ = batch_stats;
}

// running = (1 - factor) * running + factor * batch statistic, with the unbiased variance
// (divide by n - 1) although the input was normalized with the biased one. InstanceNorm keeps
// one running value per channel: the average of what each sample would have made of it.
void NormModule::update_running_stats(std::vector<float>& running_mean,
                                      std::vector<float>& running_var,
                                      const std::vector<double>& mean,
                                      const std::vector<float>& var, const ChannelLayout& l,
                                      double factor) const {
  const auto n = static_cast<double>(l.group_size());
  const double unbias = n / (n - 1.0);
  const int64_t samples = l.per_sample ? l.batch : 1;
  for (int64_t c = 0; c < l.channels; ++c) {
    double m = 0.0, v = 0.0;
    for (int64_t b = 0; b < samples; ++b) {
      const auto g = static_cast<size_t>(l.per_sample ? l.stat(b, c) : c);
      m += mean[g];
      v += static_cast<double>(var[g]) * unbias;
    }
    m /= static_cast<double>(samples);
    v /= static_cast<double>(samples);
    const auto i = static_cast<size_t>(c);
    running_mean[i] =
        static_cast<float>((1.0 - factor) * static_cast<double>(running_mean[i]) + factor * m);
    running_var[i] =
        static_cast<float>((1.0 - factor) * static_cast<double>(running_var[i]) + factor * v);
  }
}

void NormModule::backward(float* grad_input, const float* grad_output) {
  if (!has_forward_) fail("backward() needs a successful forward() first");
  std::vector<float> grad_weight(weight_.size(), 0.0f), grad_bias(bias_.size(), 0.0f);
  if (config_.kind == NormKind::layer_norm) {
    const int64_t cols = numel(config_.normalized_shape);
    const auto rows = static_cast<int64_t>(mean_.size());
    layer_norm_backward(grad_input, data_or_null(grad_weight), data_or_null(grad_bias), grad_output,
                        last_input_.data(), mean_.data(), rstd_.data(), data_or_null(weight_), rows,
                        cols);
  } else if (config_.kind == NormKind::rms_norm) {
    const int64_t cols = numel(config_.normalized_shape);
    const auto rows = static_cast<int64_t>(rstd_.size());
    rms_norm_backward(grad_input, data_or_null(grad_weight), grad_output, last_input_.data(),
                      rstd_.data(), data_or_null(weight_), rows, cols);
  } else if (!last_input_.empty() || config_.kind == NormKind::group_norm) {
    // An empty input reaches BatchNorm's and InstanceNorm's gradients through ATen's
    // input * weight[0] + bias[0] shortcut, so theirs stay 0.
    channel_norm_backward(grad_input, data_or_null(grad_weight), data_or_null(grad_bias),
                          grad_output, last_input_.data(), mean_.data(), rstd_.data(),
                          data_or_null(weight_), channel_layout(last_shape_), last_batch_stats_);
  }
  grad_weight_.swap(grad_weight);
  grad_bias_.swap(grad_bias);
}

}  // namespace normlab
