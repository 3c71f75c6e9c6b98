#include "normlab/demos/batch_spread.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>
#include <xtensor/xadapt.hpp>
#include <xtensor/xarray.hpp>
#include <xtensor/xreducer.hpp>

#include "normlab/error.hpp"

using normlab::BatchSpreadConfig;

namespace {

struct Curves {
  std::vector<double> bn, gn;
};

Curves run(const BatchSpreadConfig& config, const std::vector<int64_t>& sizes) {
  Curves c{std::vector<double>(sizes.size()), std::vector<double>(sizes.size())};
  normlab::batch_spread(c.bn.data(), c.gn.data(), sizes.data(), config,
                        static_cast<int64_t>(sizes.size()));
  return c;
}

std::string message_of(const BatchSpreadConfig& config, const std::vector<int64_t>& sizes) {
  try {
    run(config, sizes);
  } catch (const normlab::Error& e) {
    return e.what();
  }
  return "(no error)";
}

xt::xarray<double> dataset_of(const BatchSpreadConfig& c) {
  std::vector<float> data(static_cast<size_t>(c.dataset_size * c.channels * c.spatial));
  normlab::make_spread_dataset(data.data(), c);
  const std::vector<size_t> shape{static_cast<size_t>(c.dataset_size),
                                  static_cast<size_t>(c.channels), static_cast<size_t>(c.spatial)};
  return xt::xarray<double>(xt::adapt(data, shape));
}

// The population variance over the samples (axis 0) of each column of `means`,
// averaged as a std.
std::vector<double> population_std(const xt::xarray<double>& means) {
  const xt::xarray<double> centered = means - xt::mean(means, {0});
  const xt::xarray<double> var = xt::mean(centered * centered, {0});
  return std::vector<double>(var.begin(), var.end());
}

}  // namespace

TEST(BatchSpread, TheDatasetIsFixedBySeedAndHasTheAskedSpreads) {
  BatchSpreadConfig c;
  c.sample_spread = 2.0;
  c.pixel_noise = 0.5;
  const auto a = dataset_of(c), b = dataset_of(c);
  EXPECT_EQ(a, b);
  c.dataset_seed += 1;
  EXPECT_NE(a, dataset_of(c));
  // a sample's channel mean = its offset (std 2) + the mean of 16 noises (std
  // 0.5 / 4)
  const auto var = population_std(xt::mean(a, {2}));
  for (double v : var) EXPECT_NEAR(std::sqrt(v), std::sqrt(4.0 + 0.25 / 16), 0.25);
}

TEST(BatchSpread, BatchNormSpreadFollowsTheSamplingFormula) {
  BatchSpreadConfig c;
  c.batches = 400;
  const std::vector<int64_t> sizes{1, 2, 4, 8, 16, 32, 64};
  const Curves got = run(c, sizes);
  // drawing B of D samples without replacement: Var(batch mean) = s^2 / B * (D
  // - B) / (D - 1), with s^2 the population variance of the samples' channel
  // means
  const auto var = population_std(xt::mean(dataset_of(c), {2}));
  const double D = static_cast<double>(c.dataset_size);
  for (size_t i = 0; i < sizes.size(); ++i) {
    const double B = static_cast<double>(sizes[i]);
    double want = 0;
    for (double v : var) want += std::sqrt(v / B * (D - B) / (D - 1));
    want /= static_cast<double>(var.size());
    EXPECT_NEAR(got.bn[i], want, 0.08 * want) << "B = " << sizes[i];
  }
  EXPECT_LT(got.bn.back(), got.bn.front() / 6) << "64 samples: about 8 times less spread";
}

TEST(BatchSpread, GroupNormSpreadDoesNotDependOnTheBatchSize) {
  BatchSpreadConfig c;
  c.batches = 400;
  c.num_groups = 4;
  const std::vector<int64_t> sizes{1, 4, 16, 64};
  const Curves got = run(c, sizes);
  // a sample's group mean: the mean of its (channels / groups) * spatial
  // elements
  const auto data = dataset_of(c);
  const xt::xarray<double> grouped = xt::reshape_view(
      data,
      std::vector<size_t>{static_cast<size_t>(c.dataset_size), static_cast<size_t>(c.num_groups),
                          static_cast<size_t>(c.channels / c.num_groups * c.spatial)});
  const auto var = population_std(xt::mean(grouped, {2}));
  double want = 0;
  for (double v : var) want += std::sqrt(v);
  want /= static_cast<double>(var.size());
  for (size_t i = 0; i < sizes.size(); ++i)
    EXPECT_NEAR(got.gn[i], want, 0.08 * want) << "B = " << sizes[i];
}

TEST(BatchSpread, WholeDatasetBatches) {
  // every batch holds every sample: BN's batch mean never moves, and GN's
  // spread is exactly the spread of the samples' group means, each counted once
  // per batch
  BatchSpreadConfig c;
  c.dataset_size = 24;
  c.batches = 5;
  const Curves got = run(c, {24});
  EXPECT_LT(got.bn[0], 1e-6);
  const auto data = dataset_of(c);
  const xt::xarray<double> grouped = xt::reshape_view(
      data,
      std::vector<size_t>{static_cast<size_t>(c.dataset_size), static_cast<size_t>(c.num_groups),
                          static_cast<size_t>(c.channels / c.num_groups * c.spatial)});
  const auto var = population_std(xt::mean(grouped, {2}));
  const double n = 24.0 * 5.0;
  double want = 0;
  for (double v : var) want += std::sqrt(v * n / (n - 1));
  want /= static_cast<double>(var.size());
  EXPECT_NEAR(got.gn[0], want, 1e-5 * want);
}

TEST(BatchSpread, SameSeedSameCurvesAnotherSeedAnotherDraw) {
  BatchSpreadConfig c;
  c.batches = 20;
  const Curves a = run(c, {2, 8}), b = run(c, {2, 8});
  EXPECT_EQ(a.bn, b.bn);
  EXPECT_EQ(a.gn, b.gn);
  c.seed = 2;
  const Curves other = run(c, {2, 8});
  EXPECT_NE(a.bn, other.bn);
}

TEST(BatchSpread, NoSpreadWithoutVariationBetweenSamples) {
  BatchSpreadConfig c;
  c.sample_spread = 0.0;
  c.pixel_noise = 0.0;  // every element is 0
  const Curves got = run(c, {1, 3});
  for (double v : got.bn) EXPECT_EQ(v, 0.0);
  for (double v : got.gn) EXPECT_EQ(v, 0.0);
}

TEST(BatchSpread, RefusesBadConfigurationsWithAMessage) {
  BatchSpreadConfig c;
  EXPECT_EQ(message_of(c, {0}),
            "a batch size must be between 1 and the dataset's 512 samples, got 0");
  EXPECT_EQ(message_of(c, {4, 513}),
            "a batch size must be between 1 and the dataset's 512 samples, got 513");
  EXPECT_EQ(message_of(c, {}), "give at least one batch size");
  c.batches = 1;
  EXPECT_EQ(message_of(c, {4}), "the spread across batches needs 2 to 5000 batches, got 1");
  c = BatchSpreadConfig{};
  c.pixel_noise = -1;
  EXPECT_EQ(message_of(c, {4}), "sample_spread and pixel_noise must be finite and not negative");
  c = BatchSpreadConfig{};
  c.sample_spread = NAN;
  EXPECT_EQ(message_of(c, {4}), "sample_spread and pixel_noise must be finite and not negative");
  c = BatchSpreadConfig{};
  c.channels = 0;
  EXPECT_EQ(message_of(c, {4}),
            "the dataset needs at least one sample, channel and spatial position");
  c = BatchSpreadConfig{};
  c.num_groups = 0;
  EXPECT_EQ(message_of(c, {4}), "Expected num groups to be greater than 0, got 0");
}

TEST(BatchSpread, PassesOnPyTorchsMessagesFromTheNorms) {
  BatchSpreadConfig c;
  c.num_groups = 3;
  EXPECT_EQ(message_of(c, {4}), "num_channels must be divisible by num_groups");
  c = BatchSpreadConfig{};
  c.spatial = 1;
  EXPECT_EQ(message_of(c, {1}),
            "Expected more than 1 value per channel when training, got input size "
            "torch.Size([1, 8, 1])");
  EXPECT_EQ(message_of(c, {2}), "(no error)");
}
