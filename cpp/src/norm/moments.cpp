// Moments of rows, two passes over data that stays in cache (never float E[x^2] - E[x]^2, which
// loses every digit when the mean is 1e4 and the std 1e-2). BatchNorm's per-channel moments, which
// build on them, are in batch_norm.cpp.
//
// Both passes work on x - pivot, where pivot is the row's first element: for data
// clustered far from zero, x - pivot is exact (Sterbenz) and small, so the float sums keep their
// digits, and the mean is returned as the double pivot + mean(x - pivot).
#include <cmath>

#include "normlab/norm/moments.hpp"
#include "simd.hpp"

namespace normlab {

using simd::f32x4;

namespace {

// sum(x[i] - pivot) over n elements, 16 in flight.
float shifted_sum(const float* x, int64_t n, float pivot) {
  const f32x4 p = simd::splat(pivot);
  f32x4 a0{}, a1{}, a2{}, a3{};
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    a0 += simd::load(x + i) - p;
    a1 += simd::load(x + i + 4) - p;
    a2 += simd::load(x + i + 8) - p;
    a3 += simd::load(x + i + 12) - p;
  }
  for (; i + 4 <= n; i += 4) a0 += simd::load(x + i) - p;
  float s = simd::sum((a0 + a1) + (a2 + a3));
  for (; i < n; ++i) s += x[i] - pivot;
  return s;
}

// sum((x[i] - center)^2) over n elements.
float squared_deviation_sum(const float* x, int64_t n, float pivot, float offset) {
  const f32x4 p = simd::splat(pivot), o = simd::splat(offset);
  f32x4 a0{}, a1{}, a2{}, a3{};
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const f32x4 d0 = (simd::load(x + i) - p) - o, d1 = (simd::load(x + i + 4) - p) - o;
    const f32x4 d2 = (simd::load(x + i + 8) - p) - o, d3 = (simd::load(x + i + 12) - p) - o;
    a0 += d0 * d0;
    a1 += d1 * d1;
    a2 += d2 * d2;
    a3 += d3 * d3;
  }
  for (; i + 4 <= n; i += 4) {
    const f32x4 d = (simd::load(x + i) - p) - o;
    a0 += d * d;
  }
  float s = simd::sum((a0 + a1) + (a2 + a3));
  for (; i < n; ++i) {
    const float d = (x[i] - pivot) - offset;
    s += d * d;
  }
  return s;
}

}  // namespace

void row_moments(double* mean, float* var, const float* x, int64_t rows, int64_t cols) {
  for (int64_t r = 0; r < rows; ++r) {
    if (cols == 0) {  // the mean of nothing is 0/0, as in PyTorch
      mean[r] = std::nan("");
      var[r] = std::nanf("");
      continue;
    }
    const float* row = x + r * cols;
    const float pivot = row[0];
    const float offset = shifted_sum(row, cols, pivot) / static_cast<float>(cols);
    mean[r] = static_cast<double>(pivot) + static_cast<double>(offset);
    var[r] = squared_deviation_sum(row, cols, pivot, offset) / static_cast<float>(cols);
  }
}

}  // namespace normlab
