// Moments of the rows of a matrix, the statistics LayerNorm, InstanceNorm and GroupNorm normalize
// with (BatchNorm's are per channel: channel_moments in batch_norm.hpp).
//
// Means are kept in double: with mean 1e4 and std 1e-2 a float mean is off by half an ulp (5e-4),
// which is 5% of a standard deviation. The hot loops stay in float (see moments.cpp).
#pragma once

#include <cstdint>

namespace normlab {

// mean[rows] and biased var[rows] of each row of x[rows, cols].
void row_moments(double* mean, float* var, const float* x, int64_t rows, int64_t cols);

}  // namespace normlab
