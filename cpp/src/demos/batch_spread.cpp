// The batch-size experiment (see batch_spread.hpp). The batch statistics come from the library's
// own BatchNorm and GroupNorm modules, so the curve shows what those kernels compute.
#include "normlab/demos/batch_spread.hpp"

#include <cmath>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"

namespace normlab {

namespace {

// splitmix64: the same stream natively and in Wasm (the standard distributions are not specified
// bit for bit, and libstdc++ and libc++ differ).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // [0, 1) with 53 random bits
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // an index in [0, n)
  int64_t below(int64_t n) { return static_cast<int64_t>(uniform() * static_cast<double>(n)); }
  // Box-Muller; 1 - uniform() is in (0, 1], so the log is finite
  double normal() {
    const double r = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    return r * std::cos(6.283185307179586 * uniform());
  }

 private:
  uint64_t state_;
};

// Running mean and sum of squared deviations (Welford), for the spread of many means.
struct Spread {
  int64_t count = 0;
  double mean = 0.0, m2 = 0.0;
  void add(double v) {
    ++count;
    const double d = v - mean;
    mean += d / static_cast<double>(count);
    m2 += d * (v - mean);
  }
  // the unbiased standard deviation
  double stddev() const { return std::sqrt(m2 / static_cast<double>(count - 1)); }
};

void check_config(const BatchSpreadConfig& c, const int64_t* batch_sizes, int64_t sizes) {
  const auto text = [](auto v) { return std::to_string(v); };
  if (c.dataset_size < 1 || c.channels < 1 || c.spatial < 1)
    fail("the dataset needs at least one sample, channel and spatial position");
  // each factor is at least 1 here: dividing the bound keeps the check free of overflow
  if (c.channels > (int64_t{1} << 24) / c.dataset_size ||
      c.spatial > (int64_t{1} << 24) / (c.dataset_size * c.channels))
    fail("the dataset is too large: at most 16777216 elements");
  if (c.num_groups < 1)  // before GroupNorm's constructor, which would divide by it
    fail("Expected num groups to be greater than 0, got " + text(c.num_groups));
  if (c.batches < 2 || c.batches > 5000)
    fail("the spread across batches needs 2 to 5000 batches, got " + text(c.batches));
  if (!(c.sample_spread >= 0.0 && c.pixel_noise >= 0.0) || !std::isfinite(c.sample_spread) ||
      !std::isfinite(c.pixel_noise))
    fail("sample_spread and pixel_noise must be finite and not negative");
  if (sizes < 1) fail("give at least one batch size");
  for (int64_t i = 0; i < sizes; ++i) {
    if (batch_sizes[i] < 1 || batch_sizes[i] > c.dataset_size)
      fail("a batch size must be between 1 and the dataset's " + text(c.dataset_size) +
           " samples, got " + text(batch_sizes[i]));
  }
}

}  // namespace

void make_spread_dataset(float* dataset, const BatchSpreadConfig& c) {
  Random random(c.dataset_seed);
  for (int64_t i = 0; i < c.dataset_size; ++i) {
    for (int64_t ch = 0; ch < c.channels; ++ch) {
      const double offset = c.sample_spread * random.normal();
      float* row = dataset + (i * c.channels + ch) * c.spatial;
      for (int64_t s = 0; s < c.spatial; ++s)
        row[s] = static_cast<float>(offset + c.pixel_noise * random.normal());
    }
  }
}

void batch_spread(double* bn_spread, double* gn_spread, const int64_t* batch_sizes,
                  const BatchSpreadConfig& config, int64_t sizes) {
  check_config(config, batch_sizes, sizes);
  const int64_t C = config.channels, S = config.spatial, G = config.num_groups;

  NormConfig bn_config;
  bn_config.kind = NormKind::batch_norm;
  bn_config.dims = 1;
  bn_config.num_features = C;
  bn_config.track_running_stats = false;  // only the batch statistics matter here
  NormConfig gn_config;
  gn_config.kind = NormKind::group_norm;
  gn_config.num_features = C;
  gn_config.num_groups = G;
  NormModule bn(bn_config);  // GroupNorm's constructor refuses a G that does not divide C
  NormModule gn(gn_config);

  const auto sample = static_cast<size_t>(C * S);
  std::vector<float> dataset(static_cast<size_t>(config.dataset_size) * sample);
  make_spread_dataset(dataset.data(), config);
  std::vector<int64_t> order(static_cast<size_t>(config.dataset_size));
  std::iota(order.begin(), order.end(), int64_t{0});
  Random random(config.seed);

  for (int64_t i = 0; i < sizes; ++i) {
    const int64_t B = batch_sizes[i];
    const Shape shape{B, C, S};
    std::vector<float> x(static_cast<size_t>(B) * sample), y(x.size());
    std::vector<Spread> bn_means(static_cast<size_t>(C)), gn_means(static_cast<size_t>(G));
    for (int64_t k = 0; k < config.batches; ++k) {
      // B distinct samples: a partial Fisher-Yates shuffle (any starting order gives a uniform
      // draw)
      for (int64_t j = 0; j < B; ++j) {
        std::swap(order[static_cast<size_t>(j)],
                  order[static_cast<size_t>(j + random.below(config.dataset_size - j))]);
        const float* src = dataset.data() + order[static_cast<size_t>(j)] * C * S;
        std::copy(src, src + sample, x.begin() + j * C * S);
      }
      bn.forward(y.data(), x.data(), shape);
      for (int64_t c = 0; c < C; ++c)
        bn_means[static_cast<size_t>(c)].add(bn.stat_mean()[static_cast<size_t>(c)]);
      gn.forward(y.data(), x.data(), shape);
      for (int64_t j = 0; j < B * G; ++j)
        gn_means[static_cast<size_t>(j % G)].add(gn.stat_mean()[static_cast<size_t>(j)]);
    }
    double bn_sum = 0.0, gn_sum = 0.0;
    for (const Spread& s : bn_means) bn_sum += s.stddev();
    for (const Spread& s : gn_means) gn_sum += s.stddev();
    bn_spread[i] = bn_sum / static_cast<double>(C);
    gn_spread[i] = gn_sum / static_cast<double>(G);
  }
}

}  // namespace normlab
