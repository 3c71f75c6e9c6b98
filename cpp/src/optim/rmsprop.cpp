// RMSprop with alpha, eps, weight decay, momentum, centered and maximize, as
// _single_tensor_rmsprop:
// https://pytorch.org/docs/1.13/generated/torch.optim.RMSprop.html
#include "normlab/optim/optimizer.hpp"
#include "optim_simd.hpp"

namespace normlab {

// param[n], square_avg[n], grad_avg[n] (null unless centered), momentum_buffer[n] (null unless
// momentum > 0), grad[n]. Per element:
//   g = grad (negated under maximize) + weight_decay * param
//   square_avg = alpha * square_avg + (1 - alpha) * g * g
//   centered: grad_avg = alpha * grad_avg + (1 - alpha) * g; avg = sqrt(square_avg - grad_avg^2)
//   otherwise avg = sqrt(square_avg);  then avg += eps
//   momentum: buf = momentum * buf + g / avg; param -= lr * buf;  otherwise param -= lr * g / avg
void rmsprop_update(float* param, float* square_avg, float* grad_avg, float* momentum_buffer,
                    const float* grad, int64_t n, const RmspropScalars& s) {
  simd::fused_loop(n, [&](auto lane, int64_t i) {
    using T = decltype(lane);
    const T p = simd::load_as<T>(param + i);
    T g = simd::load_as<T>(grad + i);
    if (s.maximize) g = -g;
    if (s.decay) g = g + s.weight_decay * p;
    const T sq = simd::load_as<T>(square_avg + i) * s.alpha + s.one_minus_alpha * g * g;
    simd::store_to(square_avg + i, sq);
    T avg;
    if (grad_avg) {
      const T ga = simd::load_as<T>(grad_avg + i) * s.alpha + s.one_minus_alpha * g;
      simd::store_to(grad_avg + i, ga);
      avg = simd::sqrt_of(sq - ga * ga);
    } else {
      avg = simd::sqrt_of(sq);
    }
    avg = avg + s.eps;
    if (momentum_buffer) {
      const T buf = simd::load_as<T>(momentum_buffer + i) * s.momentum + g / avg;
      simd::store_to(momentum_buffer + i, buf);
      simd::store_to(param + i, p + s.neg_lr * buf);
    } else {
      simd::store_to(param + i, p + s.neg_lr * g / avg);
    }
  });
}

}  // namespace normlab
