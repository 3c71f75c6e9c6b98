// BatchNorm's own kernel: the statistics of each channel over the batch. Its normalize step is
// channel_norm_forward (channel_normalize.hpp), shared with InstanceNorm and GroupNorm.
#pragma once

#include <cstdint>

namespace normlab {

// BatchNorm's statistics: mean[channels] and biased var[channels] of x[batch, channels, spatial],
// each over the batch * spatial elements of one channel.
void channel_moments(double* mean, float* var, const float* x, int64_t batch, int64_t channels,
                     int64_t spatial);

}  // namespace normlab
