// The normalize step BatchNorm, InstanceNorm and GroupNorm share: a per-channel scale and shift
// of x[batch, channels, spatial] with the statistics of the group each (n, c) block belongs to.
#pragma once

#include <cstdint>

namespace normlab {

// BatchNorm, InstanceNorm and GroupNorm see their input as x[batch, channels, spatial] and differ
// only in which statistics the (n, c) block of `spatial` elements is normalized with:
//   BatchNorm      stat(n, c) = c                    per_sample = 0, channels_per_stat = 1
//   InstanceNorm   stat(n, c) = n * C + c            per_sample = C, channels_per_stat = 1
//   GroupNorm      stat(n, c) = n * G + c / (C / G)  per_sample = G, channels_per_stat = C / G
// Their weight and bias are per channel.
struct ChannelLayout {
  int64_t batch = 0, channels = 0, spatial = 0;
  int64_t per_sample = 0;  // statistics per sample; 0: one set shared by the whole batch
  int64_t channels_per_stat = 1;

  int64_t stat(int64_t n, int64_t c) const { return n * per_sample + c / channels_per_stat; }
  int64_t stat_count() const { return per_sample ? batch * per_sample : channels; }
  // Elements that share one mean and variance.
  int64_t group_size() const { return channels_per_stat * spatial * (per_sample ? 1 : batch); }
};

// https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html
// https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm2d.html
// https://pytorch.org/docs/1.13/generated/torch.nn.GroupNorm.html
// y[batch, channels, spatial] = (x - mean[g]) * rstd[g] * weight[c] + bias[c] with g = stat(n, c),
// from x[batch, channels, spatial], mean[stat_count], rstd[stat_count], weight[channels] and
// bias[channels] (either may be null).
void channel_norm_forward(float* y, const float* x, const double* mean, const float* rstd,
                          const float* weight, const float* bias, const ChannelLayout& layout);

// grad_input[batch, channels, spatial] from grad_output and x (same shape), the forward's
// mean[stat_count] and rstd[stat_count], and weight[channels] (null: no affine); grad_weight and
// grad_bias [channels] (either may be null) are overwritten. batch_stats: mean and rstd were
// computed from x (training), so the gradient also flows through them; otherwise they were
// constants (running statistics in eval mode).
void channel_norm_backward(float* grad_input, float* grad_weight, float* grad_bias,
                           const float* grad_output, const float* x, const double* mean,
                           const float* rstd, const float* weight, const ChannelLayout& layout,
                           bool batch_stats);

}  // namespace normlab
