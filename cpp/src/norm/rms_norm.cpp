// RMSNorm over the last cols elements of each row (rms_norm.hpp), and its input checks.
// https://pytorch.org/docs/2.4/generated/torch.nn.RMSNorm.html
//
// The sums of squares and of grad * x are kept in double: a float x² overflows from |x| > 1.8e19,
// and RMSNorm has no mean to subtract first, so the sums are as large as the data.
#include "normlab/norm/rms_norm.hpp"

#include <algorithm>
#include <cmath>

#include "normlab/norm/norm_module.hpp"
#include "simd.hpp"

namespace normlab {

using simd::f32x4;

namespace {

double sum_of_squares(const float* x, int64_t n) {
  double s = 0.0;
  for (int64_t j = 0; j < n; ++j) s += static_cast<double>(x[j]) * static_cast<double>(x[j]);
  return s;
}

}  // namespace

void rms_norm_forward(float* y, float* rstd, const float* x, const float* weight, int64_t rows,
                      int64_t cols, float eps) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    float* yr = y + r * cols;
    // the mean of nothing is 0/0, as in PyTorch
    const double mean_square =
        cols == 0 ? std::nan("") : sum_of_squares(xr, cols) / static_cast<double>(cols);
    rstd[r] = static_cast<float>(1.0 / std::sqrt(mean_square + static_cast<double>(eps)));
    const float s = rstd[r];
    const f32x4 vs = simd::splat(s);
    int64_t j = 0;
    if (weight) {
      for (; j + 4 <= cols; j += 4)
        simd::store(yr + j, simd::load(xr + j) * vs * simd::load(weight + j));
      for (; j < cols; ++j) yr[j] = xr[j] * s * weight[j];
    } else {
      for (; j + 4 <= cols; j += 4) simd::store(yr + j, simd::load(xr + j) * vs);
      for (; j < cols; ++j) yr[j] = xr[j] * s;
    }
  }
}

// With g = grad_output * weight and rstd = s, per row of n elements:
// grad_input = s * (g - x * s² * mean(g * x)); grad_weight = sum over rows of grad_output * x * s.
void rms_norm_backward(float* grad_input, float* grad_weight, const float* grad_output,
                       const float* x, const float* rstd, const float* weight, int64_t rows,
                       int64_t cols) {
  if (grad_weight) std::fill(grad_weight, grad_weight + cols, 0.0f);
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    const float* dy = grad_output + r * cols;
    float* dx = grad_input + r * cols;
    const float s = rstd[r];
    // pass 1: sum(g * x), and the weight's gradient
    double gx = 0.0;
    for (int64_t j = 0; j < cols; ++j) {
      const float g = weight ? dy[j] * weight[j] : dy[j];
      gx += static_cast<double>(g) * static_cast<double>(xr[j]);
      if (grad_weight) grad_weight[j] += dy[j] * (xr[j] * s);
    }
    // pass 2: grad_input
    const double sd = s;
    const auto k = static_cast<float>(sd * sd * gx / static_cast<double>(cols));
    const f32x4 vs = simd::splat(s), vk = simd::splat(k);
    int64_t j = 0;
    for (; j + 4 <= cols; j += 4) {
      const f32x4 d = simd::load(dy + j);
      const f32x4 g = weight ? d * simd::load(weight + j) : d;
      simd::store(dx + j, vs * (g - simd::load(xr + j) * vk));
    }
    for (; j < cols; ++j) {
      const float g = weight ? dy[j] * weight[j] : dy[j];
      dx[j] = s * (g - xr[j] * k);
    }
  }
}

// torch.nn.functional.rms_norm checks its input as layer_norm does, with the same message.
void NormModule::validate_rms_norm(const Shape& shape) const {
  validate_layer_norm(shape);
}

}  // namespace normlab
