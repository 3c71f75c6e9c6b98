#include "train_reference.hpp"

#include <cmath>

namespace normlab::reference {

Values linear(const Values& x, const Values& weight, const Values& bias, int64_t rows, int64_t in,
              int64_t out) {
  Values y(static_cast<size_t>(rows * out));
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t o = 0; o < out; ++o) {
      double s = bias.empty() ? 0.0 : bias[static_cast<size_t>(o)];
      for (int64_t i = 0; i < in; ++i)
        s += x[static_cast<size_t>(r * in + i)] * weight[static_cast<size_t>(o * in + i)];
      y[static_cast<size_t>(r * out + o)] = s;
    }
  }
  return y;
}

Values conv2d(const Values& x, const Values& weight, const Values& bias, const Conv2dGeometry& g) {
  Values y(static_cast<size_t>(g.batch * g.out_channels * g.out_h * g.out_w));
  size_t k = 0;
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t oc = 0; oc < g.out_channels; ++oc) {
      for (int64_t oh = 0; oh < g.out_h; ++oh) {
        for (int64_t ow = 0; ow < g.out_w; ++ow) {
          double s = bias.empty() ? 0.0 : bias[static_cast<size_t>(oc)];
          for (int64_t ic = 0; ic < g.in_channels; ++ic) {
            for (int64_t a = 0; a < g.kernel_h; ++a) {
              for (int64_t b = 0; b < g.kernel_w; ++b) {
                const int64_t ih = oh * g.stride_h - g.pad_h + a;
                const int64_t iw = ow * g.stride_w - g.pad_w + b;
                if (ih < 0 || ih >= g.in_h || iw < 0 || iw >= g.in_w) continue;
                s += weight[static_cast<size_t>(
                         ((oc * g.in_channels + ic) * g.kernel_h + a) * g.kernel_w + b)] *
                     x[static_cast<size_t>(((n * g.in_channels + ic) * g.in_h + ih) * g.in_w + iw)];
              }
            }
          }
          y[k++] = s;
        }
      }
    }
  }
  return y;
}

Values avg_pool2d(const Values& x, const Pool2dGeometry& g) {
  Values y(static_cast<size_t>(g.batch * g.channels * g.out_h * g.out_w));
  size_t k = 0;
  for (int64_t p = 0; p < g.batch * g.channels; ++p) {
    for (int64_t oh = 0; oh < g.out_h; ++oh) {
      for (int64_t ow = 0; ow < g.out_w; ++ow) {
        double s = 0.0;
        for (int64_t a = 0; a < g.kernel_h; ++a) {
          for (int64_t b = 0; b < g.kernel_w; ++b) {
            const int64_t ih = oh * g.stride_h - g.pad_h + a, iw = ow * g.stride_w - g.pad_w + b;
            if (ih >= 0 && ih < g.in_h && iw >= 0 && iw < g.in_w)
              s += x[static_cast<size_t>((p * g.in_h + ih) * g.in_w + iw)];
          }
        }
        y[k++] = s / static_cast<double>(g.kernel_h * g.kernel_w);
      }
    }
  }
  return y;
}

Values gelu(const Values& x, GeluApproximate approximate) {
  Values y(x.size());
  const double pi = std::acos(-1.0);
  for (size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    y[i] = approximate == GeluApproximate::tanh
               ? 0.5 * v * (1.0 + std::tanh(std::sqrt(2.0 / pi) * (v + 0.044715 * v * v * v)))
               : 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0)));
  }
  return y;
}

Values cross_entropy(const Values& logits, const std::vector<int64_t>& target, int64_t rows,
                     int64_t classes, const CrossEntropyConfig& c) {
  const double s = c.label_smoothing > 0 ? c.label_smoothing : 0.0;
  Values per_row(static_cast<size_t>(rows), 0.0);
  double total = 0.0;
  int64_t counted = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t t = target[static_cast<size_t>(r)];
    if (t == c.ignore_index) continue;
    ++counted;
    double z = 0.0;
    for (int64_t k = 0; k < classes; ++k)
      z += std::exp(logits[static_cast<size_t>(r * classes + k)]);
    const double lse = std::log(z);
    double smooth = 0.0;
    for (int64_t k = 0; k < classes; ++k)
      smooth += lse - logits[static_cast<size_t>(r * classes + k)];
    const double l = (1.0 - s) * (lse - logits[static_cast<size_t>(r * classes + t)]) +
                     s / static_cast<double>(classes) * smooth;
    per_row[static_cast<size_t>(r)] = l;
    total += l;
  }
  if (c.reduction == Reduction::none) return per_row;
  if (c.reduction == Reduction::sum) return {total};
  return {total / static_cast<double>(counted)};
}

}  // namespace normlab::reference
