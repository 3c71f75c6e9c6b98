// The training layers (layers.hpp) and cross-entropy (loss.hpp): PyTorch's golden values and
// messages, the float kernels against the plain double references, and every backward against
// central finite differences of the reference in double.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "normlab/error.hpp"
#include "normlab/train/layers.hpp"
#include "normlab/train/loss.hpp"
#include "train_golden.hpp"
#include "train_reference.hpp"

using namespace normlab;
using reference::Values;

namespace {

std::vector<float> random_floats(size_t n, unsigned seed, float scale = 1.0f) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, scale);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

Values to_double(const std::vector<float>& v) {
  return Values(v.begin(), v.end());
}

double dot(const Values& a, const Values& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// d/dv[i] of sum(g * f(v)) by central differences in double, for every i.
Values finite_difference(const std::function<Values(const Values&)>& f, Values v, const Values& g,
                         double h = 1e-5) {
  Values d(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    const double keep = v[i];
    v[i] = keep + h;
    const double up = dot(f(v), g);
    v[i] = keep - h;
    const double down = dot(f(v), g);
    v[i] = keep;
    d[i] = (up - down) / (2 * h);
  }
  return d;
}

::testing::AssertionResult near_all(const Values& want, const float* got, double rtol = 1e-3,
                                    double atol = 1e-4) {
  for (size_t i = 0; i < want.size(); ++i) {
    if (!(std::fabs(want[i] - got[i]) <= atol + rtol * std::fabs(want[i])))
      return ::testing::AssertionFailure() << "[" << i << "] " << got[i] << " != " << want[i];
  }
  return ::testing::AssertionSuccess();
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

Conv2dGeometry geometry(int64_t n, int64_t ic, int64_t oc, int64_t h, int64_t w, int64_t k,
                        int64_t s, int64_t p, int64_t kw = 0) {
  Conv2dConfig c;
  c.in_channels = ic;
  c.out_channels = oc;
  c.kernel_h = k;
  c.kernel_w = kw ? kw : k;
  c.stride_h = c.stride_w = s;
  c.pad_h = c.pad_w = p;
  return conv2d_geometry(c, {n, ic, h, w});
}

}  // namespace

TEST(TrainLayers, GoldenCasesMatchPyTorch) {
  golden::check_layer_cases();
}

TEST(Linear, ForwardAndBackwardMatchFiniteDifferences) {
  for (auto [rows, in, out] : {std::tuple{5, 7, 4}, {3, 17, 13}, {1, 1, 1}, {6, 9, 5}}) {
    const auto x = random_floats(static_cast<size_t>(rows * in), 1);
    const auto w = random_floats(static_cast<size_t>(out * in), 2, 0.5f);
    const auto b = random_floats(static_cast<size_t>(out), 3);
    const auto gy = random_floats(static_cast<size_t>(rows * out), 4);
    std::vector<float> y(gy.size()), gx(x.size()), gw(w.size()), gb(b.size());
    linear_forward(y.data(), x.data(), w.data(), b.data(), rows, in, out);
    EXPECT_TRUE(near_all(reference::linear(to_double(x), to_double(w), to_double(b), rows, in, out),
                         y.data(), 1e-5, 1e-5));
    linear_backward(gx.data(), gw.data(), gb.data(), gy.data(), x.data(), w.data(), rows, in, out);
    const Values g = to_double(gy);
    EXPECT_TRUE(near_all(finite_difference(
                             [&](const Values& v) {
                               return reference::linear(v, to_double(w), to_double(b), rows, in,
                                                        out);
                             },
                             to_double(x), g),
                         gx.data()));
    EXPECT_TRUE(near_all(finite_difference(
                             [&](const Values& v) {
                               return reference::linear(to_double(x), v, to_double(b), rows, in,
                                                        out);
                             },
                             to_double(w), g),
                         gw.data()));
    EXPECT_TRUE(near_all(finite_difference(
                             [&](const Values& v) {
                               return reference::linear(to_double(x), to_double(w), v, rows, in,
                                                        out);
                             },
                             to_double(b), g),
                         gb.data()));
  }
}

TEST(Conv2d, BlockedForwardMatchesReferenceOnOddShapes) {
  // widths across the 8-column block and its tails, output channels across the 4-channel block
  unsigned seed = 10;
  for (int64_t w : {1, 3, 7, 8, 9, 13, 17}) {
    for (int64_t oc : {1, 3, 4, 5, 9}) {
      for (auto [k, p] : {std::pair{3, 1}, {1, 0}, {5, 2}, {3, 0}, {2, 1}}) {
        if (w + 2 * p < k) continue;
        const Conv2dGeometry g = geometry(2, 3, oc, 5, w, k, 1, p);
        const auto x = random_floats(static_cast<size_t>(2 * 3 * 5 * w), ++seed);
        const auto wt = random_floats(static_cast<size_t>(oc * 3 * k * k), ++seed, 0.3f);
        const auto b = random_floats(static_cast<size_t>(oc), ++seed);
        std::vector<float> y(static_cast<size_t>(g.batch * oc * g.out_h * g.out_w));
        std::vector<float> plain(y.size());
        conv2d_forward(y.data(), x.data(), wt.data(), b.data(), g);
        conv2d_forward_plain(plain.data(), x.data(), wt.data(), b.data(), g);
        const Values want = reference::conv2d(to_double(x), to_double(wt), to_double(b), g);
        EXPECT_TRUE(near_all(want, y.data(), 1e-5, 1e-5))
            << "w " << w << " oc " << oc << " k " << k;
        EXPECT_TRUE(near_all(want, plain.data(), 1e-5, 1e-5));
      }
    }
  }
}

TEST(Conv2d, BackwardMatchesFiniteDifferences) {
  struct G {
    int64_t n, ic, oc, h, w, k, s, p, kw;
  };
  unsigned seed = 100;
  for (const G& t :
       {G{2, 3, 5, 5, 7, 3, 1, 1, 0}, G{1, 2, 6, 6, 11, 3, 1, 1, 0}, G{2, 3, 4, 7, 8, 3, 2, 0, 0},
        G{1, 2, 3, 9, 9, 3, 2, 1, 0}, G{1, 4, 2, 3, 3, 1, 1, 0, 0}, G{2, 2, 3, 5, 6, 5, 1, 2, 0},
        G{1, 3, 2, 4, 4, 3, 1, 3, 0}, G{1, 2, 3, 5, 6, 3, 1, 1, 1}, G{1, 2, 3, 5, 5, 4, 3, 1, 0}}) {
    const Conv2dGeometry g = geometry(t.n, t.ic, t.oc, t.h, t.w, t.k, t.s, t.p, t.kw);
    const auto x = random_floats(static_cast<size_t>(t.n * t.ic * t.h * t.w), ++seed);
    const auto w =
        random_floats(static_cast<size_t>(t.oc * t.ic * g.kernel_h * g.kernel_w), ++seed, 0.3f);
    const auto b = random_floats(static_cast<size_t>(t.oc), ++seed);
    const auto gy = random_floats(static_cast<size_t>(t.n * t.oc * g.out_h * g.out_w), ++seed);
    std::vector<float> gx(x.size()), gw(w.size()), gb(b.size());
    conv2d_backward(gx.data(), gw.data(), gb.data(), gy.data(), x.data(), w.data(), g);
    const Values gd = to_double(gy);
    const Values xd = to_double(x), wd = to_double(w), bd = to_double(b);
    EXPECT_TRUE(near_all(
        finite_difference([&](const Values& v) { return reference::conv2d(v, wd, bd, g); }, xd, gd),
        gx.data()))
        << "grad_input " << t.h << "x" << t.w << " k" << t.k << " s" << t.s << " p" << t.p;
    EXPECT_TRUE(near_all(
        finite_difference([&](const Values& v) { return reference::conv2d(xd, v, bd, g); }, wd, gd),
        gw.data()))
        << "grad_weight " << t.h << "x" << t.w << " k" << t.k << " s" << t.s << " p" << t.p;
    EXPECT_TRUE(near_all(
        finite_difference([&](const Values& v) { return reference::conv2d(xd, wd, v, g); }, bd, gd),
        gb.data()));
  }
}

TEST(ReluGelu, BackwardMatchesFiniteDifferences) {
  auto x = random_floats(37, 5, 2.0f);
  for (float& v : x) {
    if (std::fabs(v) < 1e-3f) v = 0.5f;  // away from ReLU's kink
  }
  const auto gy = random_floats(37, 6);
  std::vector<float> y(37), gx(37);
  relu_forward(y.data(), x.data(), 37);
  relu_backward(gx.data(), gy.data(), y.data(), 37);
  const Values relu_fd = finite_difference(
      [](const Values& v) {
        Values r(v.size());
        for (size_t i = 0; i < v.size(); ++i) r[i] = v[i] > 0 ? v[i] : 0;
        return r;
      },
      to_double(x), to_double(gy));
  EXPECT_TRUE(near_all(relu_fd, gx.data()));
  for (GeluApproximate a : {GeluApproximate::none, GeluApproximate::tanh}) {
    gelu_forward(y.data(), x.data(), 37, a);
    EXPECT_TRUE(near_all(reference::gelu(to_double(x), a), y.data(), 1e-5, 1e-6));
    gelu_backward(gx.data(), gy.data(), x.data(), 37, a);
    EXPECT_TRUE(near_all(finite_difference([a](const Values& v) { return reference::gelu(v, a); },
                                           to_double(x), to_double(gy)),
                         gx.data()));
  }
}

TEST(AvgPool2d, BackwardMatchesFiniteDifferences) {
  for (auto [k, s, p, h, w] :
       {std::tuple{2, 2, 0, 5, 5}, {3, 2, 1, 7, 6}, {3, 1, 0, 6, 6}, {2, 1, 1, 4, 3}}) {
    AvgPool2dConfig c;
    c.kernel_h = c.kernel_w = k;
    c.stride_h = c.stride_w = s;
    c.pad_h = c.pad_w = p;
    const Pool2dGeometry g = avg_pool2d_geometry(c, {2, 3, h, w});
    const auto x = random_floats(static_cast<size_t>(2 * 3 * h * w), 7);
    const auto gy = random_floats(static_cast<size_t>(2 * 3 * g.out_h * g.out_w), 8);
    std::vector<float> y(gy.size()), gx(x.size());
    avg_pool2d_forward(y.data(), x.data(), g);
    EXPECT_TRUE(near_all(reference::avg_pool2d(to_double(x), g), y.data(), 1e-5, 1e-6));
    avg_pool2d_backward(gx.data(), gy.data(), g);
    EXPECT_TRUE(
        near_all(finite_difference([&](const Values& v) { return reference::avg_pool2d(v, g); },
                                   to_double(x), to_double(gy)),
                 gx.data()));
  }
}

TEST(CrossEntropy, BackwardMatchesFiniteDifferences) {
  const int64_t rows = 5, classes = 4;
  const auto z = random_floats(static_cast<size_t>(rows * classes), 9, 2.0f);
  for (double smoothing : {0.0, 0.1, 0.6}) {
    for (Reduction r : {Reduction::mean, Reduction::sum, Reduction::none}) {
      CrossEntropyConfig c;
      c.reduction = r;
      c.label_smoothing = smoothing;
      const std::vector<int64_t> t{3, -100, 0, 1, 3};  // one row ignored
      const size_t n = r == Reduction::none ? rows : 1;
      const auto go = random_floats(n, 10);
      std::vector<double> loss(n);
      cross_entropy_forward(loss.data(), z.data(), t.data(), rows, classes, c);
      const Values want = reference::cross_entropy(to_double(z), t, rows, classes, c);
      for (size_t i = 0; i < n; ++i) EXPECT_NEAR(loss[i], want[i], 1e-6);
      std::vector<float> gz(z.size());
      cross_entropy_backward(gz.data(), go.data(), z.data(), t.data(), rows, classes, c);
      EXPECT_TRUE(near_all(
          finite_difference(
              [&](const Values& v) { return reference::cross_entropy(v, t, rows, classes, c); },
              to_double(z), to_double(go)),
          gz.data()));
      for (int64_t k = 0; k < classes; ++k) EXPECT_EQ(gz[static_cast<size_t>(classes + k)], 0.0f);
    }
  }
}

TEST(TrainLayers, RefusedInputsGivePyTorchsMessagesAndChangeNothing) {
  LayerSpec spec;
  spec.kind = LayerKind::conv2d;
  spec.conv2d = {3, 2, 3, 3, 1, 1, 1, 1, true};
  auto conv = make_layer(spec);
  for (auto& p : conv->parameters()) *p.value = random_floats(p.value->size(), 11);
  const auto x = random_floats(3 * 4 * 4, 12);
  std::vector<float> y(2 * 4 * 4);
  conv->forward(y.data(), x.data(), {1, 3, 4, 4});
  const std::vector<float> first = y;
  std::vector<float> untouched(64, 5.0f);
  EXPECT_EQ(message_of([&] {
              conv->forward(untouched.data(), x.data(), {1, 2, 4, 4});
            }),
            "Given groups=1, weight of size [2, 3, 3, 3], expected input[1, 2, 4, 4] to have 3 "
            "channels, but got 2 channels instead");
  EXPECT_EQ(
      message_of([&] {
        conv->forward(untouched.data(), x.data(), {3, 16});
      }),
      "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 16]");
  EXPECT_EQ(untouched, std::vector<float>(64, 5.0f));
  // backward still belongs to the last good forward: its grad_bias is the grad_output's sum
  const std::vector<float> gy(32, 1.0f);
  std::vector<float> gx(x.size());
  conv->backward(gx.data(), gy.data());
  EXPECT_EQ((*conv->parameters()[1].grad)[0], 16.0f);

  LinearConfig lc{5, 3, true};
  EXPECT_EQ(message_of([&] {
              linear_output_shape(lc, {2, 3, 4});
            }),
            "mat1 and mat2 shapes cannot be multiplied (6x4 and 5x3)");
  EXPECT_EQ(message_of([&] {
              linear_parameter_shapes({-1, 3, true});
            }),
            "Trying to create tensor with negative dimension -1: [3, -1]");
  AvgPool2dConfig pc{2, 2, 2, 2, 0, 0};
  EXPECT_EQ(message_of([&] {
              avg_pool2d_geometry(pc, {1, 3, 1, 4});
            }),
            "Given input size: (3x1x4). Calculated output size: (3x0x2). Output size is too small");
  EXPECT_EQ(message_of([&] { flatten_output_shape({4}); }),
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
  const std::vector<int64_t> t{0, 4, 1};
  EXPECT_EQ(message_of([&] {
              cross_entropy_output_shape({}, {3, 4}, {3}, t.data());
            }),
            "Target 4 is out of bounds.");
  EXPECT_EQ(message_of([&] { gelu_approximate_from("erf"); }),
            "approximate argument must be either none or tanh.");
}

TEST(TrainLayers, ExtremeSizesAreRefusedWithoutOverflow) {
  Conv2dConfig c{1, 1, 3, 3, 1, 1, INT64_MAX, INT64_MAX, true};
  EXPECT_EQ(message_of([&] {
              conv2d_geometry(c, {1, 1, 4, 4});
            }),
            "Storage size calculation overflowed with sizes=[1, 1, 4, 4]");
  AvgPool2dConfig p{INT64_MIN, 2, 1, 1, 0, 0};
  EXPECT_NE(message_of([&] { avg_pool2d_geometry(p, {1, 1, 4, 4}); }), "");
  AvgPool2dConfig q{2, 2, INT64_MIN, -1, 0, 0};
  EXPECT_NE(message_of([&] { avg_pool2d_geometry(q, {1, 1, 4, 4}); }), "");
  LayerSpec relu;
  relu.kind = LayerKind::relu;
  auto layer = make_layer(relu);
  float y = 0, x = 0;
  EXPECT_EQ(message_of([&] {
              layer->forward(&y, &x, {int64_t{1} << 62, 4});
            }),
            "Storage size calculation overflowed with sizes=[4611686018427387904, 4]");
  LayerSpec lin;
  lin.kind = LayerKind::linear;
  lin.linear = {4, 2, true};
  EXPECT_EQ(message_of([&] {
              make_layer(lin)->forward(&y, &x, {-1, 4});
            }),
            "Trying to create tensor with negative dimension -1: [-1, 4]");
}

TEST(TrainLayers, LinearWithoutFeaturesOnAHugeEmptyBatchReturnsAtOnce) {
  // found by the fuzzer: (2**40, 0) -> (2**40, 0) looped 2**40 times over empty rows
  LayerSpec lin;
  lin.kind = LayerKind::linear;
  lin.linear = {0, 0, true};
  auto layer = make_layer(lin);
  float y = 3.0f, x = 0.0f, g = 0.0f;
  const auto t0 = std::chrono::steady_clock::now();
  layer->forward(&y, &x, {int64_t{1} << 40, 0});
  layer->backward(&g, &y);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 1.0);
  EXPECT_EQ(y, 3.0f);  // nothing written
  EXPECT_EQ(layer->output_shape({int64_t{1} << 40, 0}), (Shape{int64_t{1} << 40, 0}));
}
