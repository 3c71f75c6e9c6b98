// RMSNorm: the golden cases (formula with PyTorch autograd in float64), a plain double reference,
// finite differences for the backward, and the module's shape, eps and parameter rules.
#include <gtest/gtest.h>

#include <cmath>

#include "golden.hpp"
#include "norm_testing.hpp"

using namespace normtest;

namespace {

NormConfig rms_norm(Shape normalized_shape, double eps = normlab::kRmsNormDefaultEps) {
  NormConfig c;
  c.kind = NormKind::rms_norm;
  c.normalized_shape = std::move(normalized_shape);
  c.eps = eps;
  return c;
}

// y = x / sqrt(mean(x^2) + eps) * weight per row of `cols`, in double.
std::vector<double> reference(const std::vector<float>& x, const std::vector<float>& weight,
                              size_t cols, double eps) {
  std::vector<double> y(x.size());
  for (size_t r = 0; r * cols < x.size(); ++r) {
    double ms = 0;
    for (size_t j = 0; j < cols; ++j) ms += double(x[r * cols + j]) * x[r * cols + j];
    const double s = 1.0 / std::sqrt(ms / double(cols) + eps);
    for (size_t j = 0; j < cols; ++j)
      y[r * cols + j] = x[r * cols + j] * s * (weight.empty() ? 1.0 : weight[j]);
  }
  return y;
}

}  // namespace

TEST(RmsNorm, GoldenCasesFromPyTorch) {
  golden::check_norm_cases("rms_norm");
}

TEST(RmsNorm, ForwardMatchesADoubleReference) {
  for (const auto& [shape, ns] : std::vector<std::pair<Shape, Shape>>{
           {{5, 3, 7}, {7}}, {{5, 3, 7}, {3, 7}}, {{1, 1}, {1}}, {{2, 37}, {37}}, {{9}, {9}}}) {
    NormModule m(rms_norm(ns));
    m.weight() = random_values(m.weight().size(), 1, 0.5f, 1.0f);
    const auto x = random_values(count(shape), 3, 2.0f, 0.5f);
    const auto y = forward(m, x, shape);
    const auto want = reference(x, m.weight(), count(ns), normlab::kRmsNormDefaultEps);
    for (size_t i = 0; i < y.size(); ++i)
      EXPECT_NEAR(y[i], want[i], 1e-5 * (1 + std::fabs(want[i])));
    // no centring: the mean it reports is 0 for every row
    EXPECT_EQ(m.stat_count(), static_cast<int64_t>(x.size() / count(ns)));
    for (double mean : m.stat_mean()) EXPECT_EQ(mean, 0.0);
  }
}

TEST(RmsNorm, HasAWeightOnlyAndTorchsDefaultEps) {
  NormModule m(rms_norm({4}));
  ASSERT_EQ(m.parameter_shapes().size(), 1u);
  EXPECT_EQ(m.parameter_shapes()[0].first, "weight");
  EXPECT_TRUE(m.bias().empty());
  EXPECT_TRUE(m.buffer_shapes().empty());
  EXPECT_EQ(normlab::kRmsNormDefaultEps, std::ldexp(1.0, -23));  // torch.finfo(torch.float32).eps
  NormConfig plain = rms_norm({4});
  plain.affine = false;
  EXPECT_TRUE(NormModule(plain).parameter_shapes().empty());
  // a zero row is eps-regularized: 0 * rsqrt(eps) = 0, not NaN
  NormModule z(rms_norm({4}));
  for (float v : forward(z, std::vector<float>(8, 0.0f), {2, 4})) EXPECT_EQ(v, 0.0f);
}

TEST(RmsNorm, BackwardMatchesFiniteDifferences) {
  const Shape shape{3, 2, 5};
  for (bool affine : {true, false}) {
    NormConfig c = rms_norm({2, 5}, 1e-3);
    c.affine = affine;
    NormModule m(c);
    if (affine) m.weight() = random_values(m.weight().size(), 4, 0.5f, 1.0f);
    const auto x = random_values(count(shape), 5, 1.5f, 0.5f), dy = random_values(count(shape), 6);
    const auto w = m.weight();
    const size_t cols = 10;
    auto loss = [&](const std::vector<float>& xs, const std::vector<float>& ws) {
      const auto y = reference(xs, ws, cols, 1e-3);
      double l = 0;
      for (size_t i = 0; i < y.size(); ++i) l += y[i] * dy[i];
      return l;
    };
    forward(m, x, shape);
    std::vector<float> dx(x.size());
    m.backward(dx.data(), dy.data());
    const double h = 1e-3;
    for (size_t i = 0; i < x.size(); ++i) {
      auto up = x, down = x;
      up[i] += static_cast<float>(h);
      down[i] -= static_cast<float>(h);
      const double want = (loss(up, w) - loss(down, w)) / (double(up[i]) - down[i]);
      EXPECT_NEAR(dx[i], want, 2e-3 * (1 + std::fabs(want))) << "x " << i;
    }
    for (size_t j = 0; j < w.size(); ++j) {
      auto up = w, down = w;
      up[j] += static_cast<float>(h);
      down[j] -= static_cast<float>(h);
      const double want = (loss(x, up) - loss(x, down)) / (double(up[j]) - down[j]);
      EXPECT_NEAR(m.grad_weight()[j], want, 2e-3 * (1 + std::fabs(want))) << "weight " << j;
    }
    if (!affine) EXPECT_TRUE(m.grad_weight().empty());
  }
}

TEST(RmsNorm, RefusesShapesWithLayerNormsMessage) {
  NormModule m(rms_norm({6, 3}));
  std::vector<float> y(8 * 6 * 3 * 4), x(y.size());
  EXPECT_EQ(message_of([&] {
              m.forward(y.data(), x.data(), {8, 6, 3, 4});
            }),
            "Given normalized_shape=[6, 3], expected input with shape [*, 6, 3], but got input of "
            "size[8, 6, 3, 4]");
  EXPECT_EQ(m.stat_count(), 0);  // nothing changed
  EXPECT_EQ(message_of([] {
              NormModule bad(rms_norm({}));
              std::vector<float> v(2);
              bad.forward(v.data(), v.data(), {2});
            }),
            "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least "
            "one element, but got normalized_shape = []");
}
