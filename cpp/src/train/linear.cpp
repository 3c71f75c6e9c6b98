// torch.nn.Linear: https://pytorch.org/docs/1.13/generated/torch.nn.Linear.html
//
// Row-major x[rows, in] and weight[out, in] make every output one dot product of two contiguous
// rows, and every backward term one scaled row added to another: raw-pointer loops over 128-bit
// vectors, with four output columns per pass over an input row so each x load feeds four products.
#include <cstring>

#include "normlab/train/layers.hpp"
#include "simd.hpp"

namespace normlab {

namespace {

using simd::f32x4;

// sum(a[i] * b[i]) over n floats.
float dot(const float* a, const float* b, int64_t n) {
  f32x4 acc0 = simd::splat(0.0f), acc1 = acc0;
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    acc0 += simd::load(a + i) * simd::load(b + i);
    acc1 += simd::load(a + i + 4) * simd::load(b + i + 4);
  }
  for (; i + 4 <= n; i += 4) acc0 += simd::load(a + i) * simd::load(b + i);
  float s = simd::sum(acc0 + acc1);
  for (; i < n; ++i) s += a[i] * b[i];
  return s;
}

// y[i] += s * x[i] over n floats.
void axpy(float* y, float s, const float* x, int64_t n) {
  const f32x4 vs = simd::splat(s);
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) simd::store(y + i, simd::load(y + i) + vs * simd::load(x + i));
  for (; i < n; ++i) y[i] += s * x[i];
}

}  // namespace

void linear_forward(float* y, const float* x, const float* weight, const float* bias, int64_t rows,
                    int64_t in, int64_t out) {
  if (out == 0) return;  // nothing to write, however many (empty) rows: (2**40, 0) -> (2**40, 0)
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * in;
    float* yr = y + r * out;
    int64_t o = 0;
    // four weight rows at a time: each vector of x is loaded once for four dot products
    for (; o + 4 <= out; o += 4) {
      const float* w0 = weight + o * in;
      const float* w1 = w0 + in;
      const float* w2 = w1 + in;
      const float* w3 = w2 + in;
      f32x4 a0 = simd::splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
      int64_t i = 0;
      for (; i + 4 <= in; i += 4) {
        const f32x4 v = simd::load(xr + i);
        a0 += v * simd::load(w0 + i);
        a1 += v * simd::load(w1 + i);
        a2 += v * simd::load(w2 + i);
        a3 += v * simd::load(w3 + i);
      }
      float s0 = simd::sum(a0), s1 = simd::sum(a1), s2 = simd::sum(a2), s3 = simd::sum(a3);
      for (; i < in; ++i) {
        s0 += xr[i] * w0[i];
        s1 += xr[i] * w1[i];
        s2 += xr[i] * w2[i];
        s3 += xr[i] * w3[i];
      }
      yr[o] = s0;
      yr[o + 1] = s1;
      yr[o + 2] = s2;
      yr[o + 3] = s3;
    }
    for (; o < out; ++o) yr[o] = dot(xr, weight + o * in, in);
    if (bias) {
      for (o = 0; o < out; ++o) yr[o] += bias[o];
    }
  }
}

void linear_backward(float* grad_input, float* grad_weight, float* grad_bias,
                     const float* grad_output, const float* x, const float* weight, int64_t rows,
                     int64_t in, int64_t out) {
  if (grad_input && in > 0) {
    for (int64_t r = 0; r < rows; ++r) {
      float* gi = grad_input + r * in;
      std::memset(gi, 0, static_cast<size_t>(in) * sizeof(float));
      const float* go = grad_output + r * out;
      for (int64_t o = 0; o < out; ++o) axpy(gi, go[o], weight + o * in, in);
    }
  }
  if (grad_weight) {
    std::memset(grad_weight, 0, static_cast<size_t>(out * in) * sizeof(float));
    for (int64_t r = 0; r < rows && out * in > 0; ++r) {
      const float* xr = x + r * in;
      const float* go = grad_output + r * out;
      for (int64_t o = 0; o < out; ++o) axpy(grad_weight + o * in, go[o], xr, in);
    }
  }
  if (grad_bias) {
    for (int64_t o = 0; o < out; ++o) grad_bias[o] = 0.0f;
    for (int64_t r = 0; r < rows && out > 0; ++r) {
      const float* go = grad_output + r * out;
      for (int64_t o = 0; o < out; ++o) grad_bias[o] += go[o];
    }
  }
}

}  // namespace normlab
