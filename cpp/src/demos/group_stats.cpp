// Per-group count, mean and variances for display (see group_stats.hpp). Groups may interleave
// (BatchNorm's channels do), so the passes walk x once in order and scatter into the groups; the
// sums are in double because these are the numbers printed next to the tensor, and they must read
// 0 for a constant group and agree with the layer's own statistics to every printed digit.
#include "normlab/demos/group_stats.hpp"

#include <limits>
#include <string>
#include <vector>

#include "normlab/error.hpp"

namespace normlab {

void group_moments(int32_t* count, double* mean, double* var, double* var_unbiased, const float* x,
                   const int32_t* group, int64_t n, int64_t groups) {
  if (n < 0 || groups < 0) {
    fail("group_moments: sizes must not be negative, got n=" + std::to_string(n) +
         ", groups=" + std::to_string(groups));
  }
  if (n > std::numeric_limits<int32_t>::max())
    fail("group_moments: more elements than an int32 count holds: " + std::to_string(n));
  if ((n > 0 && (!x || !group)) || (groups > 0 && (!count || !mean || !var)))
    fail("group_moments: missing input or output buffer");
  for (int64_t i = 0; i < n; ++i) {
    if (group[i] < 0 || group[i] >= groups) {
      fail("group_moments: element " + std::to_string(i) + " has group id " +
           std::to_string(group[i]) + ", outside [0, " + std::to_string(groups) + ")");
    }
  }

  const auto g = static_cast<size_t>(groups);
  std::vector<double> sum(g, 0.0), squares(g, 0.0);
  for (size_t k = 0; k < g; ++k) count[k] = 0;
  for (int64_t i = 0; i < n; ++i) {
    sum[static_cast<size_t>(group[i])] += static_cast<double>(x[i]);
    ++count[group[i]];
  }
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  for (size_t k = 0; k < g; ++k) mean[k] = count[k] ? sum[k] / count[k] : nan;
  for (int64_t i = 0; i < n; ++i) {
    const auto k = static_cast<size_t>(group[i]);
    const double d = static_cast<double>(x[i]) - mean[k];
    squares[k] += d * d;
  }
  for (size_t k = 0; k < g; ++k) {
    const auto c = static_cast<double>(count[k]);
    var[k] = count[k] ? squares[k] / c : nan;
    if (var_unbiased) var_unbiased[k] = count[k] > 1 ? squares[k] / (c - 1.0) : nan;
  }
}

}  // namespace normlab
