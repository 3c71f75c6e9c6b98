// A small torch.nn.Sequential that trains itself: layers (layers.hpp, including the four norms),
// a cross-entropy loss (loss.hpp) and one torch.optim optimizer (optim.hpp) over all parameters.
//
// One train step is what a PyTorch training loop does with
//   optimizer.zero_grad(); out = model(x); loss = F.cross_entropy(out, t); loss.backward();
//   optimizer.step()
// and one eval step is model.eval(); out = model(x); loss = F.cross_entropy(out, t).
// Every shape and target is checked through all layers before anything runs: a refused step
// changes nothing (no parameter, buffer, optimizer state or mode).
//
// Initialisation: PyTorch's default init draws from its own generator, whose stream is not
// practical to reproduce, so the seeded init here follows torch's distributions from our own
// generator: for Linear and Conv2d, weight and bias uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)]
// (what kaiming_uniform_(a=sqrt(5)) and torch's bias init give; fan_in = in_features, or
// in_channels * kernel_h * kernel_w), drawn in named_parameters() order from one SplitMix64
// stream of `seed` (a float in [0, 1) from its top 24 bits, times 2 * bound, minus bound). Norms
// start at weight 1, bias 0, running_mean 0, running_var 1, as in torch. To reproduce a PyTorch
// run exactly, copy its parameters in with parameter() (the golden cases do).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "normlab/optim/optimizer.hpp"
#include "normlab/train/layers.hpp"
#include "normlab/train/loss.hpp"

namespace normlab {

class Sequential {
 public:
  // Throws Error with PyTorch's message when a layer's constructor or the optimizer's refuses its
  // arguments (layers first, in order, then the optimizer).
  Sequential(const std::vector<LayerSpec>& layers, const CrossEntropyConfig& loss,
             const OptimConfig& optimizer, uint64_t seed);

  size_t size() const { return layers_.size(); }
  Layer& layer(size_t i) { return *layers_.at(i); }

  // As named_parameters() and named_buffers() list them: "0.weight", "1.running_mean", ...
  const std::vector<ParameterRef>& parameters() const { return params_; }
  std::vector<BufferRef> buffers() const;
  // The values of the parameter called `name`, or null.
  std::vector<float>* parameter(const std::string& name);

  // The output shape of the whole network for an input of `shape`, in train or eval mode; or the
  // first layer's PyTorch message.
  Shape output_shape(const Shape& shape, bool training) const;

  // One train (training = true) or eval step on x[shape] with class indices target[target_shape].
  // Afterwards output() holds the logits (computed before the optimizer step) and loss() the loss.
  // Throws Error (a layer's, the loss's or the optimizer's message) and changes nothing when the
  // step is refused. A loss with reduction "none" is refused, as loss.backward() refuses it.
  void step(const float* x, const Shape& shape, const int64_t* target, const Shape& target_shape,
            bool training);

  const std::vector<float>& output() const { return output_; }
  const Shape& output_shape() const { return output_shape_; }
  double loss() const { return loss_; }
  // How many train steps have run.
  int64_t steps() const { return steps_; }

 private:
  void set_training(bool training);

  std::vector<std::unique_ptr<Layer>> layers_;
  CrossEntropyConfig loss_config_;
  std::vector<ParameterRef> params_;
  std::vector<Optimizer> optimizers_;
  bool training_ = true;
  std::vector<std::vector<float>> acts_;
  std::vector<float> output_;
  Shape output_shape_;
  double loss_ = 0;
  int64_t steps_ = 0;
};

}  // namespace normlab
