// The demo kernels under random arguments: activation curves, per-group statistics, the
// step-by-step reduction, the batch-size experiment and the deep stack. Checked, beyond "no
// crash": sizes the kernels refuse are refused before anything is written, outputs stay in their
// mathematical ranges, NaN appears exactly where an input was NaN, and the counts add up.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "fuzz.hpp"
#include "normlab/demos/activation.hpp"
#include "normlab/demos/batch_spread.hpp"
#include "normlab/demos/deep_stack.hpp"
#include "normlab/demos/group_stats.hpp"
#include "normlab/demos/reduction_trace.hpp"

namespace normlab::fuzz {

void fuzz_activation(FuzzedDataProvider& p) {
  static const char* kNames[] = {"sigmoid", "tanh", "relu", ""};
  const std::string name = kNames[p.ConsumeIntegralInRange<size_t>(0, 3)];
  const int64_t n =
      p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 256) : size_value(p, 256);
  const auto gamma = static_cast<float>(number_value(p, -4, 4));
  const auto beta = static_cast<float>(number_value(p, -4, 4));
  const bool with_slope = p.ConsumeBool();
  if (n > kMaxElements) return;
  const Tensor x = tensor_values(p, std::max<int64_t>(n, 0));
  std::vector<float> y(x.values.size(), -12345.0f), slope(y.size(), -12345.0f);
  const auto refused = refusal([&] {
    activation_forward(y.data(), with_slope ? slope.data() : nullptr, x.values.data(), n,
                       activation_from_name(name), gamma, beta);
  });
  const bool known = name == "sigmoid" || name == "tanh";
  FUZZ_CHECK(refused.has_value() == (!known || n < 0),
             "activation(" + name + ", n=" + num(n) + "): " + refused.value_or("accepted"));
  if (refused) return;
  const bool sigmoid = name == "sigmoid";
  for (size_t i = 0; i < y.size(); ++i) {
    const float z = gamma * x.values[i] + beta;
    if (std::isnan(z)) {
      FUZZ_CHECK(std::isnan(y[i]), name + " of NaN is not NaN");
      continue;
    }
    FUZZ_CHECK(sigmoid ? (y[i] >= 0 && y[i] <= 1) : (y[i] >= -1 && y[i] <= 1),
               name + "(" + num(z) + ") = " + num(y[i]));
    if (with_slope) {
      FUZZ_CHECK(slope[i] >= 0 && slope[i] <= (sigmoid ? 0.25f : 1.0f),
                 name + "'(" + num(z) + ") = " + num(slope[i]));
    }
  }
  if (!with_slope) {
    FUZZ_CHECK(std::all_of(slope.begin(), slope.end(), [](float v) { return v == -12345.0f; }),
               "a slope was written without a slope buffer");
  }
}

void fuzz_group_moments(FuzzedDataProvider& p) {
  const int64_t n =
      p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 512) : size_value(p, 512);
  const int64_t groups =
      p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 16) : size_value(p, 16);
  if (n > kMaxElements || groups > kMaxElements) return;
  const Tensor x = tensor_values(p, std::max<int64_t>(n, 0));
  std::vector<int32_t> group(x.values.size());
  bool ids_ok = true;
  Random random(p.ConsumeIntegral<uint64_t>());
  const bool stray = p.ConsumeIntegralInRange<int>(0, 7) == 0;
  for (int32_t& g : group) {
    g = groups > 0 ? static_cast<int32_t>(random.next() % static_cast<uint64_t>(groups)) : 0;
    if (stray && random.next() % 16 == 0) g = static_cast<int32_t>(random.next() % 40) - 20;
    ids_ok = ids_ok && g >= 0 && g < groups;
  }
  const auto gs = static_cast<size_t>(std::max<int64_t>(groups, 0));
  std::vector<int32_t> count(gs, -1);
  std::vector<double> mean(gs, -1), var(gs, -1), unbiased(gs, -1);
  const bool want_unbiased = p.ConsumeBool();
  const auto refused = refusal([&] {
    group_moments(count.data(), mean.data(), var.data(), want_unbiased ? unbiased.data() : nullptr,
                  x.values.data(), group.data(), n, groups);
  });
  const bool sizes_ok = n >= 0 && groups >= 0;
  FUZZ_CHECK(refused.has_value() == !(sizes_ok && ids_ok),
             "group_moments(n=" + num(n) + ", groups=" + num(groups) +
                 "): " + refused.value_or("accepted"));
  if (refused) return;
  FUZZ_CHECK(std::accumulate(count.begin(), count.end(), int64_t{0}) == n,
             "the group counts do not add up to n");
  std::vector<double> lo(gs, INFINITY), hi(gs, -INFINITY);
  for (size_t i = 0; i < group.size(); ++i) {
    const auto k = static_cast<size_t>(group[i]);
    lo[k] = std::min(lo[k], static_cast<double>(x.values[i]));
    hi[k] = std::max(hi[k], static_cast<double>(x.values[i]));
  }
  for (size_t k = 0; k < gs; ++k) {
    if (count[k] == 0) {
      FUZZ_CHECK(std::isnan(mean[k]) && std::isnan(var[k]), "an empty group has statistics");
      continue;
    }
    if (!x.tame) continue;
    const double slack = 1e-12 * std::max(std::fabs(lo[k]), std::fabs(hi[k]));
    FUZZ_CHECK(mean[k] >= lo[k] - slack && mean[k] <= hi[k] + slack,
               "a group's mean lies outside its values");
    FUZZ_CHECK(var[k] >= 0, "negative variance");
    if (lo[k] == hi[k]) FUZZ_CHECK(var[k] == 0, "a constant group has a variance");
    if (want_unbiased) {
      if (count[k] == 1) {
        FUZZ_CHECK(std::isnan(unbiased[k]), "one element has an unbiased variance");
      } else {
        const double c = count[k];
        FUZZ_CHECK(std::fabs(unbiased[k] - var[k] * c / (c - 1)) <= 1e-12 * unbiased[k],
                   "unbiased variance is not var * n / (n - 1)");
      }
    }
  }
}

void fuzz_reduction_trace(FuzzedDataProvider& p) {
  const int64_t n =
      p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 256) : size_value(p, 256);
  const double eps = p.ConsumeBool() ? 1e-5 : number_value(p, 0, 1);
  const bool affine = p.ConsumeBool();
  if (n > kMaxElements) return;
  const auto len = static_cast<size_t>(std::max<int64_t>(n, 0));
  const Tensor x = tensor_values(p, static_cast<int64_t>(len));
  const Tensor w = tensor_values(p, static_cast<int64_t>(len));
  const Tensor b = tensor_values(p, static_cast<int64_t>(len));
  std::vector<double> sum(len), run_mean(len), sq(len), run_sq(len);
  std::vector<float> xhat(len), y(len);
  double mean = -1, var = -1, rstd = -1;
  const auto refused = refusal([&] {
    reduction_trace(sum.data(), run_mean.data(), sq.data(), run_sq.data(), xhat.data(), y.data(),
                    &mean, &var, &rstd, x.values.data(), affine ? w.values.data() : nullptr,
                    affine ? b.values.data() : nullptr, n, eps);
  });
  FUZZ_CHECK(refused.has_value() == (n < 1),
             "reduction_trace(n=" + num(n) + "): " + refused.value_or("accepted"));
  if (refused) {
    FUZZ_CHECK(mean == -1 && var == -1 && rstd == -1, "a refused trace wrote its statistics");
    return;
  }
  double s = 0;
  for (float v : x.values) s += v;
  const double want = s / static_cast<double>(n);
  FUZZ_CHECK(mean == want || (std::isnan(mean) && std::isnan(want)),
             "the trace's mean is not the plain sum over n");
  FUZZ_CHECK(sum.back() / static_cast<double>(n) == mean || std::isnan(mean),
             "the last running sum over n is not the mean");
  if (!x.tame) return;
  FUZZ_CHECK(var >= 0 && run_sq.back() / static_cast<double>(n) == var,
             "the variance is not the last running square sum over n");
  if (eps >= 1e-5 && std::isfinite(eps)) {
    FUZZ_CHECK(std::fabs(rstd - 1 / std::sqrt(var + eps)) <= 1e-12 * rstd, "rstd");
    for (size_t k = 0; k < len; ++k) {
      FUZZ_CHECK(std::isfinite(xhat[k]) && (!affine || !w.tame || !b.tame || std::isfinite(y[k])),
                 "a tame trace has a non-finite output");
    }
  }
}

void fuzz_batch_spread(FuzzedDataProvider& p) {
  BatchSpreadConfig c;
  c.dataset_size = size_value(p, 24);
  c.channels = size_value(p, 6);
  c.spatial = size_value(p, 6);
  c.num_groups = size_value(p, 4);
  c.batches = p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 8) : size_value(p, 8);
  c.seed = p.ConsumeIntegral<uint64_t>();
  c.dataset_seed = p.ConsumeIntegral<uint64_t>();
  c.sample_spread = number_value(p, 0, 3);
  c.pixel_noise = number_value(p, 0, 3);
  std::vector<int64_t> sizes(p.ConsumeIntegralInRange<size_t>(0, 4));
  for (int64_t& b : sizes) b = size_value(p, 24);

  // Work grows with dataset x channels x spatial and batches: keep a run short, unless the
  // experiment must refuse the sizes anyway.
  const bool positive = c.dataset_size >= 1 && c.channels >= 1 && c.spatial >= 1;
  const bool too_large =
      positive && product_above({c.dataset_size, c.channels, c.spatial}, int64_t{1} << 24);
  const bool must_refuse = !positive || too_large || c.batches < 2 || c.batches > 5000;
  const bool small = positive && !product_above({c.dataset_size, c.channels, c.spatial}, 2048) &&
                     c.dataset_size <= 64 && c.batches <= 8;
  if (!small && !must_refuse) return;

  std::vector<double> bn(sizes.size(), -1), gn(sizes.size(), -1);
  const auto refused = refusal([&] {
    batch_spread(bn.data(), gn.data(), sizes.data(), c, static_cast<int64_t>(sizes.size()));
  });
  if (must_refuse) {
    FUZZ_CHECK(refused, "batch_spread accepted a dataset of " + num(c.dataset_size) + " x " +
                            num(c.channels) + " x " + num(c.spatial));
  }
  // a spread near 1e308 overflows the float dataset: only moderate ones promise finite results
  if (refused || c.sample_spread > 1e6 || c.pixel_noise > 1e6) return;
  for (size_t i = 0; i < sizes.size(); ++i) {
    FUZZ_CHECK(bn[i] >= 0 && gn[i] >= 0 && std::isfinite(bn[i]) && std::isfinite(gn[i]),
               "spread for batch " + num(sizes[i]) + ": BN " + num(bn[i]) + ", GN " + num(gn[i]));
  }
}

void fuzz_deep_stack(FuzzedDataProvider& p) {
  DeepStackConfig c;
  c.depth = size_value(p, 6);
  c.width = size_value(p, 12);
  c.gain = number_value(p, 0, 3);
  c.seed = p.ConsumeIntegral<uint32_t>();
  c.norm = static_cast<StackNorm>(p.ConsumeIntegralInRange<int>(0, 2));
  c.activation = static_cast<StackActivation>(p.ConsumeIntegralInRange<int>(0, 2));
  c.bins = size_value(p, 30);
  c.range = number_value(p, 0.1, 5);
  const int64_t batch = size_value(p, 8);
  const bool small = c.depth <= 6 && c.width <= 12 && batch <= 8 && c.bins <= 30;
  const auto checked = refusal([&] { deep_stack_check(c, batch); });
  if (!small) {
    // Large values may only meet the checks (which size nothing).
    const bool positive = c.depth >= 1 && c.width >= 1 && batch >= 1 && c.bins >= 1;
    const bool too_large =
        c.depth > deep_stack_max_depth || c.bins > deep_stack_max_bins ||
        (positive && (product_above({c.width, c.width, c.depth}, deep_stack_max_weights) ||
                      product_above({batch, c.width}, deep_stack_max_values)));
    if (too_large) FUZZ_CHECK(checked, "deep_stack_check accepted a stack that is too large");
    return;
  }
  if (checked) return;
  const int64_t n = batch * c.width;
  const Tensor x = tensor_values(p, n);
  std::vector<float> w(static_cast<size_t>(c.depth * c.width * c.width));
  for (int64_t l = 1; l <= c.depth; ++l)
    deep_stack_unit_weights(w.data() + (l - 1) * c.width * c.width, c.seed, c.width, l);
  const auto layers = static_cast<size_t>(c.depth + 1);
  std::vector<int32_t> counts(layers * static_cast<size_t>(c.bins + 2), -1), nans(layers, -1);
  std::vector<double> mean(layers, -1), stdev(layers, -1);
  const auto refused = refusal([&] {
    deep_stack_forward(counts.data(), nans.data(), mean.data(), stdev.data(), x.values.data(),
                       w.data(), c, batch);
  });
  if (refused) {
    // Only BatchNorm's "more than 1 value per channel" may refuse a checked configuration.
    FUZZ_CHECK(c.norm == StackNorm::batch_norm && batch == 1, "deep stack refused: " + *refused);
    FUZZ_CHECK(nans[0] == -1 && mean[0] == -1, "a refused run wrote its results");
    return;
  }
  const auto row = static_cast<size_t>(c.bins + 2);
  for (size_t l = 0; l < layers; ++l) {
    int64_t total = nans[l];
    for (size_t b = 0; b < row; ++b) {
      FUZZ_CHECK(counts[l * row + b] >= 0, "negative histogram count");
      total += counts[l * row + b];
    }
    FUZZ_CHECK(total == n, "layer " + num(l) + " counts " + num(total) + " values of " + num(n));
  }
  // With a norm after every product and no activation, every layer is normalized again: mean 0
  // and a standard deviation of at most 1 (exactly what the demo is there to show).
  if (c.norm != StackNorm::none && c.activation == StackActivation::linear && x.tame &&
      c.gain <= 1e6) {
    for (size_t l = 1; l < layers; ++l) {
      FUZZ_CHECK(std::fabs(mean[l]) <= 1e-3 && stdev[l] <= 1.001,
                 "layer " + num(l) + " after a norm has mean " + num(mean[l]) + " and std " +
                     num(stdev[l]));
    }
  }
}

}  // namespace normlab::fuzz
