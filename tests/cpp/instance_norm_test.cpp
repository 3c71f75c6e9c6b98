#include <gtest/gtest.h>

#include <cmath>

#include "golden.hpp"
#include "norm_testing.hpp"
#include "reference.hpp"

using namespace normtest;
namespace ref = normlab::reference;

namespace {

NormConfig tracked(int dims, int64_t channels, double momentum = 0.1) {
  NormConfig c = instance_norm(dims, channels);
  c.track_running_stats = true;
  c.momentum = momentum;
  return c;
}

}  // namespace

TEST(InstanceNorm, GoldenCasesFromPyTorch) {
  golden::check_norm_cases("instance_norm");
}

TEST(InstanceNorm, MatchesGroupNormReferenceWithOneChannelPerGroup) {
  // {shape, dims, its [N, C, S] view}: batched and unbatched
  for (const auto& [shape, dims, ncs] :
       std::vector<std::tuple<Shape, int, Shape>>{{{3, 5, 7}, 1, {3, 5, 7}},
                                                  {{5, 7}, 1, {1, 5, 7}},
                                                  {{2, 3, 4, 5}, 2, {2, 3, 20}},
                                                  {{3, 2, 5}, 2, {1, 3, 10}},
                                                  {{2, 2, 3, 1, 3}, 3, {2, 2, 9}},
                                                  {{2, 40, 1, 1}, 3, {1, 2, 40}}}) {
    SCOPED_TRACE(normlab::format_shape(shape));
    NormConfig config = instance_norm(dims, ncs[1]);
    config.affine = true;
    NormModule m(config);
    const auto c = static_cast<size_t>(ncs[1]);
    m.weight() = random_values(c, 1, 0.5f, 1.0f);
    m.bias() = random_values(c, 2);
    const auto x = random_values(count(shape), 3, 2.0f, 1.0f);
    const auto y = forward(m, x, shape);
    const auto want = ref::group_norm(as_double(x, ncs), c, as_double(m.weight(), {ncs[1]}),
                                      as_double(m.bias(), {ncs[1]}), 1e-5);
    for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(y[i], want.flat(i), 1e-5) << i;
    EXPECT_EQ(m.stat_count(), ncs[0] * ncs[1]);
  }
}

TEST(InstanceNorm, BackwardMatchesFiniteDifferences) {
  NormConfig config = instance_norm(1, 5);
  config.affine = true;
  NormModule m(config);
  m.weight() = random_values(5, 4, 0.5f, 1.0f);
  m.bias() = random_values(5, 5);
  const auto in = [](const auto& x, const auto& w, const auto& b) {
    return ref::group_norm(x, x.shape()[1], w, b, 1e-5);
  };
  expect_gradients_match_finite_differences(m, {3, 5, 7}, {3, 5, 7}, in, 6);
  expect_gradients_match_finite_differences(m, {5, 3}, {1, 5, 3}, in, 7, 1);
}

TEST(InstanceNorm, EvalWithRunningStatisticsBackwardMatchesFiniteDifferences) {
  NormConfig config = tracked(2, 3);
  config.affine = true;
  NormModule m(config);
  m.weight() = random_values(3, 8, 0.5f, 1.0f);
  m.running_mean() = random_values(3, 9);
  m.running_var() = random_values(3, 10, 0.2f, 0.8f);
  m.set_training(false);
  const auto mean = as_double(m.running_mean(), {3}), var = as_double(m.running_var(), {3});
  expect_gradients_match_finite_differences(
      m, {2, 3, 1, 3}, {2, 3, 3},
      [&](const auto& x, const auto& w, const auto& b) {
        return ref::batch_norm_eval(x, mean, var, w, b, 1e-5);
      },
      11, 1);
}

TEST(InstanceNorm, RunningStatisticsAreAveragedOverTheBatch) {
  NormModule m(tracked(1, 2, 1.0));
  // sample 0: channel 0 = {1, 3}, channel 1 = {0, 4}; sample 1: {5, 5}, {2, 2}
  forward(m, {1, 3, 0, 4, 5, 5, 2, 2}, {2, 2, 2});
  EXPECT_NEAR(m.running_mean()[0], (2.0 + 5.0) / 2, 1e-6);
  EXPECT_NEAR(m.running_mean()[1], (2.0 + 2.0) / 2, 1e-6);
  // unbiased variances per sample: channel 0 {2, 0}, channel 1 {8, 0}
  EXPECT_NEAR(m.running_var()[0], 1.0, 1e-6);
  EXPECT_NEAR(m.running_var()[1], 4.0, 1e-6);
  EXPECT_EQ(m.num_batches_tracked(), 0);  // InstanceNorm never counts batches
  // eval normalizes with them, even a single spatial element
  m.set_training(false);
  const auto y = forward(m, {7, 8}, {2, 1});
  EXPECT_NEAR(y[0], (7 - 3.5) / std::sqrt(1.0 + 1e-5), 1e-5);
  EXPECT_NEAR(y[1], (8 - 2.0) / std::sqrt(4.0 + 1e-5), 1e-5);
  EXPECT_EQ(m.stat_count(), 2);
}

TEST(InstanceNorm, ChannelCountIsFreeWithoutAffineOrRunningStatistics) {
  NormModule m(instance_norm(1, 3));
  const auto y = forward(m, random_values(40, 12), {2, 4, 5});
  EXPECT_EQ(m.stat_count(), 8);
  EXPECT_EQ(y.size(), 40u);
  NormConfig affine = instance_norm(1, 3);
  affine.affine = true;
  NormModule a(affine);
  EXPECT_EQ(message_of([&] {
              forward(a, random_values(40, 12), {2, 4, 5});
            }),
            "weight should contain 8 elements not 6");
  NormModule r(tracked(1, 3));
  EXPECT_EQ(message_of([&] {
              forward(r, random_values(20, 12), {4, 5});
            }),
            "running_mean should contain 4 elements not 3");
}

TEST(InstanceNorm, KeepsDigitsWhenMeanIs1e4AndStdIs1e2) {
  NormModule m(instance_norm(1, 3));
  const Shape shape{2, 3, 500};
  const auto x = random_values(count(shape), 13, 1e-2f, 1e4f);
  const auto y = forward(m, x, shape);
  const auto want = ref::group_norm(as_double(x, shape), 3, {}, {}, 1e-5);
  for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(y[i], want.flat(i), 2e-4) << i;
}

TEST(InstanceNorm, ConstantRowGivesExactlyTheBiasAndNaNStaysInItsRow) {
  NormConfig config = instance_norm(1, 2);
  config.affine = true;
  NormModule m(config);
  m.bias() = {0.5f, -2.0f};
  const auto y = forward(m, {6, 6, 6, 1, 2, 3, 4, NAN, 5, 7, 8, 9}, {2, 2, 3});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(y[i], 0.5f);
  for (int i = 3; i < 6; ++i) EXPECT_TRUE(std::isfinite(y[i]));
  for (int i = 6; i < 9; ++i) EXPECT_TRUE(std::isnan(y[i]));
  for (int i = 9; i < 12; ++i) EXPECT_TRUE(std::isfinite(y[i]));
}

TEST(InstanceNorm, RefusedInputChangesNothing) {
  NormModule m(tracked(2, 3));
  const auto x = random_values(24, 14);
  forward(m, x, {2, 3, 2, 2});
  const auto mean = m.running_mean(), var = m.running_var();
  EXPECT_EQ(message_of([&] {
              forward(m, random_values(6, 1), {2, 3, 1, 1});
            }),
            "Expected more than 1 spatial element when training, got input size "
            "torch.Size([2, 3, 1, 1])");
  EXPECT_EQ(message_of([&] {
              forward(m, random_values(3, 1), {3, 1, 1});
            }),
            "Expected more than 1 spatial element when training, got input size "
            "torch.Size([1, 3, 1, 1])");
  EXPECT_EQ(message_of([&] {
              forward(m, random_values(6, 1), {2, 3});
            }),
            "expected 3D or 4D input (got 2D input)");
  EXPECT_EQ(m.running_mean(), mean);
  EXPECT_EQ(m.running_var(), var);
  NormModule fresh(tracked(2, 3));
  forward(fresh, x, {2, 3, 2, 2});
  EXPECT_EQ(forward(m, x, {2, 3, 2, 2}), forward(fresh, x, {2, 3, 2, 2}));
  EXPECT_EQ(m.running_mean(), fresh.running_mean());
}

TEST(InstanceNorm, MomentumNoneFailsEveryCallAsInPyTorch) {
  NormConfig config = tracked(1, 3);
  config.momentum.reset();
  NormModule m(config);
  const std::string message =
      "instance_norm(): argument 'momentum' (position 7) must be float, not NoneType";
  EXPECT_EQ(message_of([&] { forward(m, random_values(12, 1), {3, 4}); }), message);
  m.set_training(false);
  EXPECT_EQ(message_of([&] { forward(m, random_values(12, 1), {3, 4}); }), message);
  EXPECT_EQ(m.plan({3, 4}).stat_count, 3);  // the shape itself is fine
}

// torch.instance_norm averages the repeated running statistics over the batch: an empty batch
// gives 0/0 (JSON cannot hold the NaN, so this is checked here rather than in the golden file).
TEST(InstanceNorm, EmptyBatchMakesTheRunningStatisticsNaN) {
  NormModule m(tracked(1, 3));
  forward(m, {}, {0, 3, 4});
  for (size_t c = 0; c < 3; ++c) {
    EXPECT_TRUE(std::isnan(m.running_mean()[c]));
    EXPECT_TRUE(std::isnan(m.running_var()[c]));
  }
  NormModule one(tracked(1, 3));
  forward(one, {}, {0, 1, 4});  // a single channel broadcasts into all three
  EXPECT_TRUE(std::isnan(one.running_mean()[2]));
  NormModule two(tracked(1, 3));
  EXPECT_EQ(message_of([&] {
              forward(two, {}, {0, 2, 4});
            }),
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton "
            "dimension 0");
  EXPECT_EQ(two.running_mean(), std::vector<float>(3, 0.0f));
}
