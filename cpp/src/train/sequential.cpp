// Sequential: layers, cross-entropy and one optimizer per parameter (torch.optim's single-tensor
// path updates each parameter on its own, so one Optimizer per tensor is the same computation).
// See sequential.hpp for the order of a step and the seeded initialisation.
#include "normlab/train/sequential.hpp"

#include <cmath>
#include <utility>

#include "normlab/error.hpp"

namespace normlab {

namespace {

size_t count(int64_t n) {
  return buffer_length(n, sizeof(float));
}

// SplitMix64 (Steele, Lea, Flood 2014): a full-period 64-bit stream from any seed.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // uniform in [0, 1) from the top 24 bits: exact in float
  float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }

 private:
  uint64_t state_;
};

int64_t fan_in(const LayerSpec& spec) {
  if (spec.kind == LayerKind::linear) return spec.linear.in_features;
  const Conv2dConfig& c = spec.conv2d;
  return c.in_channels * c.kernel_h * c.kernel_w;
}

}  // namespace

Sequential::Sequential(const std::vector<LayerSpec>& layers, const CrossEntropyConfig& loss,
                       const OptimConfig& optimizer, uint64_t seed)
    : loss_config_(loss) {
  for (const LayerSpec& spec : layers) layers_.push_back(make_layer(spec));
  check_optim_config(optimizer);
  SplitMix64 rng(seed);
  for (size_t i = 0; i < layers_.size(); ++i) {
    const LayerSpec& spec = layers_[i]->spec();
    const bool affine = spec.kind == LayerKind::linear || spec.kind == LayerKind::conv2d;
    for (ParameterRef p : layers_[i]->parameters()) {
      if (affine) {
        const int64_t fan = fan_in(spec);
        const float bound = fan > 0 ? 1.0f / std::sqrt(static_cast<float>(fan)) : 0.0f;
        for (float& v : *p.value) v = (2.0f * rng.uniform() - 1.0f) * bound;
      }
      p.name = std::to_string(i) + "." + p.name;
      params_.push_back(p);
    }
  }
  optimizers_.reserve(params_.size());
  for (const ParameterRef& p : params_)
    optimizers_.emplace_back(optimizer, static_cast<int64_t>(p.value->size()));
  // an optimizer over no parameters is what torch.optim refuses with this message
  if (params_.empty()) fail("optimizer got an empty parameter list");
}

std::vector<BufferRef> Sequential::buffers() const {
  std::vector<BufferRef> out;
  for (size_t i = 0; i < layers_.size(); ++i) {
    for (BufferRef b : layers_[i]->buffers()) {
      b.name = std::to_string(i) + "." + b.name;
      out.push_back(b);
    }
  }
  return out;
}

std::vector<float>* Sequential::parameter(const std::string& name) {
  for (ParameterRef& p : params_) {
    if (p.name == name) return p.value;
  }
  return nullptr;
}

void Sequential::set_training(bool training) {
  for (auto& layer : layers_) layer->set_training(training);
  training_ = training;
}

Shape Sequential::output_shape(const Shape& shape, bool training) const {
  check_tensor_sizes(shape);
  const bool before = training_;
  auto* self = const_cast<Sequential*>(this);
  self->set_training(training);
  Shape s = shape;
  try {
    for (const auto& layer : layers_) s = layer->output_shape(s);
  } catch (...) {
    self->set_training(before);
    throw;
  }
  self->set_training(before);
  return s;
}

void Sequential::step(const float* x, const Shape& shape, const int64_t* target,
                      const Shape& target_shape, bool training) {
  check_tensor_sizes(shape);
  check_tensor_sizes(target_shape);
  // every check before any work: the shapes through all layers, then the loss's
  std::vector<Shape> shapes{shape};
  const Shape out = output_shape(shape, training);
  // loss.backward() on per-row losses raises this in a train step; an eval step would give a
  // loss per row, which loss() cannot hold, so Sequential refuses it with the same words
  if (loss_config_.reduction == Reduction::none)
    fail("grad can be implicitly created only for scalar outputs");
  cross_entropy_output_shape(loss_config_, out, target_shape, target);
  {
    Shape s = shape;
    set_training(training);
    for (const auto& layer : layers_) shapes.push_back(s = layer->output_shape(s));
  }
  // forward
  acts_.resize(layers_.size() + 1);
  acts_[0].assign(x, x + numel(shape));
  for (size_t i = 0; i < layers_.size(); ++i) {
    acts_[i + 1].resize(count(numel(shapes[i + 1])));
    layers_[i]->forward(acts_[i + 1].data(), acts_[i].data(), shapes[i]);
  }
  const std::vector<float>& logits = acts_.back();
  const bool unbatched = out.size() == 1;
  const int64_t classes = out.back(), rows = unbatched ? 1 : out[0];
  double loss = 0;
  cross_entropy_forward(&loss, logits.data(), target, rows, classes, loss_config_);
  output_ = logits;
  output_shape_ = out;
  loss_ = loss;
  if (!training) return;
  // backward: d loss / d logits, then each layer from the last; layer 0's input needs none
  std::vector<float> grad(logits.size()), next;
  const float one = 1.0f;
  cross_entropy_backward(grad.data(), &one, logits.data(), target, rows, classes, loss_config_);
  for (size_t i = layers_.size(); i-- > 0;) {
    next.resize(i > 0 ? acts_[i].size() : 0);
    layers_[i]->backward(i > 0 ? next.data() : nullptr, grad.data());
    grad.swap(next);
  }
  for (size_t k = 0; k < params_.size(); ++k)
    optimizers_[k].step(params_[k].value->data(), params_[k].grad->data());
  ++steps_;
}

}  // namespace normlab
