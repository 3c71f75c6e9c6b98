#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "golden.hpp"
#include "norm_testing.hpp"
#include "reference.hpp"

using namespace normtest;
namespace ref = normlab::reference;

namespace {

// BatchNorm's [N, C, S] view of an input shape.
Shape ncs(const Shape& shape) {
  return {shape[0], shape[1], normlab::numel(shape, 2, shape.size())};
}

int dims_of(const Shape& shape) {
  return shape.size() <= 3 ? 1 : static_cast<int>(shape.size()) - 2;
}

}  // namespace

TEST(BatchNorm, GoldenCasesFromPyTorch) {
  golden::check_norm_cases("batch_norm");
}

// The pitfalls chapter's cases (tests/golden/pitfalls.json): the eval()/no_grad grid, the
// N*H*W > 1 rule, momentum m against Keras's 1 - m.
TEST(BatchNorm, PitfallsGoldenCasesFromPyTorch) {
  golden::check_norm_cases("pitfalls");
}

// (N, C) and short slabs take the column loop, slabs of 16 and more the row loop + Chan's formula.
TEST(BatchNorm, TrainingMatchesXtensorReferenceOnOddShapes) {
  for (const Shape& shape : std::vector<Shape>{
           {5, 3}, {130, 7}, {3, 5, 7}, {2, 3, 17}, {2, 3, 5, 7}, {3, 2, 1, 1}, {2, 3, 2, 3, 5}}) {
    SCOPED_TRACE(normlab::format_shape(shape));
    NormModule m(batch_norm(dims_of(shape), shape[1]));
    const auto c = static_cast<size_t>(shape[1]);
    m.weight() = random_values(c, 1, 0.5f, 1.0f);
    m.bias() = random_values(c, 2);
    const auto x = random_values(count(shape), 3, 2.0f, -1.0f);
    const auto y = forward(m, x, shape);
    const auto xd = as_double(x, ncs(shape));
    const auto want = ref::batch_norm(xd, as_double(m.weight(), {shape[1]}),
                                      as_double(m.bias(), {shape[1]}), 1e-5);
    for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(y[i], want.flat(i), 1e-5) << i;
    // the statistics it reports, and the running statistics one step of momentum 0.1 makes
    const xt::xarray<double> kept = xt::mean(xd, {0, 2}, xt::keep_dims);
    const xt::xarray<double> mean = xt::mean(xd, {0, 2});
    const xt::xarray<double> var = xt::mean(xt::square(xd - kept), {0, 2});
    const double n = static_cast<double>(shape[0] * ncs(shape)[2]);
    ASSERT_EQ(m.stat_count(), shape[1]);
    for (size_t k = 0; k < c; ++k) {
      EXPECT_NEAR(m.stat_mean()[k], mean(k), 1e-6);
      EXPECT_NEAR(m.stat_rstd()[k], 1.0 / std::sqrt(var(k) + 1e-5), 1e-5 * m.stat_rstd()[k]);
      EXPECT_NEAR(m.running_mean()[k], 0.1 * mean(k), 1e-6);
      EXPECT_NEAR(m.running_var()[k], 0.9 + 0.1 * var(k) * n / (n - 1), 1e-6);
    }
    EXPECT_EQ(m.num_batches_tracked(), 1);
  }
}

TEST(BatchNorm, EvalUsesTheRunningStatistics) {
  const Shape shape{4, 5, 3};
  NormModule m(batch_norm(1, 5));
  m.running_mean() = random_values(5, 4);
  m.running_var() = random_values(5, 5, 0.3f, 1.5f);
  m.bias() = random_values(5, 6);
  m.set_training(false);
  const auto x = random_values(count(shape), 7);
  const auto y = forward(m, x, shape);
  const auto want = ref::batch_norm_eval(as_double(x, shape), as_double(m.running_mean(), {5}),
                                         as_double(m.running_var(), {5}), xt::xarray<double>(),
                                         as_double(m.bias(), {5}), 1e-5);
  for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(y[i], want.flat(i), 1e-5) << i;
  EXPECT_EQ(m.num_batches_tracked(), 0);
  EXPECT_EQ(m.stat_mean()[2], static_cast<double>(m.running_mean()[2]));
}

TEST(BatchNorm, TrainingBackwardMatchesFiniteDifferences) {
  for (const Shape& shape : std::vector<Shape>{{5, 3}, {3, 5, 7}, {2, 3, 17}, {2, 3, 3, 5}}) {
    SCOPED_TRACE(normlab::format_shape(shape));
    NormModule m(batch_norm(dims_of(shape), shape[1]));
    m.weight() = random_values(count({shape[1]}), 11, 0.5f, 1.0f);
    m.bias() = random_values(count({shape[1]}), 12);
    expect_gradients_match_finite_differences(
        m, shape, ncs(shape),
        [](const auto& x, const auto& w, const auto& b) { return ref::batch_norm(x, w, b, 1e-5); },
        13);
  }
}

TEST(BatchNorm, EvalBackwardMatchesFiniteDifferences) {
  const Shape shape{3, 4, 5};
  NormModule m(batch_norm(1, 4));
  m.weight() = random_values(4, 14, 0.5f, 1.0f);
  m.running_mean() = random_values(4, 15);
  m.running_var() = random_values(4, 16, 0.2f, 0.8f);
  m.set_training(false);
  const auto mean = as_double(m.running_mean(), {4}), var = as_double(m.running_var(), {4});
  expect_gradients_match_finite_differences(
      m, shape, shape,
      [&](const auto& x, const auto& w, const auto& b) {
        return ref::batch_norm_eval(x, mean, var, w, b, 1e-5);
      },
      17);
}

TEST(BatchNorm, NoRunningStatisticsMeansBatchStatisticsInEvalToo) {
  NormConfig config = batch_norm(2, 3);
  config.track_running_stats = false;
  NormModule m(config);
  EXPECT_FALSE(m.has_running_stats());
  EXPECT_TRUE(m.buffer_shapes().empty());
  const Shape shape{2, 3, 2, 2};
  const auto x = random_values(24, 18);
  const auto train = forward(m, x, shape);
  m.set_training(false);
  EXPECT_EQ(forward(m, x, shape), train);
  expect_gradients_match_finite_differences(
      m, {3, 3, 1, 5}, {3, 3, 5},
      [](const auto& xx, const auto& w, const auto& b) { return ref::batch_norm(xx, w, b, 1e-5); },
      19);
}

TEST(BatchNorm, MomentumNoneKeepsTheAverageOfEveryBatch) {
  NormConfig config = batch_norm(1, 4);
  config.momentum.reset();
  NormModule m(config);
  std::vector<double> sum(4, 0.0);
  for (unsigned k = 0; k < 5; ++k) {
    forward(m, random_values(24, 20 + k, 1.0f + static_cast<float>(k), static_cast<float>(k)),
            {6, 4});
    for (size_t c = 0; c < 4; ++c) sum[c] += m.stat_mean()[c];
  }
  EXPECT_EQ(m.num_batches_tracked(), 5);
  for (size_t c = 0; c < 4; ++c) EXPECT_NEAR(m.running_mean()[c], sum[c] / 5, 1e-5);
}

TEST(BatchNorm, RunningVarIsUnbiasedWhileTheOutputUsesTheBiasedVariance) {
  NormConfig config = batch_norm(1, 1);
  config.momentum = 1.0;
  NormModule m(config);
  const std::vector<float> x{1, 2, 3, 4};  // biased variance 1.25, unbiased 5/3
  const auto y = forward(m, x, {4, 1});
  EXPECT_NEAR(m.running_var()[0], 5.0 / 3.0, 1e-6);
  EXPECT_NEAR(m.running_mean()[0], 2.5, 1e-6);
  EXPECT_NEAR(y[0], -1.5 / std::sqrt(1.25 + 1e-5), 1e-6);
}

TEST(BatchNorm, KeepsDigitsWhenMeanIs1e4AndStdIs1e2) {
  for (const Shape& shape : std::vector<Shape>{{512, 5}, {4, 3, 300}, {64, 3, 3}}) {
    SCOPED_TRACE(normlab::format_shape(shape));
    NormModule m(batch_norm(1, shape[1]));
    const auto x = random_values(count(shape), 21, 1e-2f, 1e4f);
    const auto y = forward(m, x, shape);
    const auto want = ref::batch_norm(as_double(x, ncs(shape)), {}, {}, 1e-5);
    for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(y[i], want.flat(i), 2e-4) << i;
  }
}

TEST(BatchNorm, ConstantChannelGivesExactlyTheBias) {
  for (const Shape& shape : std::vector<Shape>{{4, 2}, {2, 2, 20}}) {
    NormModule m(batch_norm(1, 2));
    m.bias() = {0.5f, -1.0f};
    std::vector<float> x(count(shape), 3e4f);
    const auto y = forward(m, x, shape);
    const auto spatial = static_cast<size_t>(ncs(shape)[2]);
    for (size_t i = 0; i < y.size(); ++i) EXPECT_EQ(y[i], m.bias()[(i / spatial) % 2]) << i;
    EXPECT_EQ(m.stat_mean()[0], 3e4);
  }
}

TEST(BatchNorm, NaNSpoilsOnlyItsOwnChannel) {
  for (const Shape& shape : std::vector<Shape>{{4, 3}, {2, 3, 16}}) {
    NormModule m(batch_norm(1, 3));
    auto x = random_values(count(shape), 22);
    const size_t s = static_cast<size_t>(ncs(shape)[2]);
    x[1 * s + 3 % s] = NAN;  // sample 0, channel 1
    const auto y = forward(m, x, shape);
    for (size_t i = 0; i < y.size(); ++i) {
      const size_t channel = (i / s) % 3;
      EXPECT_EQ(std::isnan(y[i]), channel == 1) << i;
    }
    EXPECT_TRUE(std::isnan(m.running_mean()[1]));
    EXPECT_FALSE(std::isnan(m.running_mean()[0]));
  }
}

TEST(BatchNorm, RefusedInputChangesNothingAndModuleStaysUsable) {
  NormModule m(batch_norm(1, 3));
  const auto x = random_values(12, 23);
  forward(m, x, {4, 3});
  const auto mean = m.running_mean(), var = m.running_var();
  const auto stat_mean = m.stat_mean();
  EXPECT_EQ(message_of([&] {
              forward(m, {1, 2, 3}, {1, 3});
            }),
            "Expected more than 1 value per channel when training, got input size "
            "torch.Size([1, 3])");
  EXPECT_EQ(message_of([&] {
              forward(m, random_values(8, 1), {2, 4});
            }),
            "running_mean should contain 4 elements not 3");
  EXPECT_EQ(message_of([&] {
              forward(m, random_values(48, 1), {2, 3, 4, 2});
            }),
            "expected 2D or 3D input (got 4D input)");
  EXPECT_EQ(m.num_batches_tracked(), 1);
  EXPECT_EQ(m.running_mean(), mean);
  EXPECT_EQ(m.running_var(), var);
  EXPECT_EQ(m.stat_mean(), stat_mean);
  // eval takes a single sample
  m.set_training(false);
  EXPECT_EQ(message_of([&] { forward(m, {1, 2, 3}, {1, 3}); }), "");
  m.set_training(true);
  NormModule fresh(batch_norm(1, 3));
  forward(fresh, x, {4, 3});
  forward(m, x, {4, 3});
  forward(fresh, x, {4, 3});
  EXPECT_EQ(m.running_mean(), fresh.running_mean());
  EXPECT_EQ(m.num_batches_tracked(), 2);
  EXPECT_EQ(forward(m, x, {4, 3}), forward(fresh, x, {4, 3}));
}

TEST(BatchNorm, ConstructorRefusesNegativeFeaturesOnlyWhenItAllocates) {
  EXPECT_EQ(message_of([] { NormModule m(batch_norm(2, -3)); }),
            "Trying to create tensor with negative dimension -3: [-3]");
  NormConfig bare = batch_norm(2, -3);
  bare.affine = false;
  bare.track_running_stats = false;
  NormModule m(bare);
  EXPECT_TRUE(m.parameter_shapes().empty());
  EXPECT_EQ(m.plan({2, 4, 1, 1}).stat_count, 4);
}

TEST(BatchNorm, EmptyBatchCountsButLeavesStatisticsAlone) {
  NormModule m(batch_norm(1, 3));
  forward(m, {}, {0, 3});
  EXPECT_EQ(m.num_batches_tracked(), 1);
  EXPECT_EQ(m.running_mean(), std::vector<float>(3, 0.0f));
  EXPECT_EQ(m.running_var(), std::vector<float>(3, 1.0f));
  std::vector<float> none;
  m.backward(none.data(), none.data());
  EXPECT_EQ(m.grad_weight(), std::vector<float>(3, 0.0f));
}
