// torch.nn.Conv2d (groups 1, dilation 1, zero padding):
// https://pytorch.org/docs/1.13/generated/torch.nn.Conv2d.html
//
// Stride 1, the case small CNNs use (3x3, padding 1), runs without im2col: each input plane is
// copied once into a zero-padded plane, and a register block of 8 output columns x 4 output
// channels (eight 128-bit accumulators) walks the input channels and kernel taps, loading each
// input vector once for four output channels and storing each output once. The input gradient is
// the same loop on the padded grad_output with the kernel flipped and its channel axes swapped;
// the weight gradient is a matrix product over the whole batch, output channels x kernel taps,
// with 4 taps x 8 output channels in registers (conv2d_weight_gradient). Other strides take the
// plain loop.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <new>
#include <vector>

#include "normlab/train/layers.hpp"
#include "simd.hpp"

namespace normlab {

namespace {

// 128-bit integers for size arithmetic that must not overflow before it is refused
__extension__ typedef __int128 wide;

using simd::f32x4;

constexpr int64_t kSlack = 8;  // floats after a padded buffer that a last 8-wide load may touch

size_t count(int64_t n) {
  return static_cast<size_t>(n);
}

// Floats in a channels x h x w buffer and its slack; one the address space cannot hold throws
// std::bad_alloc (a padded plane can be far larger than the input or output it pads).
size_t buffer_size(int64_t channels, int64_t h, int64_t w) {
  const wide n = static_cast<wide>(channels) * h * w + kSlack;
  if (n > PTRDIFF_MAX / static_cast<wide>(sizeof(float))) throw std::bad_alloc();
  return buffer_length(static_cast<int64_t>(n), sizeof(float));
}

// dst[r][c] = src[r - top][c - left] where that is inside src[sh][sw], else 0; dst is dh x dw.
// A negative top or left crops src.
void embed(float* dst, int64_t dh, int64_t dw, const float* src, int64_t sh, int64_t sw,
           int64_t top, int64_t left) {
  const int64_t c0 = std::max<int64_t>(0, left), c1 = std::min(dw, left + sw);
  for (int64_t r = 0; r < dh; ++r) {
    float* d = dst + r * dw;
    const int64_t sr = r - top;
    if (sr < 0 || sr >= sh || c0 >= c1) {
      std::memset(d, 0, count(dw) * sizeof(float));
      continue;
    }
    std::memset(d, 0, count(c0) * sizeof(float));
    std::memcpy(d + c0, src + sr * sw + (c0 - left), count(c1 - c0) * sizeof(float));
    std::memset(d + c1, 0, count(dw - c1) * sizeof(float));
  }
}

// out[oc, oh, ow] = bias[oc] + sum over ic, kh, kw of w[oc, ic, kh, kw] * p[ic, oh + kh, ow + kw]
// for out[oc_count, out_h, out_w], p[ic_count, ph, pw] (ph = out_h + kh - 1, pw = out_w + kw - 1,
// followed by kSlack readable floats), w[oc_count, ic_count, kh, kw], bias[oc_count] or null.
// KH and KW > 0 fix the kernel at compile time (the loops unroll); 0 takes kh and kw.
template <int KH, int KW>
void correlate(float* out, const float* p, const float* w, const float* bias, int64_t ic_count,
               int64_t oc_count, int64_t kh_rt, int64_t kw_rt, int64_t out_h, int64_t out_w,
               int64_t ph, int64_t pw) {
  const int64_t kh = KH > 0 ? KH : kh_rt, kw = KW > 0 ? KW : kw_rt;
  const int64_t taps = ic_count * kh * kw;
  const int64_t plane = out_h * out_w;
  // the weights of 4 output channels, tap by tap: packed[t] = {w[oc0, t], ..., w[oc0 + 3, t]}
  std::vector<f32x4> packed(buffer_length(taps, sizeof(f32x4)));
  for (int64_t oc0 = 0; oc0 < oc_count; oc0 += 4) {
    const int64_t block = std::min<int64_t>(4, oc_count - oc0);
    for (int64_t t = 0; t < taps; ++t) {
      f32x4 v = simd::splat(0.0f);
      for (int64_t j = 0; j < block; ++j) v[j] = w[(oc0 + j) * taps + t];
      packed[count(t)] = v;
    }
    f32x4 b = simd::splat(0.0f);
    for (int64_t j = 0; j < block; ++j) b[j] = bias ? bias[oc0 + j] : 0.0f;
    for (int64_t oh = 0; oh < out_h; ++oh) {
      for (int64_t ow = 0; ow < out_w; ow += 8) {
        f32x4 a00 = simd::splat(b[0]), a01 = a00, a10 = simd::splat(b[1]), a11 = a10;
        f32x4 a20 = simd::splat(b[2]), a21 = a20, a30 = simd::splat(b[3]), a31 = a30;
        const f32x4* wt = packed.data();
        for (int64_t ic = 0; ic < ic_count; ++ic) {
          const float* base = p + (ic * ph + oh) * pw + ow;
          for (int64_t y = 0; y < kh; ++y) {
            const float* row = base + y * pw;
            for (int64_t x = 0; x < kw; ++x, ++wt) {
              const f32x4 v0 = simd::load(row + x), v1 = simd::load(row + x + 4);
              const f32x4 wv = *wt;
              const f32x4 w0 = simd::splat(wv[0]), w1 = simd::splat(wv[1]);
              const f32x4 w2 = simd::splat(wv[2]), w3 = simd::splat(wv[3]);
              a00 += v0 * w0;
              a01 += v1 * w0;
              a10 += v0 * w1;
              a11 += v1 * w1;
              a20 += v0 * w2;
              a21 += v1 * w2;
              a30 += v0 * w3;
              a31 += v1 * w3;
            }
          }
        }
        const f32x4 acc[4][2] = {{a00, a01}, {a10, a11}, {a20, a21}, {a30, a31}};
        const int64_t n = std::min<int64_t>(8, out_w - ow);
        for (int64_t j = 0; j < block; ++j) {
          float* o = out + (oc0 + j) * plane + oh * out_w + ow;
          if (n == 8) {
            simd::store(o, acc[j][0]);
            simd::store(o + 4, acc[j][1]);
          } else {
            float tmp[8];
            simd::store(tmp, acc[j][0]);
            simd::store(tmp + 4, acc[j][1]);
            std::memcpy(o, tmp, count(n) * sizeof(float));
          }
        }
      }
    }
  }
}

void correlate_any(float* out, const float* p, const float* w, const float* bias, int64_t ic_count,
                   int64_t oc_count, int64_t kh, int64_t kw, int64_t out_h, int64_t out_w,
                   int64_t ph, int64_t pw) {
  if (kh == 3 && kw == 3) {
    correlate<3, 3>(out, p, w, bias, ic_count, oc_count, kh, kw, out_h, out_w, ph, pw);
  } else if (kh == 1 && kw == 1) {
    correlate<1, 1>(out, p, w, bias, ic_count, oc_count, kh, kw, out_h, out_w, ph, pw);
  } else {
    correlate<0, 0>(out, p, w, bias, ic_count, oc_count, kh, kw, out_h, out_w, ph, pw);
  }
}

// The zero-padded planes of sample n's channels: [channels, in_h + 2 pad_h, in_w + 2 pad_w] and
// kSlack floats.
void pad_input(std::vector<float>& buf, const float* x, int64_t channels, const Conv2dGeometry& g) {
  const int64_t ph = g.in_h + 2 * g.pad_h, pw = g.in_w + 2 * g.pad_w;
  buf.assign(buffer_size(channels, ph, pw), 0.0f);
  for (int64_t c = 0; c < channels; ++c) {
    embed(buf.data() + c * ph * pw, ph, pw, x + c * g.in_h * g.in_w, g.in_h, g.in_w, g.pad_h,
          g.pad_w);
  }
}

// grad_weight[oc, k] = sum over samples n and output positions of
// go[n, oc, pos] * padded[n, k, pos], for k = (ic, y, x) a kernel tap, as a matrix product over
// the whole batch: the output channels go to the vector lanes (grad_output transposed to
// [n, pos, oc], padded to whole vectors of 8 channels), and a register block of 4 taps x 8 output
// channels (eight accumulators) walks every sample and position, loading one vector pair of
// grad_output and four input values (broadcast) per step. Each block's sums stay in registers
// over the whole batch and are stored once. Stride 1 only.
void conv2d_weight_gradient(float* grad_weight, const float* grad_output, const float* x,
                            const Conv2dGeometry& g) {
  const int64_t ph = g.in_h + 2 * g.pad_h, pw = g.in_w + 2 * g.pad_w;
  const int64_t in_size = g.in_channels * g.in_h * g.in_w, padded_size = g.in_channels * ph * pw;
  const int64_t out_plane = g.out_h * g.out_w;
  const int64_t taps = g.kernel_h * g.kernel_w, ktotal = g.in_channels * taps;
  const int64_t oc_pad = (g.out_channels + 7) / 8 * 8;
  // every sample's zero-padded input planes, one after the other
  std::vector<float> padded(buffer_size(g.batch, padded_size, 1));
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t c = 0; c < g.in_channels; ++c) {
      embed(padded.data() + n * padded_size + c * ph * pw, ph, pw,
            x + n * in_size + c * g.in_h * g.in_w, g.in_h, g.in_w, g.pad_h, g.pad_w);
    }
  }
  // grad_output as [n, pos, oc_pad], zero in the padding channels
  std::vector<float> got(buffer_size(g.batch, out_plane, oc_pad), 0.0f);
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t oc = 0; oc < g.out_channels; ++oc) {
      const float* go = grad_output + (n * g.out_channels + oc) * out_plane;
      float* dst = got.data() + n * out_plane * oc_pad + oc;
      for (int64_t i = 0; i < out_plane; ++i) dst[i * oc_pad] = go[i];
    }
  }
  // where tap k's input for output position (0, 0) is in a sample's padded planes
  std::vector<int64_t> tap_offset(count(ktotal));
  for (int64_t ic = 0; ic < g.in_channels; ++ic) {
    for (int64_t y = 0; y < g.kernel_h; ++y) {
      for (int64_t xk = 0; xk < g.kernel_w; ++xk) {
        tap_offset[count((ic * g.kernel_h + y) * g.kernel_w + xk)] = (ic * ph + y) * pw + xk;
      }
    }
  }
  for (int64_t k0 = 0; k0 < ktotal; k0 += 4) {
    const int64_t kb = std::min<int64_t>(4, ktotal - k0);
    int64_t off[4];
    for (int64_t j = 0; j < 4; ++j) off[j] = tap_offset[count(k0 + std::min(j, kb - 1))];
    for (int64_t oc0 = 0; oc0 < oc_pad; oc0 += 8) {
      f32x4 a00 = simd::splat(0.0f), a01 = a00, a10 = a00, a11 = a00;
      f32x4 a20 = a00, a21 = a00, a30 = a00, a31 = a00;
      for (int64_t n = 0; n < g.batch; ++n) {
        const float* pn = padded.data() + n * padded_size;
        const float *p0 = pn + off[0], *p1 = pn + off[1], *p2 = pn + off[2], *p3 = pn + off[3];
        const float* gn = got.data() + n * out_plane * oc_pad + oc0;
        for (int64_t oh = 0; oh < g.out_h; ++oh) {
          const int64_t row = oh * pw;
          for (int64_t ow = 0; ow < g.out_w; ++ow, gn += oc_pad) {
            const f32x4 d0 = simd::load(gn), d1 = simd::load(gn + 4);
            const int64_t i = row + ow;
            const f32x4 v0 = simd::splat(p0[i]), v1 = simd::splat(p1[i]);
            const f32x4 v2 = simd::splat(p2[i]), v3 = simd::splat(p3[i]);
            a00 += v0 * d0;
            a01 += v0 * d1;
            a10 += v1 * d0;
            a11 += v1 * d1;
            a20 += v2 * d0;
            a21 += v2 * d1;
            a30 += v3 * d0;
            a31 += v3 * d1;
          }
        }
      }
      const f32x4 acc[4][2] = {{a00, a01}, {a10, a11}, {a20, a21}, {a30, a31}};
      for (int64_t j = 0; j < kb; ++j) {
        for (int64_t c = 0; c < 8 && oc0 + c < g.out_channels; ++c) {
          grad_weight[(oc0 + c) * ktotal + k0 + j] = acc[j][c / 4][c % 4];
        }
      }
    }
  }
}

void conv2d_backward_plain(float* grad_input, float* grad_weight, const float* grad_output,
                           const float* x, const float* weight, const Conv2dGeometry& g) {
  const int64_t in_plane = g.in_h * g.in_w, out_plane = g.out_h * g.out_w;
  const int64_t wsize = g.in_channels * g.kernel_h * g.kernel_w;
  for (int64_t n = 0; n < g.batch; ++n) {
    const float* xn = x + n * g.in_channels * in_plane;
    float* gin = grad_input ? grad_input + n * g.in_channels * in_plane : nullptr;
    for (int64_t oc = 0; oc < g.out_channels; ++oc) {
      const float* go = grad_output + (n * g.out_channels + oc) * out_plane;
      const float* wo = weight + oc * wsize;
      float* gw = grad_weight ? grad_weight + oc * wsize : nullptr;
      for (int64_t oh = 0; oh < g.out_h; ++oh) {
        for (int64_t ow = 0; ow < g.out_w; ++ow) {
          const float d = go[oh * g.out_w + ow];
          for (int64_t ic = 0; ic < g.in_channels; ++ic) {
            for (int64_t y = 0; y < g.kernel_h; ++y) {
              const int64_t ih = oh * g.stride_h - g.pad_h + y;
              if (ih < 0 || ih >= g.in_h) continue;
              for (int64_t xk = 0; xk < g.kernel_w; ++xk) {
                const int64_t iw = ow * g.stride_w - g.pad_w + xk;
                if (iw < 0 || iw >= g.in_w) continue;
                const int64_t t = (ic * g.kernel_h + y) * g.kernel_w + xk;
                const int64_t i = ic * in_plane + ih * g.in_w + iw;
                if (gin) gin[i] += wo[t] * d;
                if (gw) gw[t] += d * xn[i];
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace

void conv2d_forward_plain(float* y, const float* x, const float* weight, const float* bias,
                          const Conv2dGeometry& g) {
  const int64_t in_plane = g.in_h * g.in_w, out_plane = g.out_h * g.out_w;
  const int64_t wsize = g.in_channels * g.kernel_h * g.kernel_w;
  for (int64_t n = 0; n < g.batch; ++n) {
    const float* xn = x + n * g.in_channels * in_plane;
    for (int64_t oc = 0; oc < g.out_channels; ++oc) {
      const float* wo = weight + oc * wsize;
      float* yo = y + (n * g.out_channels + oc) * out_plane;
      for (int64_t oh = 0; oh < g.out_h; ++oh) {
        for (int64_t ow = 0; ow < g.out_w; ++ow) {
          float s = bias ? bias[oc] : 0.0f;
          for (int64_t ic = 0; ic < g.in_channels; ++ic) {
            for (int64_t yk = 0; yk < g.kernel_h; ++yk) {
              const int64_t ih = oh * g.stride_h - g.pad_h + yk;
              if (ih < 0 || ih >= g.in_h) continue;
              for (int64_t xk = 0; xk < g.kernel_w; ++xk) {
                const int64_t iw = ow * g.stride_w - g.pad_w + xk;
                if (iw < 0 || iw >= g.in_w) continue;
                s += wo[(ic * g.kernel_h + yk) * g.kernel_w + xk] *
                     xn[ic * in_plane + ih * g.in_w + iw];
              }
            }
          }
          yo[oh * g.out_w + ow] = s;
        }
      }
    }
  }
}

void conv2d_forward(float* y, const float* x, const float* weight, const float* bias,
                    const Conv2dGeometry& g) {
  if (g.stride_h != 1 || g.stride_w != 1) {
    conv2d_forward_plain(y, x, weight, bias, g);
    return;
  }
  const int64_t ph = g.in_h + 2 * g.pad_h, pw = g.in_w + 2 * g.pad_w;
  const int64_t in_size = g.in_channels * g.in_h * g.in_w;
  const int64_t out_size = g.out_channels * g.out_h * g.out_w;
  std::vector<float> padded;
  for (int64_t n = 0; n < g.batch; ++n) {
    pad_input(padded, x + n * in_size, g.in_channels, g);
    correlate_any(y + n * out_size, padded.data(), weight, bias, g.in_channels, g.out_channels,
                  g.kernel_h, g.kernel_w, g.out_h, g.out_w, ph, pw);
  }
}

void conv2d_backward(float* grad_input, float* grad_weight, float* grad_bias,
                     const float* grad_output, const float* x, const float* weight,
                     const Conv2dGeometry& g) {
  const int64_t in_size = g.in_channels * g.in_h * g.in_w;
  const int64_t out_plane = g.out_h * g.out_w;
  const int64_t taps = g.kernel_h * g.kernel_w;
  const int64_t wsize = g.out_channels * g.in_channels * taps;
  if (grad_bias) {
    for (int64_t oc = 0; oc < g.out_channels; ++oc) {
      float s = 0.0f;
      for (int64_t n = 0; n < g.batch; ++n) {
        const float* go = grad_output + (n * g.out_channels + oc) * out_plane;
        for (int64_t i = 0; i < out_plane; ++i) s += go[i];
      }
      grad_bias[oc] = s;
    }
  }
  if (grad_input) std::memset(grad_input, 0, count(g.batch * in_size) * sizeof(float));
  if (grad_weight) std::memset(grad_weight, 0, count(wsize) * sizeof(float));
  if (g.stride_h != 1 || g.stride_w != 1) {
    conv2d_backward_plain(grad_input, grad_weight, grad_output, x, weight, g);
    return;
  }
  // grad_input: correlate the grad_output padded by kernel - 1 - pad with the flipped kernel,
  // whose input and output channel axes are swapped: flipped[ic, oc, a, b] = w[oc, ic, -a, -b]
  std::vector<float> flipped;
  if (grad_input) {
    flipped.resize(buffer_length(wsize, sizeof(float)));
    for (int64_t oc = 0; oc < g.out_channels; ++oc) {
      for (int64_t ic = 0; ic < g.in_channels; ++ic) {
        const float* src = weight + (oc * g.in_channels + ic) * taps;
        float* dst = flipped.data() + (ic * g.out_channels + oc) * taps;
        for (int64_t t = 0; t < taps; ++t) dst[t] = src[taps - 1 - t];
      }
    }
  }
  const int64_t qh = g.in_h + g.kernel_h - 1, qw = g.in_w + g.kernel_w - 1;
  std::vector<float> q;
  for (int64_t n = 0; n < g.batch; ++n) {
    const float* go = grad_output + n * g.out_channels * out_plane;
    if (grad_input) {
      q.assign(buffer_size(g.out_channels, qh, qw), 0.0f);
      for (int64_t oc = 0; oc < g.out_channels; ++oc) {
        embed(q.data() + oc * qh * qw, qh, qw, go + oc * out_plane, g.out_h, g.out_w,
              g.kernel_h - 1 - g.pad_h, g.kernel_w - 1 - g.pad_w);
      }
      correlate_any(grad_input + n * in_size, q.data(), flipped.data(), nullptr, g.out_channels,
                    g.in_channels, g.kernel_h, g.kernel_w, g.in_h, g.in_w, qh, qw);
    }
  }
  if (grad_weight) conv2d_weight_gradient(grad_weight, grad_output, x, g);
}

}  // namespace normlab
