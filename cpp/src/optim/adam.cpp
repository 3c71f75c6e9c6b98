// Adam (weight decay as an L2 term on the gradient) and AdamW (decoupled weight decay), with
// amsgrad and maximize, as _single_tensor_adam and _single_tensor_adamw:
// https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html
// https://pytorch.org/docs/1.13/generated/torch.optim.AdamW.html
#include "normlab/optim/optimizer.hpp"
#include "optim_simd.hpp"

namespace normlab {

// param[n], exp_avg[n] (m), exp_avg_sq[n] (v), max_exp_avg_sq[n] (null unless amsgrad), grad[n].
// Per element:
//   g = grad (negated under maximize);  Adam: g += weight_decay * param;
//                                       AdamW: param *= 1 - lr * weight_decay
//   m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g * g
//   amsgrad: vmax = max(vmax, v), and vmax replaces v below
//   param = param - step_size * m / (sqrt(v) / sqrt(bias_correction2) + eps)
// The denominator is divided by sqrt(bias_correction2) BEFORE eps is added, as torch does: eps
// acts on the bias-corrected sqrt(v).
void adam_update(float* param, float* exp_avg, float* exp_avg_sq, float* max_exp_avg_sq,
                 const float* grad, int64_t n, const AdamScalars& s) {
  simd::fused_loop(n, [&](auto lane, int64_t i) {
    using T = decltype(lane);
    T p = simd::load_as<T>(param + i);
    T g = simd::load_as<T>(grad + i);
    if (s.maximize) g = -g;
    if (s.decoupled) {
      p = p * s.decay_factor;
    } else if (s.l2) {
      g = g + s.weight_decay * p;
    }
    const T m = simd::load_as<T>(exp_avg + i) * s.beta1 + s.one_minus_beta1 * g;
    const T v = simd::load_as<T>(exp_avg_sq + i) * s.beta2 + s.one_minus_beta2 * g * g;
    simd::store_to(exp_avg + i, m);
    simd::store_to(exp_avg_sq + i, v);
    T second = v;
    if (max_exp_avg_sq) {
      second = simd::max_of(simd::load_as<T>(max_exp_avg_sq + i), v);
      simd::store_to(max_exp_avg_sq + i, second);
    }
    const T denom = simd::sqrt_of(second) / s.bias_correction2_sqrt + s.eps;
    simd::store_to(param + i, p + s.neg_step_size * m / denom);
  });
}

}  // namespace normlab
