// LayerNorm over the last cols elements of each row, and its input checks:
// https://pytorch.org/docs/1.13/generated/torch.nn.LayerNorm.html
#include "normlab/norm/layer_norm.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "normlab/error.hpp"
#include "normlab/norm/moments.hpp"
#include "normlab/norm/norm_module.hpp"
#include "simd.hpp"

namespace normlab {

using simd::f32x4;

// x[rows, cols] -> y[rows, cols]; mean[rows], rstd[rows]; weight[cols], bias[cols] or null.
// y = ((x - c) * rstd + (c - mean) * rstd) * weight + bias, with c the float nearest the mean, so
// that x - c stays exact for data clustered far from zero.
void layer_norm_forward(float* y, double* mean, float* rstd, const float* x, const float* weight,
                        const float* bias, int64_t rows, int64_t cols, float eps) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    float* yr = y + r * cols;
    // a row's moments, then its normalization while the row is still in cache: x is read from
    // memory once (the moments of all rows first would read a large tensor twice)
    float var = 0.0f;
    row_moments(mean + r, &var, xr, 1, cols);
    const double inv = 1.0 / std::sqrt(static_cast<double>(var) + static_cast<double>(eps));
    rstd[r] = static_cast<float>(inv);
    const float c = static_cast<float>(mean[r]);
    const float s = rstd[r];
    const float adj = static_cast<float>((static_cast<double>(c) - mean[r]) * inv);
    const f32x4 vc = simd::splat(c), vs = simd::splat(s), va = simd::splat(adj);
    int64_t j = 0;
    if (weight && bias) {
      for (; j + 4 <= cols; j += 4) {
        const f32x4 n = (simd::load(xr + j) - vc) * vs + va;
        simd::store(yr + j, n * simd::load(weight + j) + simd::load(bias + j));
      }
      for (; j < cols; ++j) yr[j] = ((xr[j] - c) * s + adj) * weight[j] + bias[j];
    } else if (weight) {
      for (; j + 4 <= cols; j += 4) {
        simd::store(yr + j, ((simd::load(xr + j) - vc) * vs + va) * simd::load(weight + j));
      }
      for (; j < cols; ++j) yr[j] = ((xr[j] - c) * s + adj) * weight[j];
    } else {
      for (; j + 4 <= cols; j += 4) simd::store(yr + j, (simd::load(xr + j) - vc) * vs + va);
      for (; j < cols; ++j) yr[j] = (xr[j] - c) * s + adj;
    }
  }
}

// With g = grad_output * weight and xhat the normalized input, per row of n elements:
// grad_input = rstd * (g - mean(g) - xhat * mean(g * xhat)).
void layer_norm_backward(float* grad_input, float* grad_weight, float* grad_bias,
                         const float* grad_output, const float* x, const double* mean,
                         const float* rstd, const float* weight, int64_t rows, int64_t cols) {
  if (grad_weight) std::fill(grad_weight, grad_weight + cols, 0.0f);
  if (grad_bias) std::fill(grad_bias, grad_bias + cols, 0.0f);
  const f32x4 one = simd::splat(1.0f);
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    const float* dy = grad_output + r * cols;
    float* dx = grad_input + r * cols;
    const float c = static_cast<float>(mean[r]);
    const float s = rstd[r];
    const float adj = static_cast<float>((static_cast<double>(c) - mean[r]) * s);
    const f32x4 vc = simd::splat(c), vs = simd::splat(s), va = simd::splat(adj);
    // pass 1: sum(g) and sum(g * xhat), and the parameter gradients
    f32x4 sg{}, sgx{};
    int64_t j = 0;
    for (; j + 4 <= cols; j += 4) {
      const f32x4 xhat = (simd::load(xr + j) - vc) * vs + va;
      const f32x4 d = simd::load(dy + j);
      const f32x4 g = weight ? d * simd::load(weight + j) : d * one;
      sg += g;
      sgx += g * xhat;
      if (grad_weight) simd::store(grad_weight + j, simd::load(grad_weight + j) + d * xhat);
      if (grad_bias) simd::store(grad_bias + j, simd::load(grad_bias + j) + d);
    }
    float a = simd::sum(sg), b = simd::sum(sgx);
    for (; j < cols; ++j) {
      const float xhat = (xr[j] - c) * s + adj;
      const float g = weight ? dy[j] * weight[j] : dy[j];
      a += g;
      b += g * xhat;
      if (grad_weight) grad_weight[j] += dy[j] * xhat;
      if (grad_bias) grad_bias[j] += dy[j];
    }
    // pass 2: grad_input
    const float inv_n = 1.0f / static_cast<float>(cols);
    const float ma = a * inv_n, mb = b * inv_n;
    const f32x4 vma = simd::splat(ma), vmb = simd::splat(mb);
    j = 0;
    for (; j + 4 <= cols; j += 4) {
      const f32x4 xhat = (simd::load(xr + j) - vc) * vs + va;
      const f32x4 d = simd::load(dy + j);
      const f32x4 g = weight ? d * simd::load(weight + j) : d;
      simd::store(dx + j, vs * ((g - vma) - xhat * vmb));
    }
    for (; j < cols; ++j) {
      const float xhat = (xr[j] - c) * s + adj;
      const float g = weight ? dy[j] * weight[j] : dy[j];
      dx[j] = s * ((g - ma) - xhat * mb);
    }
  }
}

void NormModule::validate_layer_norm(const Shape& shape) const {
  const Shape& ns = config_.normalized_shape;
  if (ns.empty()) {
    fail(
        "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one "
        "element, but got normalized_shape = " +
        format_shape(ns));
  }
  if (shape.size() < ns.size() || !std::equal(ns.begin(), ns.end(), shape.end() - ns.size())) {
    std::string expected = "[*";
    for (int64_t d : ns) expected += ", " + std::to_string(d);
    fail("Given normalized_shape=" + format_shape(ns) + ", expected input with shape " + expected +
         "], but got input of size" + format_shape(shape));
  }
}

}  // namespace normlab
