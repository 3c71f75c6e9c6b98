// RMSNorm through NormModule, against a double reference (split from fuzz_norm.cpp, which
// fuzzes BatchNorm, LayerNorm, InstanceNorm and GroupNorm).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "fuzz.hpp"
#include "normlab/norm.hpp"

namespace normlab::fuzz {

// RMSNorm through NormModule: a random normalized_shape (1 to 3 dims) under 0 to 2 leading dims,
// sometimes an input whose trailing dims do not match, eps null (float32's epsilon) or drawn,
// with or without the weight. Checked: a mismatch is refused with LayerNorm's message and changes
// nothing; plan() and forward() agree on the rows; for tame data the output, rstd and both
// gradients agree with a double reference.
void fuzz_rms_norm(FuzzedDataProvider& p) {
  NormConfig c;
  c.kind = NormKind::rms_norm;
  const int normalized_dims = p.ConsumeIntegralInRange<int>(1, 3);
  for (int d = 0; d < normalized_dims; ++d)
    c.normalized_shape.push_back(p.ConsumeIntegralInRange<int64_t>(1, 9));
  c.eps = p.ConsumeBool() ? kRmsNormDefaultEps : number_value(p, 1e-6, 1.0);
  c.affine = p.ConsumeBool();
  Shape shape;
  const int leading = p.ConsumeIntegralInRange<int>(0, 2);
  for (int d = 0; d < leading; ++d) shape.push_back(p.ConsumeIntegralInRange<int64_t>(0, 9));
  shape.insert(shape.end(), c.normalized_shape.begin(), c.normalized_shape.end());
  const bool mismatch = p.ConsumeIntegralInRange<int>(0, 7) == 0;
  if (mismatch) shape.back() += 1;
  const auto n = safe_numel(shape);
  if (!n || *n > kMaxElements) return;

  NormModule m(c);  // small sizes: nothing to refuse (eps, even NaN, is PyTorch's to take)
  const int64_t cols = numel(c.normalized_shape), rows = *n / cols;
  Random random(p.ConsumeIntegral<uint64_t>());
  for (float& w : m.weight()) w = static_cast<float>(0.5 + random.uniform());
  const Tensor x = tensor_values(p, *n);
  std::vector<float> y(x.values.size()), dx(x.values.size());
  const Tensor dy = tensor_values(p, *n);

  if (mismatch) {
    const auto message = refusal([&] { m.forward(y.data(), x.values.data(), shape); });
    FUZZ_CHECK(message && message->rfind("Given normalized_shape=", 0) == 0,
               "RMSNorm accepted " + shape_text(shape) + " for " + shape_text(c.normalized_shape));
    FUZZ_CHECK(m.stat_count() == 0, "a refused RMSNorm forward kept statistics");
    return;
  }
  FUZZ_CHECK(m.plan(shape).stat_count == rows, "RMSNorm plan rows for " + shape_text(shape));
  m.forward(y.data(), x.values.data(), shape);
  FUZZ_CHECK(m.stat_count() == rows, "RMSNorm forward rows for " + shape_text(shape));
  m.backward(dx.data(), dy.values.data());
  if (!x.tame || !dy.tame || !(c.eps >= 1e-6 && c.eps <= 1.0)) return;

  const std::vector<float>& w = m.weight();
  std::vector<double> gw(w.size(), 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x.values.data() + r * cols;
    const float* gr = dy.values.data() + r * cols;
    double ms = 0, gx = 0, scale = 0;
    for (int64_t j = 0; j < cols; ++j) {
      ms += static_cast<double>(xr[j]) * xr[j];
      scale = std::max(scale, std::fabs(static_cast<double>(xr[j])));
    }
    const double s = 1.0 / std::sqrt(ms / static_cast<double>(cols) + c.eps);
    FUZZ_CHECK(
        std::fabs(m.stat_rstd()[static_cast<size_t>(r)] - s) <= 1e-5 * s,
        "RMSNorm rstd " + num(m.stat_rstd()[static_cast<size_t>(r)]) + ", reference " + num(s));
    for (int64_t j = 0; j < cols; ++j) {
      const double wj = w.empty() ? 1.0 : w[static_cast<size_t>(j)];
      gx += gr[j] * wj * xr[j];
      if (!w.empty()) gw[static_cast<size_t>(j)] += gr[j] * xr[j] * s;
    }
    // |x * s| <= sqrt(cols): the output's scale; the gradient's is the grad's times s
    double gmax = 0;
    for (int64_t j = 0; j < cols; ++j) gmax = std::max(gmax, std::fabs(static_cast<double>(gr[j])));
    for (int64_t j = 0; j < cols; ++j) {
      const auto i = static_cast<size_t>(r * cols + j);
      const double wj = w.empty() ? 1.0 : w[static_cast<size_t>(j)];
      const double want_y = xr[j] * s * wj;
      // 1e-37: below float's normal range, denormal inputs keep few or no digits
      FUZZ_CHECK(std::fabs(y[i] - want_y) <= 1e-5 * (std::fabs(want_y) + scale * s * 1.5) + 1e-37,
                 "RMSNorm output " + num(y[i]) + ", reference " + num(want_y));
      const double want_dx = s * (gr[j] * wj - xr[j] * s * s * gx / static_cast<double>(cols));
      FUZZ_CHECK(std::fabs(dx[i] - want_dx) <= 1e-4 * s * 1.5 * gmax * (1 + cols * 1e-2) + 1e-37,
                 "RMSNorm grad_input " + num(dx[i]) + ", reference " + num(want_dx));
    }
  }
  for (size_t j = 0; j < gw.size(); ++j) {
    double bound = 0;
    for (int64_t r = 0; r < rows; ++r)
      bound += std::fabs(dy.values[static_cast<size_t>(r * cols) + j]) * std::sqrt(double(cols));
    // float sums over the rows: an error growing with their count
    const double tol = (1e-5 + 1e-6 * static_cast<double>(rows)) * bound + 1e-37;
    FUZZ_CHECK(std::fabs(m.grad_weight()[j] - gw[j]) <= tol,
               "RMSNorm grad_weight " + num(m.grad_weight()[j]) + ", reference " + num(gw[j]));
  }
}

}  // namespace normlab::fuzz
