// torch.nn.ReLU and torch.nn.GELU, forward and backward:
// https://pytorch.org/docs/1.13/generated/torch.nn.ReLU.html
// https://pytorch.org/docs/1.13/generated/torch.nn.GELU.html
//
// ReLU is a 128-bit compare-and-select loop. GELU is a scalar loop: erf and tanh are libm calls
// with no 128-bit form here, and next to the convolutions around it GELU's cost does not show.
#include <cmath>

#include "normlab/train/layers.hpp"
#include "simd.hpp"

namespace normlab {

namespace {

using simd::f32x4;
typedef int i32x4 __attribute__((vector_size(16)));

constexpr float kSqrtHalf = 0.70710678118654752440f;     // 1 / sqrt(2)
constexpr float kInvSqrt2Pi = 0.39894228040143267794f;   // 1 / sqrt(2 pi)
constexpr float kSqrt2OverPi = 0.79788456080286535588f;  // sqrt(2 / pi)
constexpr float kCubic = 0.044715f;

}  // namespace

void relu_forward(float* y, const float* x, int64_t n) {
  int64_t i = 0;
  const f32x4 zero = simd::splat(0.0f);
  for (; i + 4 <= n; i += 4) {
    const f32x4 v = simd::load(x + i);
    // x < 0 -> 0; NaN compares false and stays NaN, as torch.relu keeps it
    const i32x4 negative = v < zero;
    simd::store(y + i, negative ? zero : v);
  }
  for (; i < n; ++i) y[i] = x[i] < 0.0f ? 0.0f : x[i];
}

void relu_backward(float* grad_input, const float* grad_output, const float* y, int64_t n) {
  int64_t i = 0;
  const f32x4 zero = simd::splat(0.0f);
  for (; i + 4 <= n; i += 4) {
    const i32x4 pass = simd::load(y + i) > zero;
    simd::store(grad_input + i, pass ? simd::load(grad_output + i) : zero);
  }
  for (; i < n; ++i) grad_input[i] = y[i] > 0.0f ? grad_output[i] : 0.0f;
}

void gelu_forward(float* y, const float* x, int64_t n, GeluApproximate approximate) {
  if (approximate == GeluApproximate::tanh) {
    for (int64_t i = 0; i < n; ++i) {
      const float v = x[i];
      const float inner = kSqrt2OverPi * (v + kCubic * v * v * v);
      y[i] = 0.5f * v * (1.0f + std::tanh(inner));
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] * 0.5f * (1.0f + std::erf(x[i] * kSqrtHalf));
}

void gelu_backward(float* grad_input, const float* grad_output, const float* x, int64_t n,
                   GeluApproximate approximate) {
  if (approximate == GeluApproximate::tanh) {
    for (int64_t i = 0; i < n; ++i) {
      const float v = x[i];
      const float inner = kSqrt2OverPi * (v + kCubic * v * v * v);
      const float t = std::tanh(inner);
      const float d_inner = kSqrt2OverPi * (1.0f + 3.0f * kCubic * v * v);
      grad_input[i] = grad_output[i] * (0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * d_inner);
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float cdf = 0.5f * (1.0f + std::erf(v * kSqrtHalf));
    const float pdf = kInvSqrt2Pi * std::exp(-0.5f * v * v);
    grad_input[i] = grad_output[i] * (cdf + v * pdf);
  }
}

}  // namespace normlab
