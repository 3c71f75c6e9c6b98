#include "normlab/demos/reduction_trace.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"

using normlab::NormConfig;
using normlab::NormKind;
using normlab::NormModule;
using normlab::Shape;

namespace {

struct Trace {
  std::vector<double> sum, running_mean, sq_dev, sq;
  std::vector<float> xhat, y;
  double mean = 0, var = 0, rstd = 0;
};

Trace trace(const std::vector<float>& x, const float* weight = nullptr, const float* bias = nullptr,
            double eps = 1e-5) {
  Trace t;
  const size_t n = x.size();
  t.sum.resize(n);
  t.running_mean.resize(n);
  t.sq_dev.resize(n);
  t.sq.resize(n);
  t.xhat.resize(n);
  t.y.resize(n);
  normlab::reduction_trace(t.sum.data(), t.running_mean.data(), t.sq_dev.data(), t.sq.data(),
                           t.xhat.data(), t.y.data(), &t.mean, &t.var, &t.rstd, x.data(), weight,
                           bias, static_cast<int64_t>(n), eps);
  return t;
}

std::vector<float> normal(size_t n, unsigned seed, float scale = 1.0f, float shift = 0.0f) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(shift, scale);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

}  // namespace

TEST(ReductionTrace, RunningSumsOfBothPasses) {
  const Trace t = trace({1, 2, 3, 4});
  EXPECT_EQ(t.sum, (std::vector<double>{1, 3, 6, 10}));
  EXPECT_EQ(t.running_mean, (std::vector<double>{1, 1.5, 2, 2.5}));
  EXPECT_EQ(t.mean, 2.5);
  EXPECT_EQ(t.sq_dev, (std::vector<double>{2.25, 0.25, 0.25, 2.25}));
  EXPECT_EQ(t.sq, (std::vector<double>{2.25, 2.5, 2.75, 5.0}));
  EXPECT_EQ(t.var, 1.25);  // biased: divided by n = 4, not 3
  EXPECT_DOUBLE_EQ(t.rstd, 1.0 / std::sqrt(1.25 + 1e-5));
  EXPECT_FLOAT_EQ(t.xhat[0], static_cast<float>(-1.5 / std::sqrt(1.25 + 1e-5)));
  EXPECT_EQ(t.xhat, t.y) << "no affine: y is the normalized value";
}

TEST(ReductionTrace, AffineIsPerElement) {
  const std::vector<float> w{2, 2, 0.5f, 1}, b{1, 0, 0, -3};
  const Trace t = trace({1, 2, 3, 4}, w.data(), b.data());
  for (size_t k = 0; k < 4; ++k) EXPECT_FLOAT_EQ(t.y[k], t.xhat[k] * w[k] + b[k]) << k;
}

TEST(ReductionTrace, ConstantGroupHasZeroVarianceAndGivesTheBias) {
  const std::vector<float> b{0.5f, -1, 2};
  const Trace t = trace({7, 7, 7}, nullptr, b.data());
  EXPECT_EQ(t.var, 0.0);
  EXPECT_DOUBLE_EQ(t.rstd, 1.0 / std::sqrt(1e-5));
  EXPECT_EQ(t.y, b);
}

TEST(ReductionTrace, OneElement) {
  const Trace t = trace({-3.5f});
  EXPECT_EQ(t.mean, -3.5);
  EXPECT_EQ(t.var, 0.0);
  EXPECT_EQ(t.y[0], 0.0f);
}

TEST(ReductionTrace, KeepsDigitsWhenMeanIs1e4AndStdIs1e2) {
  const auto x = normal(4096, 3, 1e-2f, 1e4f);
  const Trace t = trace(x);
  double mean = 0, m2 = 0;
  for (float v : x) mean += v;
  mean /= 4096;
  for (float v : x) m2 += (v - mean) * (v - mean);
  EXPECT_NEAR(t.var, m2 / 4096, 1e-9);
  EXPECT_NEAR(std::sqrt(t.var), 1e-2, 1e-3);
}

TEST(ReductionTrace, EndsOnTheLayerNormModulesStatisticsAndOutput) {
  const Shape shape{5, 37};
  NormConfig config;
  config.kind = NormKind::layer_norm;
  config.normalized_shape = {37};
  NormModule m(config);
  m.weight() = normal(37, 1, 0.5f, 1.0f);
  m.bias() = normal(37, 2);
  const auto x = normal(5 * 37, 4, 2.0f, 3.0f);
  std::vector<float> y(x.size());
  m.forward(y.data(), x.data(), shape);
  for (size_t r = 0; r < 5; ++r) {
    const std::vector<float> row(x.begin() + r * 37, x.begin() + (r + 1) * 37);
    const Trace t = trace(row, m.weight().data(), m.bias().data());
    EXPECT_NEAR(t.mean, m.stat_mean()[r], 1e-6) << r;
    EXPECT_NEAR(t.rstd, m.stat_rstd()[r], 1e-6 * t.rstd) << r;
    EXPECT_NEAR(t.sum.back() / 37, m.stat_mean()[r], 1e-6) << "the last partial mean";
    for (size_t k = 0; k < 37; ++k) EXPECT_NEAR(t.y[k], y[r * 37 + k], 2e-6) << r << "," << k;
  }
}

TEST(ReductionTrace, EndsOnTheStatisticsOfBatchInstanceAndGroupNorm) {
  const Shape shape{2, 6, 4, 4};
  const auto x = normal(192, 9, 1.5f, -0.5f);
  std::vector<NormConfig> configs(3);
  configs[0].kind = NormKind::batch_norm;
  configs[1].kind = NormKind::instance_norm;
  configs[2].kind = NormKind::group_norm;
  configs[2].num_groups = 3;
  for (NormConfig& config : configs) {
    config.num_features = 6;
    NormModule m(config);
    std::vector<float> y(x.size());
    m.forward(y.data(), x.data(), shape);
    const normlab::StatsPlan plan = m.plan(shape);
    ASSERT_EQ(plan.stat_count, m.stat_count());
    for (int32_t g = 0; g < plan.stat_count; ++g) {
      // the group's elements in increasing flat order: the order the kernels visit them
      std::vector<float> members;
      std::vector<float> outputs;
      for (size_t i = 0; i < x.size(); ++i) {
        if (plan.group[i] != g) continue;
        members.push_back(x[i]);
        outputs.push_back(y[i]);
      }
      const Trace t = trace(members);
      EXPECT_NEAR(t.mean, m.stat_mean()[static_cast<size_t>(g)], 1e-6) << g;
      EXPECT_NEAR(t.rstd, m.stat_rstd()[static_cast<size_t>(g)], 1e-5 * t.rstd) << g;
      for (size_t k = 0; k < members.size(); ++k) EXPECT_NEAR(t.y[k], outputs[k], 1e-5) << g;
    }
  }
}

TEST(ReductionTrace, RefusesAnEmptyGroup) {
  std::vector<double> d(1);
  std::vector<float> f(1);
  double mean = 0, var = 0, rstd = 0;
  try {
    normlab::reduction_trace(d.data(), d.data(), d.data(), d.data(), f.data(), f.data(), &mean,
                             &var, &rstd, f.data(), nullptr, nullptr, 0, 1e-5);
    FAIL() << "no error";
  } catch (const normlab::Error& e) {
    EXPECT_STREQ(e.what(), "a statistics group needs at least one element, got 0");
  }
}

TEST(ReductionTrace, NaNSpoilsTheStatisticsFromWhereItEnters) {
  const Trace t = trace({1, NAN, 2});
  EXPECT_EQ(t.sum[0], 1.0);
  EXPECT_TRUE(std::isnan(t.sum[1]));
  EXPECT_TRUE(std::isnan(t.mean));
  for (float v : t.y) EXPECT_TRUE(std::isnan(v));
}
