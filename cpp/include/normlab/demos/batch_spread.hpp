// The batch-size experiment of the InstanceNorm/GroupNorm chapter: how much does the mean that
// normalizes a sample move from one random batch to the next?
//
// A fixed, seeded dataset of `dataset_size` samples of shape (channels, spatial): each sample has
// its own offset per channel (sample_spread, think "brightness of this image in this channel") plus
// per-element noise (pixel_noise). For each batch size B, `batches` random batches of B distinct
// samples are drawn, and each batch goes through BatchNorm1d(channels) and
// GroupNorm(num_groups, channels) in training mode. Of every sample of every batch we take the mean
// it was normalized with: BN's batch mean of its channel (shared by the whole batch), GN's mean of
// its own group. The spread is the standard deviation of those means over the batches, one per
// channel (BN) or group (GN), averaged over channels or groups. BN's shrinks roughly as 1/sqrt(B);
// GN's only depends on the sample, never on its batch mates.
#pragma once

#include <cstdint>

namespace normlab {

struct BatchSpreadConfig {
  int64_t dataset_size = 512;
  int64_t channels = 8;
  int64_t spatial = 16;
  int64_t num_groups = 2;
  int64_t batches = 100;          // random batches per batch size
  uint64_t dataset_seed = 20230;  // the dataset stays fixed ...
  uint64_t seed = 1;              // ... while this one draws the batches
  double sample_spread = 1.0;     // std of a sample's per-channel offset
  double pixel_noise = 1.0;       // std of an element around its sample's offset
};

// dataset[dataset_size, channels, spatial], reproducible from config.dataset_seed.
void make_spread_dataset(float* dataset, const BatchSpreadConfig& config);

// bn_spread[sizes] and gn_spread[sizes], the spread for each batch_sizes[sizes] (see above).
// Throws Error with a message for a bad configuration, and with PyTorch's message when a norm
// refuses the batch (num_channels not divisible by num_groups, one value per channel, ...).
void batch_spread(double* bn_spread, double* gn_spread, const int64_t* batch_sizes,
                  const BatchSpreadConfig& config, int64_t sizes);

}  // namespace normlab
