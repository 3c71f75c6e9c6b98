#include <gtest/gtest.h>

#include <cmath>
#include <vector>
#include <xtensor/xadapt.hpp>

#include "activation_reference.hpp"
#include "normlab/demos/activation.hpp"
#include "normlab/error.hpp"

using normlab::Activation;
using normlab::activation_forward;

namespace {

struct Curve {
  std::vector<float> y, slope;
};

Curve run(const std::vector<float>& x, Activation f, float gamma, float beta) {
  Curve c{std::vector<float>(x.size()), std::vector<float>(x.size())};
  activation_forward(c.y.data(), c.slope.data(), x.data(), static_cast<int64_t>(x.size()), f, gamma,
                     beta);
  return c;
}

const std::vector<float> kGoldenX{-3.0f, -1.25f, -0.5f, 0.0f,   0.3f,
                                  1.0f,  2.5f,   20.0f, -90.0f, 100.0f};

}  // namespace

// Printed by PyTorch 1.13 for z = x * 2 - 0.5 in float32: torch.sigmoid(z), torch.tanh(z), and
// z.grad after .sum().backward() through each.
TEST(Activation, MatchesPyTorchSigmoidAndTanh) {
  const std::vector<double> sigmoid{0.0015011822106316686,
                                    0.04742587357759476,
                                    0.18242552876472473,
                                    0.3775406777858734,
                                    0.5249791741371155,
                                    0.8175744414329529,
                                    0.9890130758285522,
                                    1.0,
                                    0.0,
                                    1.0};
  const std::vector<double> sigmoid_grad{0.0014989286428317428,
                                         0.045176658779382706,
                                         0.14914646744728088,
                                         0.23500370979309082,
                                         0.24937604367733002,
                                         0.14914646744728088,
                                         0.010866211727261543,
                                         0.0,
                                         0.0,
                                         0.0};
  const std::vector<double> tanh{-0.9999954700469971,
                                 -0.9950547814369202,
                                 -0.9051482677459717,
                                 -0.46211716532707214,
                                 0.09966801851987839,
                                 0.9051482677459717,
                                 0.9997532367706299,
                                 1.0,
                                 -1.0,
                                 1.0};
  const std::vector<double> tanh_grad{9.059885087481234e-06,
                                      0.00986598152667284,
                                      0.18070662021636963,
                                      0.7864477038383484,
                                      0.9900662899017334,
                                      0.18070662021636963,
                                      0.0004934655735269189,
                                      0.0,
                                      0.0,
                                      0.0};
  const Curve s = run(kGoldenX, Activation::sigmoid, 2.0f, -0.5f);
  const Curve t = run(kGoldenX, Activation::tanh, 2.0f, -0.5f);
  for (size_t i = 0; i < kGoldenX.size(); ++i) {
    EXPECT_NEAR(s.y[i], sigmoid[i], 1e-7) << i;
    EXPECT_NEAR(s.slope[i], sigmoid_grad[i], 1e-7) << i;
    EXPECT_NEAR(t.y[i], tanh[i], 1e-7) << i;
    EXPECT_NEAR(t.slope[i], tanh_grad[i], 2e-7) << i;
  }
}

TEST(Activation, MatchesXtensorReferenceOverAGrid) {
  std::vector<float> x;
  for (int i = -400; i <= 400; ++i) x.push_back(static_cast<float>(i) * 0.02f);
  const xt::xarray<double> xd = xt::adapt(std::vector<double>(x.begin(), x.end()), {x.size()});
  for (const char* name : {"sigmoid", "tanh"}) {
    for (const auto& [gamma, beta] : std::vector<std::pair<float, float>>{
             {1.0f, 0.0f}, {3.5f, -2.0f}, {0.25f, 1.5f}, {-2.0f, 0.0f}, {0.0f, 0.7f}}) {
      const Curve c = run(x, normlab::activation_from_name(name), gamma, beta);
      const auto want = normlab::reference::activation(xd, name, gamma, beta);
      const auto want_slope = normlab::reference::activation_slope(xd, name, gamma, beta);
      for (size_t i = 0; i < x.size(); ++i) {
        ASSERT_NEAR(c.y[i], want(i), 1e-6) << name << " gamma=" << gamma << " x=" << x[i];
        ASSERT_NEAR(c.slope[i], want_slope(i), 1e-6) << name << " gamma=" << gamma << " x=" << x[i];
      }
    }
  }
}

TEST(Activation, SlopeMatchesFiniteDifferences) {
  const float h = 1e-3f;
  for (Activation f : {Activation::sigmoid, Activation::tanh}) {
    for (float z : {-4.0f, -1.3f, -0.2f, 0.0f, 0.45f, 1.0f, 2.7f}) {
      const Curve c = run({z - h, z, z + h}, f, 1.0f, 0.0f);
      const double numeric = (static_cast<double>(c.y[2]) - c.y[0]) / (2.0 * h);
      EXPECT_NEAR(c.slope[1], numeric, 2e-4) << z;
    }
  }
}

TEST(Activation, SaturatesWithoutOverflowAndKeepsItsSymmetries) {
  const std::vector<float> x{-1e30f, -200.0f, -104.0f, 104.0f, 200.0f, 1e30f};
  const Curve s = run(x, Activation::sigmoid, 1.0f, 0.0f);
  const Curve t = run(x, Activation::tanh, 1.0f, 0.0f);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(s.y[i], x[i] < 0 ? 0.0f : 1.0f) << x[i];
    EXPECT_EQ(t.y[i], x[i] < 0 ? -1.0f : 1.0f) << x[i];
    EXPECT_EQ(s.slope[i], 0.0f) << x[i];
    EXPECT_EQ(t.slope[i], 0.0f) << x[i];
  }
  const std::vector<float> z{0.1f, 0.7f, 1.9f, 5.0f};
  std::vector<float> minus_z;
  for (float v : z) minus_z.push_back(-v);
  const Curve sp = run(z, Activation::sigmoid, 1.0f, 0.0f);
  const Curve sm = run(minus_z, Activation::sigmoid, 1.0f, 0.0f);
  const Curve tp = run(z, Activation::tanh, 1.0f, 0.0f);
  const Curve tm = run(minus_z, Activation::tanh, 1.0f, 0.0f);
  for (size_t i = 0; i < z.size(); ++i) {
    EXPECT_NEAR(sp.y[i] + sm.y[i], 1.0f, 1e-7) << z[i];
    EXPECT_EQ(tp.y[i], -tm.y[i]) << z[i];
    EXPECT_EQ(sp.slope[i], sm.slope[i]) << z[i];
  }
  EXPECT_EQ(run({0.0f}, Activation::sigmoid, 1.0f, 0.0f).y[0], 0.5f);
  EXPECT_EQ(run({0.0f}, Activation::sigmoid, 1.0f, 0.0f).slope[0], 0.25f);
}

TEST(Activation, NaNInGivesNaNOutForThatValueOnly) {
  const Curve c = run({1.0f, std::nanf(""), -1.0f}, Activation::tanh, 1.0f, 0.0f);
  EXPECT_FALSE(std::isnan(c.y[0]));
  EXPECT_TRUE(std::isnan(c.y[1]));
  EXPECT_TRUE(std::isnan(c.slope[1]));
  EXPECT_FALSE(std::isnan(c.y[2]));
}

TEST(Activation, SlopeIsOptionalAndEmptyInputIsFine) {
  const std::vector<float> x{0.0f, 1.0f};
  std::vector<float> y(2);
  activation_forward(y.data(), nullptr, x.data(), 2, Activation::sigmoid, 1.0f, 0.0f);
  EXPECT_EQ(y[0], 0.5f);
  EXPECT_NEAR(y[1], 0.7310585786f, 1e-7);
  EXPECT_NO_THROW(activation_forward(nullptr, nullptr, nullptr, 0, Activation::tanh, 1.0f, 0.0f));
}

TEST(Activation, RefusesUnknownNamesAndNegativeSizes) {
  try {
    normlab::activation_from_name("relu");
    FAIL() << "relu was accepted";
  } catch (const normlab::Error& e) {
    EXPECT_STREQ(e.what(), "unknown activation: relu (expected sigmoid or tanh)");
  }
  std::vector<float> y(1), x(1);
  EXPECT_THROW(activation_forward(y.data(), nullptr, x.data(), -1, Activation::sigmoid, 1, 0),
               normlab::Error);
  EXPECT_THROW(activation_forward(nullptr, nullptr, x.data(), 1, Activation::sigmoid, 1, 0),
               normlab::Error);
}
