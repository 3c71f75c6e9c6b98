// The row and channel moment kernels on their own, against a double two-pass (split from
// fuzz_norm.cpp, which fuzzes the modules).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "fuzz.hpp"
#include "normlab/norm.hpp"

namespace normlab::fuzz {

// The moment kernels on their own: any rows x cols and batch x channels x spatial (both of
// channel_moments' paths), against a double two-pass.
void fuzz_norm_kernels(FuzzedDataProvider& p) {
  const int64_t a = p.ConsumeIntegralInRange<int64_t>(1, 40);
  const int64_t b = p.ConsumeIntegralInRange<int64_t>(1, 40);
  const int64_t c = p.ConsumeIntegralInRange<int64_t>(1, 40);
  const bool rows = p.ConsumeBool();
  const int64_t n = a * b * c;
  if (n > kMaxElements) return;
  const Tensor x = tensor_values(p, n);
  if (!x.tame) return;
  // rows: (a * b) rows of c; channels: batch a, channels b, spatial c
  const int64_t groups = rows ? a * b : b;
  std::vector<double> mean(static_cast<size_t>(groups));
  std::vector<float> var(static_cast<size_t>(groups));
  if (rows) {
    row_moments(mean.data(), var.data(), x.values.data(), a * b, c);
  } else {
    channel_moments(mean.data(), var.data(), x.values.data(), a, b, c);
  }
  for (int64_t g = 0; g < groups; ++g) {
    double m = 0, lo = INFINITY, hi = -INFINITY, cnt = 0;
    const auto each = [&](auto&& f) {
      if (rows) {
        for (int64_t j = 0; j < c; ++j) f(x.values[static_cast<size_t>(g * c + j)]);
      } else {
        for (int64_t i = 0; i < a; ++i)
          for (int64_t j = 0; j < c; ++j) f(x.values[static_cast<size_t>((i * b + g) * c + j)]);
      }
    };
    each([&](float v) {
      m += v;
      cnt += 1;
      lo = std::min(lo, static_cast<double>(v));
      hi = std::max(hi, static_cast<double>(v));
    });
    m /= cnt;
    double v2 = 0;
    each([&](float v) { v2 += (v - m) * (v - m); });
    v2 /= cnt;
    const auto k = static_cast<size_t>(g);
    // 1e-37: below float's normal range, denormal sums and squares keep few or no digits
    FUZZ_CHECK(
        std::fabs(mean[k] - m) <= 1e-4 * (hi - lo) + 1e-6 * std::fabs(m) + 1e-37,
        std::string(rows ? "row" : "channel") + " mean " + num(mean[k]) + ", reference " + num(m));
    // the squared deviations carry the float rounding of the centre: relative to the range
    const double tol = 1e-3 * v2 + 1e-6 * (hi - lo) * (hi - lo) + 1e-37;
    FUZZ_CHECK(var[k] >= 0 && std::fabs(var[k] - v2) <= tol, std::string(rows ? "row" : "channel") +
                                                                 " variance " + num(var[k]) +
                                                                 ", reference " + num(v2));
  }
}

}  // namespace normlab::fuzz
