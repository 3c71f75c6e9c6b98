// The normalize step and its gradient for BatchNorm, InstanceNorm and GroupNorm, on the view
// x[batch, channels, spatial] (see ChannelLayout in channel_normalize.hpp):
// https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html
// https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm2d.html
// https://pytorch.org/docs/1.13/generated/torch.nn.GroupNorm.html
//
// Each (n, c) block of `spatial` elements has one statistics group and one channel, so forward
// and backward both reduce to a per-block affine map of (x - center), where center is the float
// nearest the group's mean: x - center stays exact for data clustered far from zero, which
// x * scale + (bias - mean * scale) would not be (it loses every digit when the mean is 1e4).
// BatchNorm's blocks of one channel share every coefficient, so its coefficients are stored per
// channel ("slot" = block % channels) instead of per block.
#include <algorithm>
#include <cmath>
#include <vector>

#include "normlab/norm/channel_normalize.hpp"
#include "simd.hpp"

namespace normlab {

using simd::f32x4;

namespace {

// Coefficients are kept per slot; block k uses slot k % slots (blocks is a multiple of slots).
struct Slots {
  int64_t blocks, block_len, slots;
};

// y[k, :] = (x[k, :] - center[s]) * scale[s] + shift[s], s = k % slots.
void block_affine(float* y, const float* x, const float* center, const float* scale,
                  const float* shift, const Slots& b) {
  if (b.block_len == 1) {  // one element per block: vectorize across the slots instead
    for (int64_t k0 = 0; k0 < b.blocks; k0 += b.slots) {
      const float* xr = x + k0;
      float* yr = y + k0;
      int64_t s = 0;
      for (; s + 4 <= b.slots; s += 4) {
        const f32x4 d = simd::load(xr + s) - simd::load(center + s);
        simd::store(yr + s, d * simd::load(scale + s) + simd::load(shift + s));
      }
      for (; s < b.slots; ++s) yr[s] = (xr[s] - center[s]) * scale[s] + shift[s];
    }
    return;
  }
  for (int64_t k = 0, s = 0; k < b.blocks; ++k, s = s + 1 == b.slots ? 0 : s + 1) {
    const float* xr = x + k * b.block_len;
    float* yr = y + k * b.block_len;
    const float c = center[s], a = scale[s], h = shift[s];
    const f32x4 vc = simd::splat(c), va = simd::splat(a), vh = simd::splat(h);
    int64_t j = 0;
    for (; j + 4 <= b.block_len; j += 4) simd::store(yr + j, (simd::load(xr + j) - vc) * va + vh);
    for (; j < b.block_len; ++j) yr[j] = (xr[j] - c) * a + h;
  }
}

// sum_dy[s] = sum of dy and sum_dyxc[s] = sum of dy * (x - center[s]) over the blocks of slot s.
void block_grad_sums(double* sum_dy, double* sum_dyxc, const float* dy, const float* x,
                     const float* center, const Slots& b) {
  std::fill_n(sum_dy, b.slots, 0.0);
  std::fill_n(sum_dyxc, b.slots, 0.0);
  if (b.block_len == 1) {
    // Float partial sums across at most 64 rows of slots, then into double.
    std::vector<float> pd(static_cast<size_t>(b.slots)), px(static_cast<size_t>(b.slots));
    const int64_t rows = b.slots ? b.blocks / b.slots : 0;
    for (int64_t r0 = 0; r0 < rows; r0 += 64) {
      std::fill(pd.begin(), pd.end(), 0.0f);
      std::fill(px.begin(), px.end(), 0.0f);
      for (int64_t r = r0; r < std::min(rows, r0 + 64); ++r) {
        const float* dr = dy + r * b.slots;
        const float* xr = x + r * b.slots;
        int64_t s = 0;
        for (; s + 4 <= b.slots; s += 4) {
          const f32x4 d = simd::load(dr + s);
          simd::store(pd.data() + s, simd::load(pd.data() + s) + d);
          const f32x4 xc = simd::load(xr + s) - simd::load(center + s);
          simd::store(px.data() + s, simd::load(px.data() + s) + d * xc);
        }
        for (; s < b.slots; ++s) {
          pd[static_cast<size_t>(s)] += dr[s];
          px[static_cast<size_t>(s)] += dr[s] * (xr[s] - center[s]);
        }
      }
      for (int64_t s = 0; s < b.slots; ++s) {
        sum_dy[s] += pd[static_cast<size_t>(s)];
        sum_dyxc[s] += px[static_cast<size_t>(s)];
      }
    }
    return;
  }
  for (int64_t k = 0, s = 0; k < b.blocks; ++k, s = s + 1 == b.slots ? 0 : s + 1) {
    const float* xr = x + k * b.block_len;
    const float* dr = dy + k * b.block_len;
    const float c = center[s];
    const f32x4 vc = simd::splat(c);
    f32x4 d0{}, d1{}, p0{}, p1{};
    int64_t j = 0;
    for (; j + 8 <= b.block_len; j += 8) {
      const f32x4 g0 = simd::load(dr + j), g1 = simd::load(dr + j + 4);
      d0 += g0;
      d1 += g1;
      p0 += g0 * (simd::load(xr + j) - vc);
      p1 += g1 * (simd::load(xr + j + 4) - vc);
    }
    for (; j + 4 <= b.block_len; j += 4) {
      const f32x4 g = simd::load(dr + j);
      d0 += g;
      p0 += g * (simd::load(xr + j) - vc);
    }
    float sd = simd::sum(d0 + d1), sp = simd::sum(p0 + p1);
    for (; j < b.block_len; ++j) {
      sd += dr[j];
      sp += dr[j] * (xr[j] - c);
    }
    sum_dy[s] += sd;
    sum_dyxc[s] += sp;
  }
}

// Per slot s, the coefficients of one block's input gradient:
// dx = rstd * (w * dy - mean_g) + b * (x - center) + k.
// w * dy - mean_g comes first: in a group of one element mean_g is w * dy rounded the same way, so
// the difference is exactly 0 before rstd (up to 1/sqrt(eps)) could magnify a rounding error.
struct GradCoefficients {
  std::vector<float> center, rstd, w, mean_g, b, k;
};

void block_grad_input(float* dx, const float* dy, const float* x, const GradCoefficients& q,
                      const Slots& sl) {
  const float *center = q.center.data(), *r = q.rstd.data(), *w = q.w.data();
  const float *mg = q.mean_g.data(), *b = q.b.data(), *k = q.k.data();
  if (sl.block_len == 1) {
    for (int64_t k0 = 0; k0 < sl.blocks; k0 += sl.slots) {
      int64_t s = 0;
      for (; s + 4 <= sl.slots; s += 4) {
        const f32x4 g = simd::load(w + s) * simd::load(dy + k0 + s);
        const f32x4 gc = g - simd::load(mg + s);
        const f32x4 xc = simd::load(x + k0 + s) - simd::load(center + s);
        simd::store(dx + k0 + s,
                    simd::load(r + s) * gc + simd::load(b + s) * xc + simd::load(k + s));
      }
      for (; s < sl.slots; ++s) {
        const float g = w[s] * dy[k0 + s];
        const float gc = g - mg[s];
        dx[k0 + s] = r[s] * gc + b[s] * (x[k0 + s] - center[s]) + k[s];
      }
    }
    return;
  }
  for (int64_t blk = 0, s = 0; blk < sl.blocks; ++blk, s = s + 1 == sl.slots ? 0 : s + 1) {
    const int64_t off = blk * sl.block_len;
    const f32x4 vc = simd::splat(center[s]), vr = simd::splat(r[s]), vw = simd::splat(w[s]),
                vm = simd::splat(mg[s]), vb = simd::splat(b[s]), vk = simd::splat(k[s]);
    int64_t j = 0;
    for (; j + 4 <= sl.block_len; j += 4) {
      const f32x4 g = vw * simd::load(dy + off + j);
      const f32x4 gc = g - vm;
      const f32x4 xc = simd::load(x + off + j) - vc;
      simd::store(dx + off + j, vr * gc + vb * xc + vk);
    }
    for (; j < sl.block_len; ++j) {
      const float g = w[s] * dy[off + j];
      const float gc = g - mg[s];
      dx[off + j] = r[s] * gc + b[s] * (x[off + j] - center[s]) + k[s];
    }
  }
}

Slots slots_of(const ChannelLayout& l) {
  const int64_t blocks = l.batch * l.channels;
  return {blocks, l.spatial, l.per_sample ? blocks : l.channels};
}

// The statistics group and the channel of slot s.
int64_t slot_stat(const ChannelLayout& l, int64_t s) {
  return l.per_sample ? l.stat(s / l.channels, s % l.channels) : s;
}

// center = the float nearest the mean; adj = (center - mean) * rstd, the part of the normalized
// value that x - center misses.
struct Center {
  float center;
  double adj;
};
Center center_of(double mean, float rstd) {
  const auto c = static_cast<float>(mean);
  return {c, (static_cast<double>(c) - mean) * static_cast<double>(rstd)};
}

}  // namespace

void channel_norm_forward(float* y, const float* x, const double* mean, const float* rstd,
                          const float* weight, const float* bias, const ChannelLayout& layout) {
  const Slots sl = slots_of(layout);
  if (sl.blocks == 0) return;
  const auto n = static_cast<size_t>(sl.slots);
  std::vector<float> center(n), scale(n), shift(n);
  for (int64_t s = 0; s < sl.slots; ++s) {
    const int64_t g = slot_stat(layout, s), ch = s % layout.channels;
    const Center cg = center_of(mean[g], rstd[g]);
    const double w = weight ? static_cast<double>(weight[ch]) : 1.0;
    const double b = bias ? static_cast<double>(bias[ch]) : 0.0;
    const auto i = static_cast<size_t>(s);
    center[i] = cg.center;
    scale[i] = static_cast<float>(static_cast<double>(rstd[g]) * w);
    shift[i] = static_cast<float>(cg.adj * w + b);
  }
  block_affine(y, x, center.data(), scale.data(), shift.data(), sl);
}

// With g = grad_output * weight and xhat the normalized input, per statistics group of n elements:
// grad_input = rstd * (g - mean(g) - xhat * mean(g * xhat)) when the statistics came from x, and
// rstd * g when they were constants. Written per block with xhat = (x - center) * rstd + adj.
void channel_norm_backward(float* grad_input, float* grad_weight, float* grad_bias,
                           const float* grad_output, const float* x, const double* mean,
                           const float* rstd, const float* weight, const ChannelLayout& layout,
                           bool batch_stats) {
  const Slots sl = slots_of(layout);
  const int64_t C = layout.channels;
  if (grad_weight) std::fill_n(grad_weight, C, 0.0f);
  if (grad_bias) std::fill_n(grad_bias, C, 0.0f);
  // Empty groups (spatial == 0) go on: their statistics are NaN, and so is grad_weight, as in
  // PyTorch's GroupNorm.
  if (sl.blocks == 0) return;
  const auto n = static_cast<size_t>(sl.slots);
  GradCoefficients q;
  for (auto* v : {&q.center, &q.rstd, &q.w, &q.mean_g, &q.b, &q.k}) v->assign(n, 0.0f);
  std::vector<double> adj(n), sum_dy(n), sum_dyxc(n);
  for (int64_t s = 0; s < sl.slots; ++s) {
    const int64_t g = slot_stat(layout, s);
    const Center cg = center_of(mean[g], rstd[g]);
    q.center[static_cast<size_t>(s)] = cg.center;
    adj[static_cast<size_t>(s)] = cg.adj;
  }
  block_grad_sums(sum_dy.data(), sum_dyxc.data(), grad_output, x, q.center.data(), sl);

  // Per slot: sum(dy * xhat) = rstd * sum(dy * (x - center)) + adj * sum(dy). The parameter
  // gradients gather the slots of each channel; the statistics terms those of each group.
  const auto groups = static_cast<size_t>(layout.stat_count());
  std::vector<double> dw(static_cast<size_t>(C)), db(static_cast<size_t>(C));
  std::vector<double> g_sum(groups), gx_sum(groups), dy_xhat(n);
  for (int64_t s = 0; s < sl.slots; ++s) {
    const auto i = static_cast<size_t>(s);
    const int64_t g = slot_stat(layout, s), ch = s % C;
    dy_xhat[i] = static_cast<double>(rstd[g]) * sum_dyxc[i] + adj[i] * sum_dy[i];
    dw[static_cast<size_t>(ch)] += dy_xhat[i];
    db[static_cast<size_t>(ch)] += sum_dy[i];
    const double w = weight ? static_cast<double>(weight[ch]) : 1.0;
    g_sum[static_cast<size_t>(g)] += w * sum_dy[i];
    gx_sum[static_cast<size_t>(g)] += w * dy_xhat[i];
  }
  for (int64_t c = 0; c < C; ++c) {
    if (grad_weight) grad_weight[c] = static_cast<float>(dw[static_cast<size_t>(c)]);
    if (grad_bias) grad_bias[c] = static_cast<float>(db[static_cast<size_t>(c)]);
  }

  const auto count = static_cast<double>(layout.group_size());
  for (int64_t s = 0; s < sl.slots; ++s) {
    const auto i = static_cast<size_t>(s);
    const int64_t g = slot_stat(layout, s), ch = s % C;
    const double r = rstd[g];
    q.rstd[i] = rstd[g];
    q.w[i] = weight ? weight[ch] : 1.0f;
    if (batch_stats) {
      const double mg = g_sum[static_cast<size_t>(g)] / count;
      const double mgx = gx_sum[static_cast<size_t>(g)] / count;
      q.mean_g[i] = static_cast<float>(mg);
      q.b[i] = static_cast<float>(-r * r * mgx);
      q.k[i] = static_cast<float>(-r * mgx * adj[i]);
    }
  }
  block_grad_input(grad_input, grad_output, x, q, sl);
}

}  // namespace normlab
