// The training layers and cross-entropy under random configs, shapes and data. Checked, beyond "no
// crash": only normlab::Error escapes; a refused forward writes nothing and output_shape() refuses
// it with the same message; the blocked stride-1 Conv2d agrees with the plain loop; tame input
// gives finite outputs and gradients; cross-entropy's gradient rows sum to 0 (without label
// smoothing's shift) and ignored rows get none.
#include <algorithm>
#include <cmath>

#include "fuzz.hpp"
#include "normlab/train/layers.hpp"
#include "normlab/train/loss.hpp"

namespace normlab::fuzz {

namespace {

bool finite(const std::vector<float>& v) {
  return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

LayerSpec draw_spec(FuzzedDataProvider& p) {
  LayerSpec s;
  s.kind = static_cast<LayerKind>(p.ConsumeIntegralInRange<int>(0, 5));
  s.linear = {size_value(p, 9), size_value(p, 9), p.ConsumeBool()};
  s.conv2d.in_channels = size_value(p, 5);
  s.conv2d.out_channels = size_value(p, 9);
  s.conv2d.kernel_h = size_value(p, 5);
  s.conv2d.kernel_w = p.ConsumeBool() ? s.conv2d.kernel_h : size_value(p, 5);
  s.conv2d.stride_h = s.conv2d.stride_w = p.ConsumeBool() ? 1 : size_value(p, 3);
  s.conv2d.pad_h = size_value(p, 3);
  s.conv2d.pad_w = p.ConsumeBool() ? s.conv2d.pad_h : size_value(p, 3);
  s.conv2d.bias = p.ConsumeBool();
  s.approximate = p.ConsumeBool() ? "none" : (p.ConsumeBool() ? "tanh" : "erf");
  s.pool.kernel_h = size_value(p, 4);
  s.pool.kernel_w = p.ConsumeBool() ? s.pool.kernel_h : size_value(p, 4);
  s.pool.stride_h = p.ConsumeBool() ? s.pool.kernel_h : size_value(p, 3);
  s.pool.stride_w = p.ConsumeBool() ? s.pool.kernel_w : size_value(p, 3);
  s.pool.pad_h = size_value(p, 2);
  s.pool.pad_w = size_value(p, 2);
  return s;
}

}  // namespace

void fuzz_train_layers(FuzzedDataProvider& p) {
  const LayerSpec spec = draw_spec(p);
  // parameters that would not fit the per-input budget are never built (they would only test
  // the allocator); a negative size must still be refused
  const bool conv = spec.kind == LayerKind::conv2d, lin = spec.kind == LayerKind::linear;
  if (conv && product_above({std::max<int64_t>(spec.conv2d.out_channels, 0),
                             std::max<int64_t>(spec.conv2d.in_channels, 0),
                             std::max<int64_t>(spec.conv2d.kernel_h, 0),
                             std::max<int64_t>(spec.conv2d.kernel_w, 0)},
                            kMaxElements))
    return;
  if (lin && product_above({std::max<int64_t>(spec.linear.in_features, 0),
                            std::max<int64_t>(spec.linear.out_features, 0)},
                           kMaxElements))
    return;
  // the bias: out_features (out_channels) values even when the weight has none
  if ((lin && spec.linear.out_features > kMaxElements) ||
      (conv && spec.conv2d.out_channels > kMaxElements))
    return;
  std::unique_ptr<Layer> layer;
  if (refusal([&] { layer = make_layer(spec); })) return;
  for (auto& prm : layer->parameters()) {
    const Tensor t = tensor_values(p, static_cast<int64_t>(prm.value->size()));
    *prm.value = t.values;
  }
  Shape shape;
  const int rank = p.ConsumeIntegralInRange<int>(0, 5);
  for (int i = 0; i < rank; ++i)
    shape.push_back(p.ConsumeBool() ? size_value(p, 9) : p.ConsumeIntegralInRange<int64_t>(1, 7));
  Shape out;
  const auto refused = refusal([&] {
    check_tensor_sizes(shape);
    out = layer->output_shape(shape);
  });
  std::vector<float> sentinel(16, -12345.0f);
  const float x0[16] = {};
  if (refused) {
    const auto again = refusal([&] { layer->forward(sentinel.data(), x0, shape); });
    FUZZ_CHECK(again == refused, "forward(" + shape_text(shape) + ") refused differently: " +
                                     again.value_or("accepted") + " vs " + *refused);
    FUZZ_CHECK(
        std::all_of(sentinel.begin(), sentinel.end(), [](float v) { return v == -12345.0f; }),
        "a refused forward wrote its output");
    return;
  }
  const int64_t n = numel(shape), m = numel(out);
  if (n > kMaxElements || m > kMaxElements) return;
  const Tensor x = tensor_values(p, n);
  std::vector<float> y(static_cast<size_t>(m));
  layer->forward(y.data(), x.values.data(), shape);
  bool tame = x.tame;
  for (auto& prm : layer->parameters()) {
    tame = tame && std::all_of(prm.value->begin(), prm.value->end(),
                               [](float v) { return std::isfinite(v) && std::fabs(v) <= 1e6f; });
  }
  if (conv && tame) {
    // the blocked loop sums in another order than the plain one: they agree to float rounding of
    // the sum of |w * x|
    const Conv2dGeometry g = conv2d_geometry(spec.conv2d, shape);
    const auto params = layer->parameters();
    auto magnitude = [](std::vector<float> v) {
      for (float& e : v) e = std::fabs(e);
      return v;
    };
    const std::vector<float> ax = magnitude(x.values), aw = magnitude(*params[0].value);
    const std::vector<float> ab =
        spec.conv2d.bias ? magnitude(*params[1].value) : std::vector<float>();
    std::vector<float> plain(y.size()), bound(y.size());
    conv2d_forward_plain(plain.data(), x.values.data(), params[0].value->data(),
                         spec.conv2d.bias ? params[1].value->data() : nullptr, g);
    conv2d_forward_plain(bound.data(), ax.data(), aw.data(), ab.empty() ? nullptr : ab.data(), g);
    for (size_t i = 0; i < y.size(); ++i) {
      FUZZ_CHECK(std::fabs(y[i] - plain[i]) <= 1e-5f * bound[i], "conv2d blocked " + num(y[i]) +
                                                                     " vs plain " + num(plain[i]) +
                                                                     " on " + shape_text(shape));
    }
  }
  // GELU and Linear/Conv2d sums of tame values stay finite
  if (tame && spec.kind != LayerKind::linear && spec.kind != LayerKind::conv2d)
    FUZZ_CHECK(finite(y), std::string(layer_type_name(spec)) + " of tame input is not finite");
  const Tensor gy = tensor_values(p, m);
  std::vector<float> gx(static_cast<size_t>(n));
  layer->backward(p.ConsumeBool() ? gx.data() : nullptr, gy.values.data());
  if (tame && gy.tame && spec.kind != LayerKind::linear && spec.kind != LayerKind::conv2d)
    FUZZ_CHECK(finite(gx), std::string(layer_type_name(spec)) + " gradient is not finite");
}

void fuzz_cross_entropy(FuzzedDataProvider& p) {
  CrossEntropyConfig c;
  c.reduction = static_cast<Reduction>(p.ConsumeIntegralInRange<int>(0, 2));
  c.label_smoothing = number_value(p, -0.5, 1.5);
  const int64_t rows = p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 9) : size_value(p, 9);
  const int64_t classes =
      p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(1, 9) : size_value(p, 9);
  const Shape shape = p.ConsumeBool() ? Shape{rows, classes} : Shape{classes};
  Shape tshape = shape.size() == 2 ? Shape{p.ConsumeBool() ? rows : size_value(p, 9)} : Shape{};
  if (p.ConsumeBool()) tshape.push_back(1);
  if (torch_storage_overflows(shape) || torch_storage_overflows(tshape)) return;
  const auto tn = safe_numel(tshape);
  const auto xn = safe_numel(shape);
  // negative sizes are refused (checked below), huge ones never allocated
  if ((tn && *tn > kMaxElements) || (xn && *xn > kMaxElements)) return;
  std::vector<int64_t> t(static_cast<size_t>(tn.value_or(0)));
  for (int64_t& v : t)
    v = p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, classes > 0 ? classes - 1 : 0)
                        : (p.ConsumeBool() ? -100 : size_value(p, 12));
  Shape out;
  const auto refused =
      refusal([&] { out = cross_entropy_output_shape(c, shape, tshape, t.data()); });
  FUZZ_CHECK(refused || (tn && xn), "cross_entropy accepted a negative size");
  if (refused) return;
  FUZZ_CHECK(shape.size() == 2 || tshape.empty(),
             "cross_entropy accepted " + shape_text(shape) + " with target " + shape_text(tshape));
  const int64_t r = shape.size() == 1 ? 1 : shape[0], k = shape.back();
  const Tensor z = tensor_values(p, r * k);
  std::vector<double> loss(static_cast<size_t>(numel(out)));
  cross_entropy_forward(loss.data(), z.values.data(), t.data(), r, k, c);
  std::vector<float> go(loss.size(), 1.0f), g(z.values.size());
  if (go.empty()) go.push_back(1.0f);
  cross_entropy_backward(g.data(), go.data(), z.values.data(), t.data(), r, k, c);
  if (!z.tame) return;
  const bool smooth = c.label_smoothing > 0;
  for (int64_t row = 0; row < r; ++row) {
    double s = 0;
    for (int64_t j = 0; j < k; ++j) s += g[static_cast<size_t>(row * k + j)];
    if (t[static_cast<size_t>(row)] == c.ignore_index) {
      FUZZ_CHECK(s == 0, "an ignored row has a gradient");
    } else if (!smooth && c.reduction == Reduction::sum) {
      FUZZ_CHECK(std::fabs(s) <= 1e-5, "a gradient row sums to " + num(s));
    }
  }
}

}  // namespace normlab::fuzz
