// BatchNorm: https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html
// Its statistics (each channel's moments over the batch and the spatial positions) and its input
// checks. The normalize step is channel_norm_forward (channel_normalize.cpp); the module's
// parameters and running statistics are NormModule's (norm_module.cpp).
//
// The moments are two passes, like row_moments (moments.cpp), on x - pivot with pivot the
// channel's first element: for data clustered far from zero x - pivot is exact and small.
#include "normlab/norm/batch_norm.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "norm_checks.hpp"
#include "normlab/error.hpp"
#include "normlab/norm/moments.hpp"
#include "normlab/norm/norm_module.hpp"
#include "simd.hpp"

namespace normlab {

using simd::f32x4;

namespace {

// Column sums over `rows` rows of a [rows, cols] matrix, vectorized across the columns:
// sum[j] += sum_i f(x[i, j], j), with f(v, j) = v - pivot[j] or ((v - pivot[j]) - offset[j])^2.
// Float partial sums over at most kFlushRows rows go into double, so a tall matrix keeps its
// digits without a double in the inner loop.
constexpr int64_t kFlushRows = 64;

template <bool Squared>
void column_sums(double* sum, const float* x, const float* pivot, const float* offset, int64_t rows,
                 int64_t cols) {
  std::vector<float> part(static_cast<size_t>(cols));
  for (int64_t r0 = 0; r0 < rows; r0 += kFlushRows) {
    std::fill(part.begin(), part.end(), 0.0f);
    const int64_t r1 = std::min(rows, r0 + kFlushRows);
    for (int64_t r = r0; r < r1; ++r) {
      const float* xr = x + r * cols;
      int64_t j = 0;
      for (; j + 4 <= cols; j += 4) {
        f32x4 d = simd::load(xr + j) - simd::load(pivot + j);
        if constexpr (Squared) {
          d -= simd::load(offset + j);
          d *= d;
        }
        simd::store(part.data() + j, simd::load(part.data() + j) + d);
      }
      for (; j < cols; ++j) {
        float d = xr[j] - pivot[j];
        if constexpr (Squared) {
          d -= offset[j];
          d *= d;
        }
        part[static_cast<size_t>(j)] += d;
      }
    }
    for (int64_t j = 0; j < cols; ++j) sum[j] += part[static_cast<size_t>(j)];
  }
}

// Channel moments when the slabs are too short for a row loop (BatchNorm1d on (N, C) has
// spatial == 1): x is the [batch, channels * spatial] matrix and its column sums are gathered
// per channel. The pivot is the channel's first element.
void channel_moments_by_columns(double* mean, float* var, const float* x, int64_t batch,
                                int64_t channels, int64_t spatial) {
  const int64_t cols = channels * spatial;
  const auto n = static_cast<double>(batch * spatial);
  std::vector<float> pivot(static_cast<size_t>(cols)), offset(static_cast<size_t>(cols));
  std::vector<double> sum(static_cast<size_t>(cols));
  for (int64_t j = 0; j < cols; ++j) pivot[static_cast<size_t>(j)] = x[j - j % spatial];
  column_sums<false>(sum.data(), x, pivot.data(), nullptr, batch, cols);
  for (int64_t c = 0; c < channels; ++c) {
    double s = 0.0;
    for (int64_t k = 0; k < spatial; ++k) s += sum[static_cast<size_t>(c * spatial + k)];
    mean[c] = static_cast<double>(x[c * spatial]) + s / n;
    const auto o = static_cast<float>(s / n);
    std::fill_n(offset.begin() + c * spatial, spatial, o);
  }
  std::fill(sum.begin(), sum.end(), 0.0);
  column_sums<true>(sum.data(), x, pivot.data(), offset.data(), batch, cols);
  for (int64_t c = 0; c < channels; ++c) {
    double s = 0.0;
    for (int64_t k = 0; k < spatial; ++k) s += sum[static_cast<size_t>(c * spatial + k)];
    var[c] = static_cast<float>(s / n);
  }
}

// Slabs long enough for the row loop: the moments of each of the batch slabs of a channel,
// combined in double with Chan's formula for equal-sized parts:
// M2 = sum(M2_slab) + spatial * sum((mean_slab - mean)^2).
void channel_moments_by_slabs(double* mean, float* var, const float* x, int64_t batch,
                              int64_t channels, int64_t spatial) {
  const auto slabs = static_cast<size_t>(batch * channels);
  std::vector<double> slab_mean(slabs);
  std::vector<float> slab_var(slabs);
  row_moments(slab_mean.data(), slab_var.data(), x, batch * channels, spatial);
  const auto s = static_cast<double>(spatial);
  for (int64_t c = 0; c < channels; ++c) {
    double m = 0.0;
    for (int64_t b = 0; b < batch; ++b) m += slab_mean[static_cast<size_t>(b * channels + c)];
    m /= static_cast<double>(batch);
    double m2 = 0.0;
    for (int64_t b = 0; b < batch; ++b) {
      const auto k = static_cast<size_t>(b * channels + c);
      const double d = slab_mean[k] - m;
      m2 += static_cast<double>(slab_var[k]) * s + s * d * d;
    }
    mean[c] = m;
    var[c] = static_cast<float>(m2 / (s * static_cast<double>(batch)));
  }
}

// Below this many elements per slab, a row loop would spend its time in remainders.
constexpr int64_t kMinSlab = 16;

}  // namespace

void channel_moments(double* mean, float* var, const float* x, int64_t batch, int64_t channels,
                     int64_t spatial) {
  if (batch * spatial == 0) {  // the mean of nothing is 0/0, as in PyTorch
    std::fill_n(mean, channels, std::nan(""));
    std::fill_n(var, channels, std::nanf(""));
  } else if (spatial >= kMinSlab) {
    channel_moments_by_slabs(mean, var, x, batch, channels, spatial);
  } else {
    channel_moments_by_columns(mean, var, x, batch, channels, spatial);
  }
}

void NormModule::validate_batch_norm(const Shape& shape, bool structure_only) const {
  const size_t d = shape.size();
  if (config_.dims == 1 && d != 2 && d != 3)
    fail("expected 2D or 3D input (got " + norm_checks::dims_text(d) + " input)");
  if (config_.dims == 2 && d != 4)
    fail("expected 4D input (got " + norm_checks::dims_text(d) + " input)");
  if (config_.dims == 3 && d != 5)
    fail("expected 5D input (got " + norm_checks::dims_text(d) + " input)");
  // F.batch_norm's _verify_batch_size: the batch times the spatial size.
  if (!structure_only && uses_batch_stats() && shape[0] * numel(shape, 2, d) == 1) {
    fail("Expected more than 1 value per channel when training, got input size " +
         format_torch_size(shape));
  }
  const int64_t nf = config_.num_features, C = shape[1];
  if (numel(shape) == 0) return norm_checks::check_empty_weight(config_.affine, nf);
  if (tracks_) norm_checks::check_features("running_mean", C, nf);
  if (config_.affine) norm_checks::check_features("weight", C, nf);
}

}  // namespace normlab
