#include "normlab/demos/deep_stack.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "normlab/error.hpp"

using normlab::DeepStackConfig;
using normlab::StackActivation;
using normlab::StackNorm;

namespace {

struct StackRun {
  std::vector<int32_t> counts, nans;
  std::vector<double> mean, stdev;
};

std::vector<float> unit_weights(const DeepStackConfig& c) {
  const auto size = static_cast<size_t>(c.width * c.width);
  std::vector<float> w(static_cast<size_t>(std::max<int64_t>(c.depth, 0)) * size);
  for (int64_t l = 1; l <= c.depth; ++l)
    normlab::deep_stack_unit_weights(w.data() + static_cast<size_t>(l - 1) * size, c.seed, c.width,
                                     l);
  return w;
}

StackRun run_stack(const DeepStackConfig& c, const std::vector<float>& x, int64_t batch) {
  normlab::deep_stack_check(c, batch);  // before the weights are sized from the config
  const auto w = unit_weights(c);
  const auto layers = static_cast<size_t>(c.depth + 1);
  StackRun r{std::vector<int32_t>(layers * static_cast<size_t>(c.bins + 2)),
             std::vector<int32_t>(layers), std::vector<double>(layers),
             std::vector<double>(layers)};
  normlab::deep_stack_forward(r.counts.data(), r.nans.data(), r.mean.data(), r.stdev.data(),
                              x.data(), w.data(), c, batch);
  return r;
}

std::vector<float> gaussian_input(int64_t batch, int64_t width, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  std::vector<float> x(static_cast<size_t>(batch * width));
  for (float& v : x) v = dist(gen);
  return x;
}

DeepStackConfig config(StackNorm norm, double gain, int64_t depth = 12, int64_t width = 48) {
  DeepStackConfig c;
  c.norm = norm;
  c.gain = gain;
  c.depth = depth;
  c.width = width;
  c.seed = 7;
  return c;
}

// The same stack in plain double precision: weights from deep_stack_unit_weights scaled by
// gain / sqrt(width), products, norms and activations written out loop by loop. Returns every
// layer's values, the input first.
std::vector<std::vector<double>> reference_layers(const DeepStackConfig& c,
                                                  const std::vector<float>& x, int64_t batch) {
  const auto width = static_cast<size_t>(c.width), b = static_cast<size_t>(batch);
  std::vector<std::vector<double>> layers{std::vector<double>(x.begin(), x.end())};
  std::vector<float> w(width * width);
  const double scale = c.gain / std::sqrt(static_cast<double>(c.width));
  for (int64_t l = 1; l <= c.depth; ++l) {
    normlab::deep_stack_unit_weights(w.data(), c.seed, c.width, l);
    const auto& h = layers.back();
    std::vector<double> z(b * width, 0.0);
    for (size_t i = 0; i < b; ++i)
      for (size_t j = 0; j < width; ++j)
        for (size_t k = 0; k < width; ++k)
          z[i * width + j] += h[i * width + k] * (w[j * width + k] * scale);
    // rows (LayerNorm: one per sample) or columns (BatchNorm1d: one per feature) to normalize
    const bool ln = c.norm == StackNorm::layer_norm;
    const size_t groups = ln ? b : width, count = ln ? width : b;
    const auto at = [&](size_t g, size_t e) { return ln ? g * width + e : e * width + g; };
    if (c.norm != StackNorm::none) {
      for (size_t g = 0; g < groups; ++g) {
        double m = 0.0, v = 0.0;
        for (size_t e = 0; e < count; ++e) m += z[at(g, e)];
        m /= static_cast<double>(count);
        for (size_t e = 0; e < count; ++e) v += (z[at(g, e)] - m) * (z[at(g, e)] - m);
        v /= static_cast<double>(count);
        for (size_t e = 0; e < count; ++e) z[at(g, e)] = (z[at(g, e)] - m) / std::sqrt(v + 1e-5);
      }
    }
    for (double& v : z) {
      if (c.activation == StackActivation::tanh) v = std::tanh(v);
      if (c.activation == StackActivation::relu) v = std::max(v, 0.0);
    }
    layers.push_back(std::move(z));
  }
  return layers;
}

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double std_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double s = 0.0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size()));
}

std::string message_of(const DeepStackConfig& c, const std::vector<float>& x, int64_t batch) {
  try {
    run_stack(c, x, batch);
  } catch (const normlab::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(DeepStack, MatchesAPlainDoublePrecisionStack) {
  for (StackNorm norm : {StackNorm::none, StackNorm::layer_norm, StackNorm::batch_norm}) {
    for (StackActivation act :
         {StackActivation::linear, StackActivation::tanh, StackActivation::relu}) {
      DeepStackConfig c = config(norm, 1.3, 6, 13);  // odd width: the vector loops' tails run too
      c.activation = act;
      const auto x = gaussian_input(9, c.width, 3);
      const StackRun r = run_stack(c, x, 9);
      const auto want = reference_layers(c, x, 9);
      for (size_t l = 0; l < want.size(); ++l) {
        const double scale = std::max(1.0, std_of(want[l]));
        EXPECT_NEAR(r.mean[l], mean_of(want[l]), 1e-4 * scale) << "layer " << l;
        EXPECT_NEAR(r.stdev[l], std_of(want[l]), 1e-4 * scale) << "layer " << l;
        // histograms: float and double may put a value right on a bin edge on either side of it
        int64_t moved = 0;
        std::vector<int32_t> bins(static_cast<size_t>(c.bins + 2), 0);
        for (double v : want[l]) {
          if (v < -c.range) {
            ++bins[0];
          } else if (v > c.range) {
            ++bins.back();
          } else {
            const auto k = std::min<int64_t>(
                static_cast<int64_t>((v + c.range) / (2 * c.range) * static_cast<double>(c.bins)),
                c.bins - 1);
            ++bins[static_cast<size_t>(1 + k)];
          }
        }
        for (size_t k = 0; k < bins.size(); ++k)
          moved += std::abs(bins[k] - r.counts[l * bins.size() + k]);
        EXPECT_LE(moved, 2) << "layer " << l;
      }
    }
  }
}

TEST(DeepStack, WithoutANormValuesGrowOrShrinkByTheGainPerLayer) {
  const auto x = gaussian_input(64, 64, 1);
  for (double gain : {0.5, 2.0}) {
    const StackRun r = run_stack(config(StackNorm::none, gain, 12, 64), x, 64);
    // after 12 layers the spread is gain^12 times the input's, give or take the randomness of
    // the weights (a factor of 4 either way)
    const double growth = std::log2(r.stdev[12] / r.stdev[0]);
    EXPECT_NEAR(growth, 12 * std::log2(gain), 2.0) << "gain " << gain;
    // and it moves steadily: every layer in the direction of the gain
    int steps_in_direction = 0;
    for (size_t l = 1; l <= 12; ++l)
      steps_in_direction += (r.stdev[l] > r.stdev[l - 1]) == (gain > 1);
    EXPECT_GE(steps_in_direction, 10) << "gain " << gain;
  }
}

TEST(DeepStack, ANormAfterEveryLayerKeepsMeanZeroAndStdOne) {
  const auto x = gaussian_input(32, 48, 2);
  for (StackNorm norm : {StackNorm::layer_norm, StackNorm::batch_norm}) {
    for (double gain : {0.25, 1.0, 3.0}) {
      const StackRun r = run_stack(config(norm, gain, 20, 48), x, 32);
      for (size_t l = 1; l <= 20; ++l) {
        EXPECT_NEAR(r.mean[l], 0.0, 1e-5) << "layer " << l;
        EXPECT_NEAR(r.stdev[l], 1.0, 1e-3) << "layer " << l;
      }
    }
  }
}

TEST(DeepStack, HistogramsCountEveryValueOnce) {
  const auto x = gaussian_input(16, 24, 4);
  DeepStackConfig c = config(StackNorm::none, 1.7, 8, 24);
  c.bins = 10;
  c.range = 2.0;
  const StackRun r = run_stack(c, x, 16);
  for (size_t l = 0; l <= 8; ++l) {
    const auto row = r.counts.begin() + static_cast<long>(l * 12);
    EXPECT_EQ(std::accumulate(row, row + 12, 0) + r.nans[l], 16 * 24) << "layer " << l;
  }
  // by the last layer the spread is 1.7^8 ~ 70 times wider: most values fall outside [-2, 2]
  const auto last = r.counts.begin() + 8 * 12;
  EXPECT_GT(last[0] + last[11], 16 * 24 / 2);
}

TEST(DeepStack, TanhStaysInsideOneAndReluHasNoNegatives) {
  const auto x = gaussian_input(16, 32, 5);
  DeepStackConfig c = config(StackNorm::none, 3.0, 10, 32);
  c.activation = StackActivation::tanh;
  c.range = 1.0;
  c.bins = 20;
  StackRun r = run_stack(c, x, 16);
  for (size_t l = 1; l <= 10; ++l) {
    EXPECT_EQ(r.counts[l * 22], 0);
    EXPECT_EQ(r.counts[l * 22 + 21], 0);
  }
  // gain 3 saturates tanh: the outermost bins hold most values
  EXPECT_GT(r.counts[10 * 22 + 1] + r.counts[10 * 22 + 20], 16 * 32 / 2);
  c.activation = StackActivation::relu;
  r = run_stack(c, x, 16);
  for (size_t l = 1; l <= 10; ++l)
    for (size_t k = 0; k <= 10; ++k) EXPECT_EQ(r.counts[l * 22 + k], 0) << l << " " << k;
}

TEST(DeepStack, TheSameSeedDrawsTheSameStackAndAnotherSeedAnother) {
  const auto x = gaussian_input(8, 16, 6);
  DeepStackConfig c = config(StackNorm::none, 1.0, 5, 16);
  const StackRun a = run_stack(c, x, 8), b = run_stack(c, x, 8);
  EXPECT_EQ(a.counts, b.counts);
  EXPECT_EQ(a.stdev, b.stdev);
  c.seed = 8;
  EXPECT_NE(run_stack(c, x, 8).stdev, a.stdev);
  // layers draw from separate streams: layer 3 is not layer 2 shifted
  std::vector<float> w2(16 * 16), w3(16 * 16);
  normlab::deep_stack_unit_weights(w2.data(), 8, 16, 2);
  normlab::deep_stack_unit_weights(w3.data(), 8, 16, 3);
  EXPECT_NE(w2, w3);
  EXPECT_NE(std::vector<float>(w2.begin() + 1, w2.end()),
            std::vector<float>(w3.begin(), w3.end() - 1));
  // unit normals: mean 0, std 1 (64 x 64 = 4096 draws: within 0.05 with overwhelming probability)
  std::vector<float> w(64 * 64);
  normlab::deep_stack_unit_weights(w.data(), 1, 64, 1);
  const std::vector<double> wd(w.begin(), w.end());
  EXPECT_NEAR(mean_of(wd), 0.0, 0.05);
  EXPECT_NEAR(std_of(wd), 1.0, 0.05);
  // and half of them below zero, a quarter beyond +-1.15 (the normal's quartiles of |z|)
  const auto below = std::count_if(w.begin(), w.end(), [](float v) { return v < 0.0f; });
  const auto far = std::count_if(w.begin(), w.end(), [](float v) { return std::fabs(v) > 1.15f; });
  EXPECT_NEAR(static_cast<double>(below) / 4096.0, 0.5, 0.03);
  EXPECT_NEAR(static_cast<double>(far) / 4096.0, 0.25, 0.03);
}

TEST(DeepStack, OverflowToInfinityIsCountedNotUndefined) {
  // gain 8 over 60 linear layers: 8^60 is far beyond float, so values become inf and then NaN
  const auto x = gaussian_input(4, 16, 7);
  const StackRun r = run_stack(config(StackNorm::none, 8.0, 60, 16), x, 4);
  EXPECT_GT(r.nans[60], 0);
  EXPECT_FALSE(std::isfinite(r.stdev[60]));
  const auto row = r.counts.begin() + 60 * 26;
  EXPECT_EQ(std::accumulate(row, row + 26, 0) + r.nans[60], 4 * 16);
}

TEST(DeepStack, RefusesBadConfigsWithAMessage) {
  const auto x = gaussian_input(4, 8, 8);
  DeepStackConfig c = config(StackNorm::none, 1.0, 3, 8);
  EXPECT_EQ(message_of(c, x, 0), "batch must be at least 1, got 0");
  c.depth = 0;
  EXPECT_EQ(message_of(c, x, 4), "depth must be at least 1, got 0");
  c.depth = 1001;
  EXPECT_EQ(message_of(c, x, 4), "depth must be at most 1000, got 1001");
  c.depth = 3;
  c.width = -2;
  EXPECT_EQ(message_of(c, x, 4), "width must be at least 1, got -2");
  c.width = 1 << 12;
  EXPECT_EQ(message_of(c, x, 4),
            "the stack is too large: depth x width x width must be at most 4194304");
  c.width = 8;
  EXPECT_EQ(message_of(c, x, int64_t{1} << 40),
            "the batch is too large: batch x width must be at most 4194304");
  c.gain = -1.0;
  EXPECT_EQ(message_of(c, x, 4), "gain must be a finite number >= 0, got -1.0");
  c.gain = std::nan("");
  EXPECT_EQ(message_of(c, x, 4), "gain must be a finite number >= 0, got nan");
  c.gain = 1.0;
  c.range = 0.0;
  EXPECT_EQ(message_of(c, x, 4), "range must be a finite number > 0, got 0.0");
  c.range = 3.0;
  c.bins = 0;
  EXPECT_EQ(message_of(c, x, 4), "bins must be at least 1, got 0");
}

TEST(DeepStack, BatchNormWithOneSampleFailsWithPyTorchsMessageAndWritesNothing) {
  const DeepStackConfig c = config(StackNorm::batch_norm, 1.0, 3, 8);
  const auto x = gaussian_input(1, 8, 9);
  std::vector<int32_t> counts(4 * 26, -1), nans(4, -1);
  std::vector<double> mean(4, -1.0), stdev(4, -1.0);
  try {
    const auto w = unit_weights(c);
    normlab::deep_stack_forward(counts.data(), nans.data(), mean.data(), stdev.data(), x.data(),
                                w.data(), c, 1);
    FAIL() << "BatchNorm1d in training accepted a batch of one";
  } catch (const normlab::Error& e) {
    EXPECT_STREQ(e.what(),
                 "Expected more than 1 value per channel when training, got input size "
                 "torch.Size([1, 8])");
  }
  EXPECT_EQ(counts, std::vector<int32_t>(4 * 26, -1));
  EXPECT_EQ(mean, std::vector<double>(4, -1.0));
  // LayerNorm has no such limit
  const StackRun r = run_stack(config(StackNorm::layer_norm, 1.0, 3, 8), x, 1);
  EXPECT_NEAR(r.stdev[3], 1.0, 1e-3);
}
