// The reduction of one statistics group, step by step (see reduction_trace.hpp).
#include "normlab/demos/reduction_trace.hpp"

#include <cmath>
#include <string>

#include "normlab/error.hpp"

namespace normlab {

void reduction_trace(double* running_sum, double* running_mean, double* sq_dev, double* running_sq,
                     float* xhat, float* y, double* mean, double* var, double* rstd, const float* x,
                     const float* weight, const float* bias, int64_t n, double eps) {
  if (n < 1) fail("a statistics group needs at least one element, got " + std::to_string(n));
  // pass 1: the sum, then the mean
  double s = 0.0;
  for (int64_t k = 0; k < n; ++k) {
    s += static_cast<double>(x[k]);
    running_sum[k] = s;
    running_mean[k] = s / static_cast<double>(k + 1);
  }
  const double mu = s / static_cast<double>(n);
  // pass 2: squared deviations from the mean (never E[x^2] - E[x]^2, see norm/moments.cpp)
  double q = 0.0;
  for (int64_t k = 0; k < n; ++k) {
    const double d = static_cast<double>(x[k]) - mu;
    sq_dev[k] = d * d;
    q += sq_dev[k];
    running_sq[k] = q;
  }
  const double v = q / static_cast<double>(n);
  const double r = 1.0 / std::sqrt(v + eps);
  // normalize, then the affine step in float, as the module's output is float
  for (int64_t k = 0; k < n; ++k) {
    xhat[k] = static_cast<float>((static_cast<double>(x[k]) - mu) * r);
    const float w = weight ? weight[k] : 1.0f;
    const float b = bias ? bias[k] : 0.0f;
    y[k] = xhat[k] * w + b;
  }
  *mean = mu;
  *var = v;
  *rstd = r;
}

}  // namespace normlab
