// One statistics group reduced step by step, for the page's animation of a normalization: the
// running sums of the two passes the moments kernels make over a group (first the sum, which gives
// the mean, then the squared deviations from that mean, which give the biased variance), followed
// by the normalize and affine steps.
//
// The elements come in the order the kernels visit them (increasing flat index within the group),
// so the last running sum divided by n is the group's mean. The sums are kept in double: the
// animation shows partial results to four digits, and they must end on the module's statistics.
#pragma once

#include <cstdint>

namespace normlab {

// https://pytorch.org/docs/1.13/generated/torch.nn.GroupNorm.html (the same for every norm)
// x[n]: one group's elements; weight[n], bias[n]: the affine parameter of each element (null: 1
// and 0). Writes
//   running_sum[n]  x[0] + ... + x[k]
//   running_mean[n] running_sum[k] / (k + 1), the mean of the elements seen so far
//   sq_dev[n]       (x[k] - mean)^2, with the mean of the whole group
//   running_sq[n]   sq_dev[0] + ... + sq_dev[k]
//   xhat[n]         (x[k] - mean) * rstd
//   y[n]            xhat[k] * weight[k] + bias[k]
//   mean[1], var[1] (biased: divided by n), rstd[1] = 1 / sqrt(var + eps)
// Throws Error when n < 1.
void reduction_trace(double* running_sum, double* running_mean, double* sq_dev, double* running_sq,
                     float* xhat, float* y, double* mean, double* var, double* rstd, const float* x,
                     const float* weight, const float* bias, int64_t n, double eps);

}  // namespace normlab
