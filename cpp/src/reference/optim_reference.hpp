// torch.optim's update rules written plainly on xtensor in double, one line per line of the
// single-tensor functions of PyTorch 1.13. The tests hold the float32 kernels against it over many
// steps and sizes. Where the documentation's algorithm box and the code disagree, this follows
// the code, which is what PyTorch computes:
//  - maximize negates the gradient FIRST, so weight decay still pulls towards 0 (the box flips
//    the final update instead, which would flip the decay too);
//  - amsgrad keeps the maximum of the raw v and divides it by the CURRENT bias correction (the
//    box takes the maximum of bias-corrected values).
#pragma once

#include <map>
#include <string>
#include <xtensor/xarray.hpp>

#include "normlab/optim/optimizer.hpp"

namespace normlab::reference {

class OptimizerReference {
 public:
  // config must already be valid (the tests check the messages separately).
  OptimizerReference(const OptimConfig& config, size_t numel);

  // One optimizer.step() with p.grad = grad.
  void step(xt::xarray<double>& param, const xt::xarray<double>& grad);

  // The state buffers by torch's names (momentum_buffer, exp_avg, ...), as they stand.
  const std::map<std::string, xt::xarray<double>>& state() const { return state_; }

 private:
  OptimConfig c_;
  double lr_;
  size_t numel_;
  int steps_ = 0;
  std::map<std::string, xt::xarray<double>> state_;
};

}  // namespace normlab::reference
