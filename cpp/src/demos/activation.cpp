// Sigmoid and tanh of an affine of x, with their slopes:
// https://pytorch.org/docs/1.13/generated/torch.sigmoid.html
// https://pytorch.org/docs/1.13/generated/torch.tanh.html
//
// Plain scalar loops: exp and tanh are libm calls with no 128-bit form here, and a plotted curve
// has a few hundred points, so vectorizing the affine alone would buy nothing measurable.
#include "normlab/demos/activation.hpp"

#include <cmath>

#include "normlab/error.hpp"

namespace normlab {

Activation activation_from_name(const std::string& name) {
  if (name == "sigmoid") return Activation::sigmoid;
  if (name == "tanh") return Activation::tanh;
  fail("unknown activation: " + name + " (expected sigmoid or tanh)");
}

namespace {

// With e = exp(-|z|) the two halves 1 / (1 + e) and e / (1 + e) never overflow and sum to 1;
// sigmoid is one of them and its slope their product, which keeps its digits where the textbook
// s * (1 - s) loses them to 1 - s for a large z (and keeps the slope's symmetry in z).
void sigmoid_and_slope(float z, float* s, float* slope) {
  const float e = std::exp(-std::fabs(z));
  const float big = 1.0f / (1.0f + e), small = e / (1.0f + e);
  *s = z >= 0.0f ? big : small;
  *slope = big * small;
}

}  // namespace

void activation_forward(float* y, float* slope, const float* x, int64_t n, Activation f,
                        float gamma, float beta) {
  if (n < 0)
    fail("activation: the number of values must not be negative, got " + std::to_string(n));
  if (n > 0 && (!y || !x)) fail("activation: missing input or output buffer");
  for (int64_t i = 0; i < n; ++i) {
    const float z = gamma * x[i] + beta;
    if (f == Activation::sigmoid) {
      float d;
      sigmoid_and_slope(z, &y[i], &d);
      if (slope) slope[i] = d;
    } else {
      const float t = std::tanh(z);
      y[i] = t;
      if (slope) slope[i] = 1.0f - t * t;
    }
  }
}

}  // namespace normlab
