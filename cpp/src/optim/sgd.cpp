// SGD with momentum, dampening, Nesterov, weight decay and maximize, as _single_tensor_sgd:
// https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html
#include "normlab/optim/optimizer.hpp"
#include "optim_simd.hpp"

namespace normlab {

// param[n], momentum_buffer[n] (null without momentum), grad[n]. Per element:
//   g = grad (negated under maximize) + weight_decay * param
//   buf = g on the first step, else momentum * buf + (1 - dampening) * g
//   g = nesterov ? g + momentum * buf : buf
//   param = param - lr * g
void sgd_update(float* param, float* momentum_buffer, const float* grad, int64_t n,
                const SgdScalars& s) {
  simd::fused_loop(n, [&](auto lane, int64_t i) {
    using T = decltype(lane);
    const T p = simd::load_as<T>(param + i);
    T g = simd::load_as<T>(grad + i);
    if (s.maximize) g = -g;
    if (s.decay) g = g + s.weight_decay * p;
    if (momentum_buffer) {
      const T buf = s.first_step ? g
                                 : simd::load_as<T>(momentum_buffer + i) * s.momentum +
                                       s.one_minus_dampening * g;
      simd::store_to(momentum_buffer + i, buf);
      g = s.nesterov ? g + s.momentum * buf : buf;
    }
    simd::store_to(param + i, p + s.neg_lr * g);
  });
}

}  // namespace normlab
