#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "normlab/demos/group_stats.hpp"
#include "normlab/error.hpp"
#include "normlab/norm.hpp"

using normlab::group_moments;

namespace {

struct Stats {
  std::vector<int32_t> count;
  std::vector<double> mean, var, var_unbiased;
};

Stats run(const std::vector<float>& x, const std::vector<int32_t>& group, int64_t groups) {
  const auto g = static_cast<size_t>(groups);
  Stats s{std::vector<int32_t>(g), std::vector<double>(g), std::vector<double>(g),
          std::vector<double>(g)};
  group_moments(s.count.data(), s.mean.data(), s.var.data(), s.var_unbiased.data(), x.data(),
                group.data(), static_cast<int64_t>(x.size()), groups);
  return s;
}

}  // namespace

// torch.var(x, unbiased=False) and torch.var(x) in float64 for x = [1, 2, 3, 4].
TEST(GroupStats, BiasedAndUnbiasedVarianceAsTorchVar) {
  const Stats s = run({1, 2, 3, 4}, {0, 0, 0, 0}, 1);
  EXPECT_EQ(s.count[0], 4);
  EXPECT_EQ(s.mean[0], 2.5);
  EXPECT_EQ(s.var[0], 1.25);
  EXPECT_DOUBLE_EQ(s.var_unbiased[0], 5.0 / 3.0);
}

// BatchNorm's channels interleave: on (N=2, C=3, S=2) channel c owns elements n*6 + c*2 + s.
TEST(GroupStats, InterleavedGroupsMatchADirectSum) {
  std::vector<float> x(12);
  std::vector<int32_t> group(12);
  std::mt19937 gen(11);
  std::normal_distribution<float> dist(0.0f, 2.0f);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = dist(gen);
    group[i] = static_cast<int32_t>((i / 2) % 3);
  }
  const Stats s = run(x, group, 3);
  for (int c = 0; c < 3; ++c) {
    std::vector<double> v;
    for (int n = 0; n < 2; ++n)
      for (int k = 0; k < 2; ++k) v.push_back(x[static_cast<size_t>(n * 6 + c * 2 + k)]);
    double m = 0;
    for (double e : v) m += e / 4.0;
    double ss = 0;
    for (double e : v) ss += (e - m) * (e - m);
    EXPECT_EQ(s.count[c], 4);
    EXPECT_NEAR(s.mean[c], m, 1e-12);
    EXPECT_NEAR(s.var[c], ss / 4.0, 1e-12);
    EXPECT_NEAR(s.var_unbiased[c], ss / 3.0, 1e-12);
  }
}

TEST(GroupStats, ConstantGroupHasVarianceExactlyZero) {
  const Stats s = run({3.3f, 3.3f, 3.3f, 3.3f, 1, 2}, {0, 0, 0, 0, 1, 1}, 2);
  EXPECT_EQ(s.mean[0], static_cast<double>(3.3f));
  EXPECT_EQ(s.var[0], 0.0);
  EXPECT_EQ(s.var_unbiased[0], 0.0);
  EXPECT_EQ(s.var[1], 0.25);
}

TEST(GroupStats, EmptyGroupIsNaNAndOneElementHasNoUnbiasedVariance) {
  const Stats s = run({5.0f}, {1}, 3);
  EXPECT_EQ(s.count[0], 0);
  EXPECT_TRUE(std::isnan(s.mean[0]));
  EXPECT_TRUE(std::isnan(s.var[0]));
  EXPECT_TRUE(std::isnan(s.var_unbiased[0]));
  EXPECT_EQ(s.count[1], 1);
  EXPECT_EQ(s.mean[1], 5.0);
  EXPECT_EQ(s.var[1], 0.0);
  EXPECT_TRUE(std::isnan(s.var_unbiased[1]));
}

TEST(GroupStats, KeepsDigitsWhenMeanIs1e4AndStdIs1e2) {
  std::mt19937 gen(5);
  std::normal_distribution<float> dist(1e4f, 1e-2f);
  std::vector<float> x(4096);
  for (float& v : x) v = dist(gen);
  const Stats s = run(x, std::vector<int32_t>(x.size(), 0), 1);
  long double m = 0;
  for (float v : x) m += v;
  m /= x.size();
  long double ss = 0;
  for (float v : x) ss += (v - m) * (v - m);
  EXPECT_NEAR(s.mean[0], static_cast<double>(m), 1e-9);
  EXPECT_NEAR(s.var[0], static_cast<double>(ss / x.size()), 1e-12);
  EXPECT_NEAR(s.var[0], 1e-4, 1e-5);
}

// The printed statistics and the layer's own must agree: LayerNorm(5) on (3, 5).
TEST(GroupStats, AgreesWithTheLayerNormKernel) {
  normlab::NormConfig config;
  config.normalized_shape = {5};
  normlab::NormModule ln(config);
  const std::vector<float> x{1, 4, 2, 8, 5, -1, -1, -1, -1, -1, 0.5f, 0.25f, 9, -3, 7};
  std::vector<float> y(x.size());
  ln.forward(y.data(), x.data(), {3, 5});
  const auto plan = ln.plan({3, 5});
  const Stats s = run(x, plan.group, plan.stat_count);
  for (size_t r = 0; r < 3; ++r) {
    EXPECT_EQ(s.count[r], 5);
    EXPECT_NEAR(s.mean[r], ln.stat_mean()[r], 1e-6) << r;
    const double rstd = 1.0 / std::sqrt(s.var[r] + 1e-5);
    EXPECT_NEAR(rstd, ln.stat_rstd()[r], 1e-5 * rstd) << r;
  }
}

TEST(GroupStats, RefusesIdsOutsideTheGroupsAndNegativeSizes) {
  try {
    run({1, 2, 3}, {0, 2, 1}, 2);
    FAIL() << "group id 2 of 2 was accepted";
  } catch (const normlab::Error& e) {
    EXPECT_STREQ(e.what(), "group_moments: element 1 has group id 2, outside [0, 2)");
  }
  EXPECT_THROW(run({1}, {-1}, 1), normlab::Error);
  int32_t count = 0;
  double mean = 0, var = 0;
  EXPECT_THROW(group_moments(&count, &mean, &var, nullptr, nullptr, nullptr, -1, 1),
               normlab::Error);
  EXPECT_NO_THROW(group_moments(&count, &mean, &var, nullptr, nullptr, nullptr, 0, 1));
  EXPECT_EQ(count, 0);
  EXPECT_TRUE(std::isnan(mean));
}
