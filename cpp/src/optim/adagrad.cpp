// Adagrad with lr_decay, weight decay, initial_accumulator_value and maximize, as
// _single_tensor_adagrad (dense gradients):
// https://pytorch.org/docs/1.13/generated/torch.optim.Adagrad.html
#include "normlab/optim/optimizer.hpp"
#include "optim_simd.hpp"

namespace normlab {

// param[n], sum[n] (the running sum of squared gradients), grad[n]. Per element:
//   g = grad (negated under maximize) + weight_decay * param
//   sum = sum + g * g
//   param = param - clr * g / (sqrt(sum) + eps),  clr = lr / (1 + (step - 1) * lr_decay)
void adagrad_update(float* param, float* sum, const float* grad, int64_t n,
                    const AdagradScalars& s) {
  simd::fused_loop(n, [&](auto lane, int64_t i) {
    using T = decltype(lane);
    const T p = simd::load_as<T>(param + i);
    T g = simd::load_as<T>(grad + i);
    if (s.maximize) g = -g;
    if (s.decay) g = g + s.weight_decay * p;
    const T acc = simd::load_as<T>(sum + i) + g * g;
    simd::store_to(sum + i, acc);
    const T denom = simd::sqrt_of(acc) + s.eps;
    simd::store_to(param + i, p + s.neg_clr * g / denom);
  });
}

}  // namespace normlab
