// Helpers shared by the normalization tests: seeded inputs, the double-precision view xtensor's
// references take, and a central-difference check of backward() against a reference.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>
#include <xtensor/xadapt.hpp>
#include <xtensor/xarray.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xreducer.hpp>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"

namespace normtest {

using normlab::NormConfig;
using normlab::NormKind;
using normlab::NormModule;
using normlab::Shape;

inline std::vector<float> random_values(size_t n, unsigned seed, float scale = 1.0f,
                                        float shift = 0.0f) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(shift, scale);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

inline xt::xarray<double> as_double(const std::vector<float>& v, const Shape& shape) {
  std::vector<size_t> s(shape.begin(), shape.end());
  return xt::xarray<double>(xt::adapt(v, s));
}

inline size_t count(const Shape& shape) {
  return static_cast<size_t>(normlab::numel(shape));
}

inline NormConfig batch_norm(int dims, int64_t channels) {
  NormConfig c;
  c.kind = NormKind::batch_norm;
  c.dims = dims;
  c.num_features = channels;
  return c;
}

inline NormConfig instance_norm(int dims, int64_t channels) {
  NormConfig c;
  c.kind = NormKind::instance_norm;
  c.dims = dims;
  c.num_features = channels;
  c.affine = false;
  c.track_running_stats = false;
  return c;
}

inline NormConfig group_norm(int64_t groups, int64_t channels) {
  NormConfig c;
  c.kind = NormKind::group_norm;
  c.num_groups = groups;
  c.num_features = channels;
  return c;
}

inline NormConfig layer_norm(Shape normalized_shape) {
  NormConfig c;
  c.kind = NormKind::layer_norm;
  c.normalized_shape = std::move(normalized_shape);
  return c;
}

inline std::vector<float> forward(NormModule& m, const std::vector<float>& x, const Shape& shape) {
  std::vector<float> y(x.size());
  m.forward(y.data(), x.data(), shape);
  return y;
}

// The message `f` throws as normlab::Error, or "" when it does not throw.
template <typename F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const normlab::Error& e) {
    return e.what();
  }
  return "";
}

// ref(x, weight, bias) in double on the [N, C, S] view; weight and bias are [C] (or 0-d).
using Reference = std::function<xt::xarray<double>(
    const xt::xarray<double>&, const xt::xarray<double>&, const xt::xarray<double>&)>;

// Runs forward() and backward() on a random input of `shape` (viewed as ncs = [N, C, S] by the
// reference) and holds grad_input, grad_weight and grad_bias against central differences of
// loss = sum(ref(x, w, b) * grad_output). Every `stride`-th input element is checked.
inline void expect_gradients_match_finite_differences(NormModule& m, const Shape& shape,
                                                      const Shape& ncs, const Reference& ref,
                                                      unsigned seed, size_t stride = 3) {
  const size_t n = count(shape);
  const auto x = random_values(n, seed, 1.5f, 0.5f), dy = random_values(n, seed + 1);
  std::vector<float> dx(n);
  forward(m, x, shape);
  m.backward(dx.data(), dy.data());
  const Shape channel_shape{ncs[1]};
  const xt::xarray<double> w =
      m.weight().empty() ? xt::xarray<double>() : as_double(m.weight(), channel_shape);
  const xt::xarray<double> b =
      m.bias().empty() ? xt::xarray<double>() : as_double(m.bias(), channel_shape);
  const auto g = as_double(dy, ncs), x0 = as_double(x, ncs);
  auto loss = [&](const xt::xarray<double>& xx, const xt::xarray<double>& ww,
                  const xt::xarray<double>& bb) { return xt::sum(ref(xx, ww, bb) * g)(); };
  const double h = 1e-4;
  auto tolerance = [](double want) { return 1e-3 * std::max(1.0, std::fabs(want)); };
  for (size_t i = 0; i < n; i += stride) {
    auto xp = x0, xm = x0;
    xp.flat(i) += h;
    xm.flat(i) -= h;
    const double want = (loss(xp, w, b) - loss(xm, w, b)) / (2 * h);
    EXPECT_NEAR(dx[i], want, tolerance(want)) << "grad_input " << i;
  }
  for (size_t i = 0; i < m.weight().size(); ++i) {
    auto wp = w, wm = w;
    wp.flat(i) += h;
    wm.flat(i) -= h;
    const double want = (loss(x0, wp, b) - loss(x0, wm, b)) / (2 * h);
    EXPECT_NEAR(m.grad_weight()[i], want, tolerance(want)) << "grad_weight " << i;
  }
  for (size_t i = 0; i < m.bias().size(); ++i) {
    auto bp = b, bm = b;
    bp.flat(i) += h;
    bm.flat(i) -= h;
    const double want = (loss(x0, w, bp) - loss(x0, w, bm)) / (2 * h);
    EXPECT_NEAR(m.grad_bias()[i], want, tolerance(want)) << "grad_bias " << i;
  }
}

}  // namespace normtest
