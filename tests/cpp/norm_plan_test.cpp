// The statistics plan (which elements share a mean) and the parameter and buffer shapes that the
// page's pictures and self-checks show, for the curriculum's examples and against the kernels.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "norm_testing.hpp"

using namespace normtest;
using normlab::NamedShapes;

TEST(NormPlan, LayerNormOfFourOnTwoByThreeByFourHasSixGroups) {
  NormModule m(layer_norm({4}));
  const auto plan = m.plan({2, 3, 4});
  EXPECT_EQ(plan.stat_count, 6);  // one per token: 2 * 3
  EXPECT_EQ(m.parameter_shapes(), (NamedShapes{{"weight", {4}}, {"bias", {4}}}));
  EXPECT_TRUE(m.buffer_shapes().empty());
}

// The answer is 3, one per channel over 2 * 4 * 4 = 32 elements, not 2 * 3 = 6.
TEST(NormPlan, BatchNorm2dOfThreeHasThreeGroupsOfThirtyTwo) {
  NormModule m(batch_norm(2, 3));
  const auto plan = m.plan({2, 3, 4, 4});
  EXPECT_EQ(plan.stat_count, 3);
  std::map<int32_t, int> sizes;
  for (size_t i = 0; i < plan.group.size(); ++i) {
    ++sizes[plan.group[i]];
    EXPECT_EQ(plan.group[i], static_cast<int32_t>((i / 16) % 3)) << i;
  }
  EXPECT_EQ(sizes, (std::map<int32_t, int>{{0, 32}, {1, 32}, {2, 32}}));
  EXPECT_EQ(m.parameter_shapes(), (NamedShapes{{"weight", {3}}, {"bias", {3}}}));
  EXPECT_EQ(
      m.buffer_shapes(),
      (NamedShapes{{"running_mean", {3}}, {"running_var", {3}}, {"num_batches_tracked", {}}}));
}

TEST(NormPlan, LayerNormOverChannelsAndSpaceHasOneGroupPerSampleAndAnElementwiseAffine) {
  NormModule m(layer_norm({3, 4, 5}));
  const auto plan = m.plan({2, 3, 4, 5});
  EXPECT_EQ(plan.stat_count, 2);
  EXPECT_EQ(plan.group[59], 0);
  EXPECT_EQ(plan.group[60], 1);
  EXPECT_EQ(m.parameter_shapes(), (NamedShapes{{"weight", {3, 4, 5}}, {"bias", {3, 4, 5}}}));
}

TEST(NormPlan, GroupNormOfOneGroupsLikeLayerNormAndOfCGroupsLikeInstanceNorm) {
  const Shape shape{2, 6, 3, 2};
  NormModule gn1(group_norm(1, 6)), gn6(group_norm(6, 6)), gn3(group_norm(3, 6));
  NormModule ln(layer_norm({6, 3, 2})), in(instance_norm(2, 6));
  EXPECT_EQ(gn1.plan(shape).group, ln.plan(shape).group);
  EXPECT_EQ(gn6.plan(shape).group, in.plan(shape).group);
  EXPECT_EQ(gn6.plan(shape).stat_count, 12);
  const auto plan = gn3.plan(shape);
  EXPECT_EQ(plan.stat_count, 6);
  EXPECT_EQ(plan.group[11], 0);  // sample 0, channel 1
  EXPECT_EQ(plan.group[12], 1);  // sample 0, channel 2: the second group
  EXPECT_EQ(plan.group[36], 3);  // sample 1, channel 0
  // GN's affine is per channel, LN's per element
  EXPECT_EQ(gn1.parameter_shapes(), (NamedShapes{{"weight", {6}}, {"bias", {6}}}));
  EXPECT_EQ(ln.parameter_shapes(), (NamedShapes{{"weight", {6, 3, 2}}, {"bias", {6, 3, 2}}}));
}

TEST(NormPlan, ParameterCountsOfTheCurriculum) {
  auto total = [](const NamedShapes& shapes) {
    int64_t n = 0;
    for (const auto& [name, shape] : shapes) n += normlab::numel(shape);
    return n;
  };
  EXPECT_EQ(total(NormModule(batch_norm(2, 100)).parameter_shapes()), 200);
  EXPECT_EQ(total(NormModule(layer_norm({10})).parameter_shapes()), 20);
  NormConfig no_bias = layer_norm({10});
  no_bias.bias = false;
  EXPECT_EQ(NormModule(no_bias).parameter_shapes(), (NamedShapes{{"weight", {10}}}));
  NormConfig no_affine = layer_norm({10});
  no_affine.affine = false;
  EXPECT_TRUE(NormModule(no_affine).parameter_shapes().empty());
  EXPECT_TRUE(NormModule(instance_norm(2, 8)).parameter_shapes().empty());
  EXPECT_TRUE(NormModule(instance_norm(2, 8)).buffer_shapes().empty());
  EXPECT_EQ(total(NormModule(group_norm(4, 8)).parameter_shapes()), 16);
}

// plan() draws shapes PyTorch refuses only for their value count in training; check_input and
// forward refuse them. Shapes refused in any mode are refused by plan() too.
TEST(NormPlan, RefusesShapesButNotValueCounts) {
  NormModule bn(batch_norm(1, 3));
  EXPECT_EQ(bn.plan({1, 3}).stat_count, 3);
  EXPECT_EQ(message_of([&] {
              bn.check_input({1, 3});
            }),
            "Expected more than 1 value per channel when training, got input size "
            "torch.Size([1, 3])");
  EXPECT_EQ(message_of([&] { bn.plan({2, 3, 4, 4}); }), "expected 2D or 3D input (got 4D input)");
  EXPECT_EQ(message_of([&] { bn.plan({2, 4}); }), "running_mean should contain 4 elements not 3");
  NormModule gn(group_norm(2, 4));
  EXPECT_EQ(gn.plan({1, 4}).stat_count, 2);
  EXPECT_EQ(message_of([&] {
              gn.plan({2, 5});
            }),
            "Expected number of channels in input to be divisible by num_groups, but got input "
            "of shape [2, 5] and num_groups=2");
  NormModule ln(layer_norm({6, 3}));
  EXPECT_EQ(message_of([&] {
              ln.plan({8, 6, 3, 4});
            }),
            "Given normalized_shape=[6, 3], expected input with shape [*, 6, 3], but got input "
            "of size[8, 6, 3, 4]");
  EXPECT_EQ(message_of([&] {
              ln.plan({2, -1});
            }),
            "Trying to create tensor with negative dimension -1: [2, -1]");
}

// The plan and the kernels cannot disagree: the elements the plan puts in group g have exactly
// the mean the forward pass reports for g.
TEST(NormPlan, EveryGroupHasTheMeanTheKernelsComputed) {
  NormConfig tracked_in = instance_norm(1, 3);
  tracked_in.track_running_stats = true;
  const std::vector<std::pair<NormConfig, Shape>> cases{
      {batch_norm(1, 5), {7, 5}},          {batch_norm(1, 3), {4, 3, 9}},
      {batch_norm(2, 3), {2, 3, 5, 5}},    {batch_norm(3, 2), {2, 2, 3, 1, 4}},
      {instance_norm(1, 3), {2, 3, 9}},    {instance_norm(1, 3), {3, 9}},
      {instance_norm(3, 2), {2, 3, 1, 4}}, {tracked_in, {2, 3, 5}},
      {group_norm(2, 6), {3, 6, 4}},       {group_norm(3, 3), {4, 3}},
      {group_norm(1, 4), {2, 4, 2, 2}},    {layer_norm({5}), {3, 4, 5}},
      {layer_norm({4, 5}), {3, 4, 5}}};
  for (const auto& [config, shape] : cases) {
    SCOPED_TRACE(normlab::format_shape(shape));
    NormModule m(config);
    const auto x = random_values(count(shape), 31, 2.0f, 3.0f);
    forward(m, x, shape);
    const auto plan = m.plan(shape);
    ASSERT_EQ(plan.stat_count, m.stat_count());
    std::vector<double> sum(static_cast<size_t>(plan.stat_count));
    std::vector<int> n(sum.size());
    for (size_t i = 0; i < x.size(); ++i) {
      sum[static_cast<size_t>(plan.group[i])] += x[i];
      ++n[static_cast<size_t>(plan.group[i])];
    }
    for (size_t g = 0; g < sum.size(); ++g) {
      ASSERT_GT(n[g], 0) << g;
      EXPECT_NEAR(sum[g] / n[g], m.stat_mean()[g], 1e-5) << g;
    }
  }
}
