#include <gtest/gtest.h>

#include <cmath>

#include "golden.hpp"
#include "norm_testing.hpp"
#include "reference.hpp"

using namespace normtest;
namespace ref = normlab::reference;

namespace {

Shape ncs(const Shape& shape) {
  return {shape[0], shape[1], normlab::numel(shape, 2, shape.size())};
}

}  // namespace

TEST(GroupNorm, GoldenCasesFromPyTorch) {
  golden::check_norm_cases("group_norm");
}

TEST(GroupNorm, ForwardMatchesXtensorReferenceOnOddShapes) {
  for (const auto& [groups, shape] : std::vector<std::pair<int64_t, Shape>>{
           {3, {3, 6, 7}}, {5, {2, 10, 5, 3}}, {2, {4, 6}}, {1, {2, 3, 5}}, {7, {1, 7, 33}}}) {
    SCOPED_TRACE(normlab::format_shape(shape));
    NormModule m(group_norm(groups, shape[1]));
    const auto c = static_cast<size_t>(shape[1]);
    m.weight() = random_values(c, 1, 0.5f, 1.0f);
    m.bias() = random_values(c, 2);
    const auto x = random_values(count(shape), 3, 2.0f, -1.0f);
    const auto y = forward(m, x, shape);
    const auto want =
        ref::group_norm(as_double(x, ncs(shape)), static_cast<size_t>(groups),
                        as_double(m.weight(), {shape[1]}), as_double(m.bias(), {shape[1]}), 1e-5);
    for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(y[i], want.flat(i), 1e-5) << i;
    EXPECT_EQ(m.stat_count(), shape[0] * groups);
  }
}

TEST(GroupNorm, BackwardMatchesFiniteDifferences) {
  for (const auto& [groups, shape] :
       std::vector<std::pair<int64_t, Shape>>{{3, {3, 6, 7}}, {2, {2, 4, 3, 1}}, {2, {5, 4}}}) {
    SCOPED_TRACE(normlab::format_shape(shape));
    NormModule m(group_norm(groups, shape[1]));
    m.weight() = random_values(count({shape[1]}), 4, 0.5f, 1.0f);
    m.bias() = random_values(count({shape[1]}), 5);
    expect_gradients_match_finite_differences(
        m, shape, ncs(shape),
        [g = static_cast<size_t>(groups)](const auto& x, const auto& w, const auto& b) {
          return ref::group_norm(x, g, w, b, 1e-5);
        },
        6);
  }
}

// GN(1) has LayerNorm's statistics over (C, ...), GN(C) InstanceNorm's; without affine the
// outputs are the same numbers.
TEST(GroupNorm, OneGroupIsLayerNormAndCGroupsIsInstanceNorm) {
  const Shape shape{2, 4, 3, 3};
  const auto x = random_values(count(shape), 7, 3.0f, 2.0f);
  NormConfig one = group_norm(1, 4), per_channel = group_norm(4, 4);
  one.affine = per_channel.affine = false;
  NormModule gn1(one), gn4(per_channel), ln(layer_norm({4, 3, 3})), in(instance_norm(2, 4));
  const auto y1 = forward(gn1, x, shape), yl = forward(ln, x, shape);
  const auto y4 = forward(gn4, x, shape), yi = forward(in, x, shape);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_NEAR(y1[i], yl[i], 1e-6) << i;
    EXPECT_NEAR(y4[i], yi[i], 1e-6) << i;
  }
  EXPECT_EQ(gn1.plan(shape).group, ln.plan(shape).group);
  EXPECT_EQ(gn4.plan(shape).group, in.plan(shape).group);
}

// With C == G and no spatial dims every group holds one element: the output is the bias and
// the gradient exactly 0, although rstd = 1/sqrt(eps) would magnify any rounding 316 times.
TEST(GroupNorm, OneElementGroupsGiveTheBiasAndNoGradient) {
  NormModule m(group_norm(4, 4));
  m.weight() = random_values(4, 8, 0.5f, 1.0f);
  m.bias() = random_values(4, 9);
  const auto y = forward(m, random_values(12, 10, 5.0f), {3, 4});
  for (size_t i = 0; i < 12; ++i) EXPECT_EQ(y[i], m.bias()[i % 4]) << i;
  std::vector<float> dx(12);
  const auto dy = random_values(12, 11, 3.0f);
  m.backward(dx.data(), dy.data());
  for (size_t i = 0; i < 12; ++i) EXPECT_EQ(dx[i], 0.0f) << i;
  for (size_t c = 0; c < 4; ++c) {
    EXPECT_NEAR(m.grad_bias()[c], dy[c] + dy[c + 4] + dy[c + 8], 1e-6);
    EXPECT_EQ(m.grad_weight()[c], 0.0f);
  }
}

TEST(GroupNorm, KeepsDigitsWhenMeanIs1e4AndStdIs1e2) {
  NormModule m(group_norm(2, 4));
  for (const Shape& shape : std::vector<Shape>{{2, 4, 300}, {64, 4}}) {
    const auto x = random_values(count(shape), 12, 1e-2f, 1e4f);
    const auto y = forward(m, x, shape);
    const auto want = ref::group_norm(as_double(x, ncs(shape)), 2, {}, {}, 1e-5);
    for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(y[i], want.flat(i), 2e-4) << i;
  }
}

TEST(GroupNorm, NaNSpoilsOnlyItsOwnGroup) {
  NormModule m(group_norm(2, 4));
  auto x = random_values(2 * 4 * 3, 13);
  x[12 + 7] = NAN;  // sample 1, channel 2: group 1 of sample 1
  const auto y = forward(m, x, {2, 4, 3});
  for (size_t i = 0; i < y.size(); ++i) EXPECT_EQ(std::isnan(y[i]), i >= 18) << i;
}

TEST(GroupNorm, RefusedInputChangesNothingAndModuleStaysUsable) {
  NormModule m(group_norm(3, 6));
  const auto x = random_values(36, 14);
  const auto y = forward(m, x, {2, 6, 3});
  const auto mean = m.stat_mean();
  EXPECT_EQ(message_of([&] { forward(m, random_values(6, 1), {1, 6}); }), "");
  EXPECT_EQ(message_of([&] {
              forward(m, random_values(3, 1), {1, 3});
            }),
            "Expected more than 1 value per channel when training, got input size [1, 3]");
  EXPECT_EQ(message_of([&] {
              forward(m, random_values(24, 1), {2, 4, 3});
            }),
            "Expected number of channels in input to be divisible by num_groups, but got input "
            "of shape [2, 4, 3] and num_groups=3");
  EXPECT_EQ(message_of([&] {
              forward(m, random_values(18, 1), {1, 9, 2});
            }),
            "Expected weight to be a vector of size equal to the number of channels in input, "
            "but got weight of shape [6] and input of shape [1, 9, 2]");
  EXPECT_EQ(message_of([&] { forward(m, random_values(6, 1), {6}); }),
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
  EXPECT_EQ(m.stat_mean().size(), 3u);  // from the last successful call, (1, 6)
  EXPECT_EQ(forward(m, x, {2, 6, 3}), y);
  EXPECT_EQ(m.stat_mean(), mean);
}

TEST(GroupNorm, ConstructorChecksAsPyTorchDoes) {
  EXPECT_EQ(message_of([] { NormModule m(group_norm(4, 6)); }),
            "num_channels must be divisible by num_groups");
  EXPECT_EQ(message_of([] { NormModule m(group_norm(0, 6)); }), "integer modulo by zero");
  EXPECT_EQ(message_of([] { NormModule m(group_norm(3, -6)); }),
            "Trying to create tensor with negative dimension -6: [-6]");
  NormModule negative(group_norm(-3, 6));  // Python's 6 % -3 == 0: built, refused in forward
  EXPECT_EQ(message_of([&] {
              forward(negative, random_values(12, 1), {2, 6});
            }),
            "Expected num groups to be greater than 0, got -3");
}

// Empty groups have NaN statistics, and PyTorch's grad_weight is NaN there (0 * NaN); the
// gradient of the input, which has no elements, and of the bias are 0.
TEST(GroupNorm, EmptyGroupsGiveNaNWeightGradient) {
  NormModule m(group_norm(3, 6));
  forward(m, {}, {2, 6, 0});
  EXPECT_EQ(m.stat_count(), 6);
  EXPECT_TRUE(std::isnan(m.stat_mean()[0]));
  m.backward(nullptr, nullptr);
  for (size_t c = 0; c < 6; ++c) {
    EXPECT_TRUE(std::isnan(m.grad_weight()[c]));
    EXPECT_EQ(m.grad_bias()[c], 0.0f);
  }
  forward(m, {}, {0, 6, 2});
  m.backward(nullptr, nullptr);
  EXPECT_EQ(m.grad_weight(), std::vector<float>(6, 0.0f));
}
