// The deep-stack demo: random linear layers with or without a norm, summarised per layer.
// Norms: https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm1d.html and
// https://pytorch.org/docs/1.13/generated/torch.nn.LayerNorm.html
#include "normlab/demos/deep_stack.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"
#include "simd.hpp"

namespace normlab {

using simd::f32x4;

namespace {

// splitmix64 and Marsaglia's polar method written out here rather than std::normal_distribution,
// whose algorithm differs between libstdc++ (native tests) and libc++ (Wasm): the same seed must
// draw the same stack in both.
uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Gaussian {
 public:
  explicit Gaussian(uint64_t seed) : state_(seed) {}

  // Two normals per accepted pair, from one log and one sqrt (no sin/cos): drawing the weights is
  // most of a run's time otherwise.
  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

 private:
  double uniform() {
    return static_cast<double>(mix(state_ += 0x9e3779b97f4a7c15ULL) >> 11) * 0x1.0p-53;
  }
  uint64_t state_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// y[batch, out] = scale * (x[batch, in] @ w[out, in]^T). Four outputs at a time share each load of
// x and keep four independent accumulators in flight.
void linear_forward(float* y, const float* x, const float* w, float scale, int64_t batch,
                    int64_t in, int64_t out) {
  for (int64_t b = 0; b < batch; ++b) {
    const float* xb = x + b * in;
    float* yb = y + b * out;
    int64_t j = 0;
    for (; j + 4 <= out; j += 4) {
      const float *w0 = w + j * in, *w1 = w0 + in, *w2 = w1 + in, *w3 = w2 + in;
      f32x4 a0{}, a1{}, a2{}, a3{};
      int64_t k = 0;
      for (; k + 4 <= in; k += 4) {
        const f32x4 v = simd::load(xb + k);
        a0 += v * simd::load(w0 + k);
        a1 += v * simd::load(w1 + k);
        a2 += v * simd::load(w2 + k);
        a3 += v * simd::load(w3 + k);
      }
      float s0 = simd::sum(a0), s1 = simd::sum(a1), s2 = simd::sum(a2), s3 = simd::sum(a3);
      for (; k < in; ++k) {
        s0 += xb[k] * w0[k];
        s1 += xb[k] * w1[k];
        s2 += xb[k] * w2[k];
        s3 += xb[k] * w3[k];
      }
      yb[j] = s0 * scale;
      yb[j + 1] = s1 * scale;
      yb[j + 2] = s2 * scale;
      yb[j + 3] = s3 * scale;
    }
    for (; j < out; ++j) {
      const float* wj = w + j * in;
      f32x4 a{};
      int64_t k = 0;
      for (; k + 4 <= in; k += 4) a += simd::load(xb + k) * simd::load(wj + k);
      float s = simd::sum(a);
      for (; k < in; ++k) s += xb[k] * wj[k];
      yb[j] = s * scale;
    }
  }
}

void activate(float* x, int64_t n, StackActivation activation) {
  if (activation == StackActivation::tanh) {
    for (int64_t i = 0; i < n; ++i) x[i] = std::tanh(x[i]);
  } else if (activation == StackActivation::relu) {
    for (int64_t i = 0; i < n; ++i) x[i] = std::max(x[i], 0.0f);  // keeps NaN, as torch.relu
  }
}

// counts[bins + 2] (under, bins over [-range, range], over), nan_count, mean and biased std of
// x[n], the statistics in double: exploded layers reach 1e30, whose square overflows float.
void summarise(int32_t* counts, int32_t* nan_count, double* mean, double* stdev, const float* x,
               int64_t n, int64_t bins, double range) {
  std::fill(counts, counts + bins + 2, 0);
  *nan_count = 0;
  const double scale = static_cast<double>(bins) / (2.0 * range);
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    const double v = x[i];
    sum += v;
    if (std::isnan(v)) {
      ++*nan_count;
    } else if (v < -range) {
      ++counts[0];
    } else if (v > range) {
      ++counts[bins + 1];
    } else {
      // v == range belongs to the last bin, as numpy.histogram's closed last edge
      const auto bin = std::min(static_cast<int64_t>((v + range) * scale), bins - 1);
      ++counts[1 + bin];
    }
  }
  const double m = sum / static_cast<double>(n);
  double squares = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    const double d = static_cast<double>(x[i]) - m;
    squares += d * d;
  }
  *mean = m;
  *stdev = std::sqrt(squares / static_cast<double>(n));
}

std::optional<NormModule> make_norm(const DeepStackConfig& c) {
  NormConfig nc;
  if (c.norm == StackNorm::batch_norm) {
    nc.kind = NormKind::batch_norm;
    nc.dims = 1;
    nc.num_features = c.width;
  } else if (c.norm == StackNorm::layer_norm) {
    nc.kind = NormKind::layer_norm;
    nc.normalized_shape = {c.width};
  } else {
    return std::nullopt;
  }
  std::optional<NormModule> module(std::in_place, nc);
  module->set_training(true);  // BN normalizes with the batch's own statistics, as in training
  return module;
}

}  // namespace

void deep_stack_check(const DeepStackConfig& c, int64_t batch) {
  const auto at_least_one = [](const char* name, int64_t v) {
    if (v < 1) fail(std::string(name) + " must be at least 1, got " + std::to_string(v));
  };
  const auto at_most = [](const char* name, int64_t v, int64_t limit) {
    if (v > limit)
      fail(std::string(name) + " must be at most " + std::to_string(limit) + ", got " +
           std::to_string(v));
  };
  at_least_one("depth", c.depth);
  at_least_one("width", c.width);
  at_least_one("batch", batch);
  at_least_one("bins", c.bins);
  at_most("depth", c.depth, deep_stack_max_depth);
  at_most("bins", c.bins, deep_stack_max_bins);
  // each factor is bounded before a product is formed, so no product can overflow
  if (c.width > deep_stack_max_weights || c.width * c.width * c.depth > deep_stack_max_weights) {
    fail("the stack is too large: depth x width x width must be at most " +
         std::to_string(deep_stack_max_weights));
  }
  if (batch > deep_stack_max_values || batch * c.width > deep_stack_max_values) {
    fail("the batch is too large: batch x width must be at most " +
         std::to_string(deep_stack_max_values));
  }
  if (!std::isfinite(c.gain) || c.gain < 0.0)
    fail("gain must be a finite number >= 0, got " + py_float(c.gain));
  // the histogram's bins per unit, bins / (2 range), must be finite too (range 5e-324 is not)
  if (!std::isfinite(c.range) || c.range <= 0.0 ||
      !std::isfinite(static_cast<double>(c.bins) / (2.0 * c.range)))
    fail("range must be a finite number > 0, got " + py_float(c.range));
}

void deep_stack_unit_weights(float* w, uint32_t seed, int64_t width, int64_t layer) {
  // (seed, layer) hashed to a starting point anywhere in splitmix64's 2^64 cycle: the streams of
  // different layers and seeds do not overlap in practice
  Gaussian gaussian(mix((static_cast<uint64_t>(seed) << 32) | static_cast<uint64_t>(layer)));
  const int64_t n = width * width;
  for (int64_t i = 0; i < n; ++i) w[i] = static_cast<float>(gaussian.next());
}

void deep_stack_forward(int32_t* counts, int32_t* nan_count, double* mean, double* stdev,
                        const float* x, const float* unit_weights, const DeepStackConfig& config,
                        int64_t batch) {
  deep_stack_check(config, batch);
  const int64_t width = config.width, n = batch * width, row = config.bins + 2;
  const auto layers = static_cast<size_t>(config.depth + 1);
  std::optional<NormModule> norm = make_norm(config);
  if (norm) norm->check_input({batch, width});

  // Results are gathered here and copied out at the end: a norm that refuses the batch (BN with
  // batch 1 in training) must leave the caller's buffers untouched.
  std::vector<int32_t> layer_counts(layers * static_cast<size_t>(row)), layer_nans(layers);
  std::vector<double> layer_mean(layers), layer_std(layers);
  const auto scale = static_cast<float>(config.gain / std::sqrt(static_cast<double>(width)));
  std::vector<float> h(x, x + n), z(static_cast<size_t>(n));
  summarise(layer_counts.data(), layer_nans.data(), layer_mean.data(), layer_std.data(), h.data(),
            n, config.bins, config.range);
  for (int64_t l = 1; l <= config.depth; ++l) {
    const float* w = unit_weights + (l - 1) * width * width;
    linear_forward(z.data(), h.data(), w, scale, batch, width, width);
    if (norm) {
      norm->forward(h.data(), z.data(), {batch, width});
    } else {
      h.swap(z);
    }
    activate(h.data(), n, config.activation);
    const auto at = static_cast<size_t>(l);
    summarise(layer_counts.data() + at * static_cast<size_t>(row), &layer_nans[at], &layer_mean[at],
              &layer_std[at], h.data(), n, config.bins, config.range);
  }
  std::copy(layer_counts.begin(), layer_counts.end(), counts);
  std::copy(layer_nans.begin(), layer_nans.end(), nan_count);
  std::copy(layer_mean.begin(), layer_mean.end(), mean);
  std::copy(layer_std.begin(), layer_std.end(), stdev);
}

}  // namespace normlab
