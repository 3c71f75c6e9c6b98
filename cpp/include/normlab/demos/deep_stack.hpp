// A deep stack of random linear layers, for the tutorial's "why normalize at all" demo: a batch of
// activations goes through `depth` blocks h <- act(norm(W_l h)) and every layer's values are
// summarised as a histogram and a mean and standard deviation.
//
// Without a norm, each layer multiplies the spread of the values by roughly `gain`, so after a few
// dozen layers they have exploded or vanished; with BatchNorm1d(width) or LayerNorm(width) after
// each product (the project's own NormModule, so the same kernels as everywhere else) every layer
// starts again from mean 0 and variance 1.
#pragma once

#include <cstdint>

namespace normlab {

enum class StackNorm { none, batch_norm, layer_norm };
enum class StackActivation { linear, tanh, relu };

struct DeepStackConfig {
  int64_t depth = 10;  // number of linear layers
  int64_t width = 32;  // features in and out of every layer (square weights)
  // Weights are N(0, gain^2 / width): gain 1 keeps the variance of a linear layer's output equal
  // to its input's on average; the same seed gives the same weights for every norm.
  double gain = 1.0;
  uint32_t seed = 1;
  StackNorm norm = StackNorm::none;
  StackActivation activation = StackActivation::linear;
  int64_t bins = 24;   // histogram bins of equal width over [-range, range]
  double range = 3.0;  // values outside it are counted in two extra overflow bins
};

// Bounds on one run: the weights are drawn afresh on every call, so these bound its time and
// memory.
constexpr int64_t deep_stack_max_weights = int64_t{1} << 22;  // depth * width * width
constexpr int64_t deep_stack_max_values = int64_t{1} << 22;   // batch * width
constexpr int64_t deep_stack_max_depth = 1000;
constexpr int64_t deep_stack_max_bins = 1000;

// Throws Error with a message naming the first option out of range.
void deep_stack_check(const DeepStackConfig& config, int64_t batch);

// w[width, width]: the unit normals N(0, 1) of layer `layer` (1..depth) drawn from `seed`; the
// layer multiplies them by gain / sqrt(width). Each layer has its own stream of random numbers, so
// its weights depend neither on the depth nor on the gain, and a caller can keep them across runs.
void deep_stack_unit_weights(float* w, uint32_t seed, int64_t width, int64_t layer);

// counts[depth + 1, bins + 2]: per layer (row 0 is the input x, row l the output of block l) the
// count of values below -range, then the bins over [-range, range], then above range (infinities
// land in the overflow bins; NaN in none of them but in nan_count[depth + 1]).
// mean[depth + 1], stdev[depth + 1]: mean and biased standard deviation of each layer's values, in
// double (inf or nan when the values overflowed float).
// x[batch, width]: the input batch. unit_weights[depth, width, width]: deep_stack_unit_weights of
// layers 1..depth, for config.seed and config.width.
// Throws Error for a config it cannot run, and with PyTorch's message when the norm refuses the
// input (BatchNorm1d in training with batch 1).
void deep_stack_forward(int32_t* counts, int32_t* nan_count, double* mean, double* stdev,
                        const float* x, const float* unit_weights, const DeepStackConfig& config,
                        int64_t batch);

}  // namespace normlab
