// torch.nn.AvgPool2d (ceil_mode false, count_include_pad true):
// https://pytorch.org/docs/1.13/generated/torch.nn.AvgPool2d.html
//
// Every window lies inside the padded input, so each divides by kernel_h * kernel_w; padding adds
// zeros. Plain loops: a pool reads each input element once (kernel = stride) and is a small part
// of a network's time next to its convolutions.
#include <algorithm>
#include <cstring>

#include "normlab/train/layers.hpp"

namespace normlab {

void avg_pool2d_forward(float* y, const float* x, const Pool2dGeometry& g) {
  const float scale = 1.0f / static_cast<float>(g.kernel_h * g.kernel_w);
  const int64_t planes = g.batch * g.channels;
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * g.in_h * g.in_w;
    float* yp = y + p * g.out_h * g.out_w;
    for (int64_t oh = 0; oh < g.out_h; ++oh) {
      const int64_t h0 = oh * g.stride_h - g.pad_h;
      const int64_t h_lo = std::max<int64_t>(h0, 0), h_hi = std::min(h0 + g.kernel_h, g.in_h);
      for (int64_t ow = 0; ow < g.out_w; ++ow) {
        const int64_t w0 = ow * g.stride_w - g.pad_w;
        const int64_t w_lo = std::max<int64_t>(w0, 0), w_hi = std::min(w0 + g.kernel_w, g.in_w);
        float s = 0.0f;
        for (int64_t h = h_lo; h < h_hi; ++h) {
          for (int64_t w = w_lo; w < w_hi; ++w) s += xp[h * g.in_w + w];
        }
        yp[oh * g.out_w + ow] = s * scale;
      }
    }
  }
}

void avg_pool2d_backward(float* grad_input, const float* grad_output, const Pool2dGeometry& g) {
  const float scale = 1.0f / static_cast<float>(g.kernel_h * g.kernel_w);
  const int64_t planes = g.batch * g.channels;
  std::memset(grad_input, 0, static_cast<size_t>(planes * g.in_h * g.in_w) * sizeof(float));
  for (int64_t p = 0; p < planes; ++p) {
    float* gp = grad_input + p * g.in_h * g.in_w;
    const float* go = grad_output + p * g.out_h * g.out_w;
    for (int64_t oh = 0; oh < g.out_h; ++oh) {
      const int64_t h0 = oh * g.stride_h - g.pad_h;
      const int64_t h_lo = std::max<int64_t>(h0, 0), h_hi = std::min(h0 + g.kernel_h, g.in_h);
      for (int64_t ow = 0; ow < g.out_w; ++ow) {
        const int64_t w0 = ow * g.stride_w - g.pad_w;
        const int64_t w_lo = std::max<int64_t>(w0, 0), w_hi = std::min(w0 + g.kernel_w, g.in_w);
        const float d = go[oh * g.out_w + ow] * scale;
        for (int64_t h = h_lo; h < h_hi; ++h) {
          for (int64_t w = w_lo; w < w_hi; ++w) gp[h * g.in_w + w] += d;
        }
      }
    }
  }
}

}  // namespace normlab
