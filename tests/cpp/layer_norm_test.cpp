#include <gtest/gtest.h>

#include <cmath>

#include "golden.hpp"
#include "norm_testing.hpp"
#include "reference.hpp"

using namespace normtest;

TEST(LayerNorm, GoldenCasesFromPyTorch) {
  golden::check_norm_cases("layer_norm");
}

TEST(LayerNorm, ForwardMatchesXtensorReferenceOnOddShapes) {
  for (const auto& [shape, k] : std::vector<std::pair<Shape, size_t>>{
           {{5, 3, 7}, 1}, {{5, 3, 7}, 2}, {{1, 1}, 1}, {{2, 37}, 1}, {{3, 2, 2, 5}, 3}}) {
    Shape ns(shape.end() - static_cast<long>(k), shape.end());
    NormModule m(layer_norm(ns));
    m.weight() = random_values(m.weight().size(), 1, 0.5f, 1.0f);
    m.bias() = random_values(m.bias().size(), 2);
    const auto x = random_values(static_cast<size_t>(normlab::numel(shape)), 3);
    std::vector<float> y(x.size());
    m.forward(y.data(), x.data(), shape);
    const auto want = normlab::reference::layer_norm(
        as_double(x, shape), k, as_double(m.weight(), ns), as_double(m.bias(), ns), 1e-5);
    for (size_t i = 0; i < y.size(); ++i) EXPECT_NEAR(y[i], want.flat(i), 1e-5) << i;
  }
}

TEST(LayerNorm, KeepsDigitsWhenMeanIs1e4AndStdIs1e2) {
  const Shape shape{3, 4096};
  const auto x = random_values(3 * 4096, 5, 1e-2f, 1e4f);
  NormModule m(layer_norm({4096}));
  std::vector<float> y(x.size());
  m.forward(y.data(), x.data(), shape);
  const auto want = normlab::reference::layer_norm(as_double(x, shape), 1, {}, {}, 1e-5);
  for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(y[i], want.flat(i), 2e-4) << i;
}

TEST(LayerNorm, ConstantRowGivesExactlyTheBias) {
  NormModule m(layer_norm({4}));
  m.weight() = {2, 2, 2, 2};
  m.bias() = {0.5f, -1, 0, 2};
  const std::vector<float> x{3, 3, 3, 3};
  std::vector<float> y(4);
  m.forward(y.data(), x.data(), {1, 4});
  EXPECT_EQ(y, m.bias());
  EXPECT_EQ(m.stat_mean()[0], 3.0);
}

TEST(LayerNorm, NaNSpoilsOnlyItsOwnRow) {
  NormModule m(layer_norm({3}));
  const std::vector<float> x{1, NAN, 2, 4, 5, 7};
  std::vector<float> y(6);
  m.forward(y.data(), x.data(), {2, 3});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(std::isnan(y[i]));
  for (int i = 3; i < 6; ++i) EXPECT_TRUE(std::isfinite(y[i]));
}

TEST(LayerNorm, BackwardMatchesFiniteDifferences) {
  const Shape shape{5, 3, 7};
  const Shape ns{3, 7};
  const size_t n = 105;
  NormModule m(layer_norm(ns));
  m.weight() = random_values(21, 11, 0.5f, 1.0f);
  m.bias() = random_values(21, 12);
  const auto x = random_values(n, 13), dy = random_values(n, 14);
  std::vector<float> y(n), dx(n);
  m.forward(y.data(), x.data(), shape);
  m.backward(dx.data(), dy.data());
  // loss = sum(LayerNorm(x) * dy), differentiated by central differences in double
  const auto w = as_double(m.weight(), ns), b = as_double(m.bias(), ns), g = as_double(dy, shape);
  auto loss = [&](const xt::xarray<double>& xx, const xt::xarray<double>& ww,
                  const xt::xarray<double>& bb) {
    return xt::sum(normlab::reference::layer_norm(xx, 2, ww, bb, 1e-5) * g)();
  };
  const double h = 1e-4;
  const auto x0 = as_double(x, shape);
  for (size_t i = 0; i < n; i += 3) {
    auto xp = x0, xm = x0;
    xp.flat(i) += h;
    xm.flat(i) -= h;
    EXPECT_NEAR(dx[i], (loss(xp, w, b) - loss(xm, w, b)) / (2 * h), 2e-3) << "x " << i;
  }
  for (size_t i = 0; i < 21; ++i) {
    auto wp = w, wm = w, bp = b, bm = b;
    wp.flat(i) += h;
    wm.flat(i) -= h;
    bp.flat(i) += h;
    bm.flat(i) -= h;
    EXPECT_NEAR(m.grad_weight()[i], (loss(x0, wp, b) - loss(x0, wm, b)) / (2 * h), 2e-3) << i;
    EXPECT_NEAR(m.grad_bias()[i], (loss(x0, w, bp) - loss(x0, w, bm)) / (2 * h), 2e-3) << i;
  }
}

TEST(LayerNorm, RefusedInputChangesNothingAndModuleStaysUsable) {
  NormModule m(layer_norm({4}));
  const auto x = random_values(24, 21);
  std::vector<float> y(24), y2(24);
  m.forward(y.data(), x.data(), {2, 3, 4});
  const auto mean = m.stat_mean();
  EXPECT_THROW(
      {
        try {
          m.forward(y2.data(), x.data(), {2, 4, 3});
        } catch (const normlab::Error& e) {
          EXPECT_STREQ(e.what(),
                       "Given normalized_shape=[4], expected input with shape [*, 4], but got "
                       "input of size[2, 4, 3]");
          throw;
        }
      },
      normlab::Error);
  EXPECT_EQ(m.stat_mean(), mean);
  m.forward(y2.data(), x.data(), {2, 3, 4});
  EXPECT_EQ(y, y2);
}

TEST(LayerNorm, PlanGroupsEachTokenOnItsOwn) {
  NormModule m(layer_norm({4}));
  const auto plan = m.plan({2, 3, 4});
  EXPECT_EQ(plan.stat_count, 6);  // one mean and variance per token: 2 * 3
  ASSERT_EQ(plan.group.size(), 24u);
  EXPECT_EQ(plan.group[0], 0);
  EXPECT_EQ(plan.group[3], 0);
  EXPECT_EQ(plan.group[4], 1);
  EXPECT_EQ(plan.group[23], 5);
  EXPECT_EQ(m.parameter_shapes(), (normlab::NamedShapes{{"weight", {4}}, {"bias", {4}}}));
}
