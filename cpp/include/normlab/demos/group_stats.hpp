// The statistics a page shows beside a normalization: for each group of elements that share a mean
// (a StatsPlan's group ids), the element count, the mean, the biased variance the layer normalizes
// with (divide by n) and the unbiased one that torch.var() and running_var use (divide by n - 1).
#pragma once

#include <cstdint>

namespace normlab {

// count[groups], mean[groups], var[groups] (biased), var_unbiased[groups] from x[n] and
// group[n], every id in [0, groups). A group with no element has NaN statistics, and one with a
// single element a NaN unbiased variance, as torch.var() gives. var_unbiased may be null.
// Computed in double with two passes, so a constant group has a variance of exactly 0.
void group_moments(int32_t* count, double* mean, double* var, double* var_unbiased, const float* x,
                   const int32_t* group, int64_t n, int64_t groups);

}  // namespace normlab
