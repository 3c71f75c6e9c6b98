// NormModule under random configurations, shapes, modes and data, and the moment kernels under
// random layouts. What is checked, beyond "no crash, no sanitizer report, only normlab::Error":
// - a refused call (constructor aside) changes nothing, and forward() refuses exactly what
//   check_input() refuses, with the same message;
// - the statistics plan: one id per element, every id in [0, stat_count), groups of equal size,
//   and as many statistics as forward() computes; plan() accepts whatever forward() accepts;
// - forward(): each group's mean and rstd agree with a double two-pass over the plan's groups
//   (or are the running statistics in eval), the output is (x - mean) * rstd * w + b, the
//   running statistics move by the momentum rule with the unbiased variance, and for tame data
//   (finite, |x| <= 1e6, eps >= 1e-5) nothing is NaN or infinite;
// - backward(): grad_input, grad_weight and grad_bias agree with a double reference.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "fuzz.hpp"
#include "normlab/norm.hpp"

namespace normlab::fuzz {

namespace {

NormConfig random_config(FuzzedDataProvider& p) {
  NormConfig c;
  c.kind = static_cast<NormKind>(p.ConsumeIntegralInRange<int>(0, 3));
  c.dims = p.ConsumeIntegralInRange<int>(0, 4);  // 0 and 4 are refused
  c.num_features = size_value(p, 8);
  c.num_groups = size_value(p, 4);
  const int rank = p.ConsumeIntegralInRange<int>(0, 3);
  for (int i = 0; i < rank; ++i) c.normalized_shape.push_back(size_value(p, 6));
  c.eps = p.ConsumeBool() ? 1e-5 : number_value(p, 0.0, 1.0);
  if (p.ConsumeIntegralInRange<int>(0, 4) == 0) {
    c.momentum.reset();
  } else {
    c.momentum = p.ConsumeBool() ? 0.1 : number_value(p, 0.0, 1.0);
  }
  c.affine = p.ConsumeBool();
  c.bias = p.ConsumeBool();
  c.track_running_stats = p.ConsumeBool();
  return c;
}

std::string describe(const NormConfig& c) {
  static const char* kNames[] = {"batch_norm", "layer_norm", "instance_norm", "group_norm"};
  std::string s = kNames[static_cast<int>(c.kind)];
  s += " dims=" + num(c.dims) + " num_features=" + num(c.num_features) +
       " num_groups=" + num(c.num_groups) +
       " normalized_shape=" + format_shape(c.normalized_shape) + " eps=" + num(c.eps) +
       " momentum=" + (c.momentum ? num(*c.momentum) : "None");
  s += c.affine ? " affine" : "";
  s += c.bias ? " bias" : "";
  s += c.track_running_stats ? " track_running_stats" : "";
  return s;
}

// eps and momentum for which the math promises finite results on tame data.
bool sane(const NormConfig& c) {
  return c.eps >= 1e-5 && c.eps <= 1e3 &&
         (!c.momentum || (*c.momentum >= 0.0 && *c.momentum <= 1.0));
}

bool is_channel_kind(NormKind k) {
  return k != NormKind::layer_norm;
}

// The dims a shape of `rank` small sizes, or an arbitrary mutation of one built to fit.
Shape random_shape(FuzzedDataProvider& p, const NormConfig& c) {
  Shape s;
  const auto small = [&] { return p.ConsumeIntegralInRange<int64_t>(0, 4); };
  if (p.ConsumeIntegralInRange<int>(0, 3) != 0) {
    const int64_t nf = c.num_features >= 0 && c.num_features <= 16 ? c.num_features : 3;
    switch (c.kind) {
      case NormKind::layer_norm: {
        const int lead = p.ConsumeIntegralInRange<int>(0, 2);
        for (int i = 0; i < lead; ++i) s.push_back(small());
        s.insert(s.end(), c.normalized_shape.begin(), c.normalized_shape.end());
        break;
      }
      case NormKind::batch_norm:
      case NormKind::instance_norm: {
        const bool batch = c.kind == NormKind::batch_norm || p.ConsumeBool();
        if (batch) s.push_back(small());
        s.push_back(nf);
        int spatial = c.dims;
        if (c.kind == NormKind::batch_norm && c.dims == 1) spatial = p.ConsumeBool() ? 0 : 1;
        for (int i = 0; i < spatial; ++i) s.push_back(small());
        break;
      }
      case NormKind::group_norm: {
        s = {small(), nf};
        const int spatial = p.ConsumeIntegralInRange<int>(0, 2);
        for (int i = 0; i < spatial; ++i) s.push_back(small());
        break;
      }
    }
  } else {
    const int rank = p.ConsumeIntegralInRange<int>(0, 6);
    for (int i = 0; i < rank; ++i) s.push_back(small());
  }
  if (!s.empty() && p.ConsumeIntegralInRange<int>(0, 7) == 0)
    s[p.ConsumeIntegralInRange<size_t>(0, s.size() - 1)] = size_value(p, 6);
  return s;
}

// Everything a refused call must leave as it was.
struct Snapshot {
  std::vector<float> weight, bias, grad_weight, grad_bias, running_mean, running_var, rstd;
  std::vector<double> mean;
  int64_t batches = 0;
  bool training = false;

  explicit Snapshot(NormModule& m)
      : weight(m.weight()),
        bias(m.bias()),
        grad_weight(m.grad_weight()),
        grad_bias(m.grad_bias()),
        running_mean(m.running_mean()),
        running_var(m.running_var()),
        rstd(m.stat_rstd()),
        mean(m.stat_mean()),
        batches(m.num_batches_tracked()),
        training(m.training()) {}
};

template <typename T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

bool same_state(const Snapshot& a, const Snapshot& b) {
  return same_bits(a.weight, b.weight) && same_bits(a.bias, b.bias) &&
         same_bits(a.grad_weight, b.grad_weight) && same_bits(a.grad_bias, b.grad_bias) &&
         same_bits(a.running_mean, b.running_mean) && same_bits(a.running_var, b.running_var) &&
         same_bits(a.rstd, b.rstd) && same_bits(a.mean, b.mean) && a.batches == b.batches &&
         a.training == b.training;
}

bool all_finite(const std::vector<float>& v) {
  return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

bool tame_values(const std::vector<float>& v) {
  return std::all_of(v.begin(), v.end(),
                     [](float x) { return std::isfinite(x) && std::fabs(x) <= 1e6f; });
}

// Where element i of an input of `shape` finds its parameter (weight and bias index) and, for
// the channel norms, its channel.
struct ParamIndex {
  bool layer = true;
  int64_t cols = 1, channels = 1, spatial = 1;

  ParamIndex(const NormConfig& c, const Shape& shape) {
    layer = c.kind == NormKind::layer_norm;
    if (layer) {
      cols = numel(c.normalized_shape);
      return;
    }
    const bool unbatched =
        c.kind == NormKind::instance_norm && shape.size() == static_cast<size_t>(c.dims) + 1;
    const size_t ch = unbatched ? 0 : 1;
    channels = shape[ch];
    spatial = numel(shape, ch + 1, shape.size());
  }
  int64_t param(int64_t i) const { return layer ? i % cols : (i / spatial) % channels; }
  int64_t channel(int64_t i) const { return layer ? 0 : (i / spatial) % channels; }
};

// Double two-pass statistics of each group of a plan.
struct GroupStats {
  std::vector<double> mean, var, lo, hi;
  std::vector<int64_t> count;

  GroupStats(const StatsPlan& plan, const std::vector<float>& x) {
    const auto g = static_cast<size_t>(plan.stat_count);
    mean.assign(g, 0.0);
    var.assign(g, 0.0);
    lo.assign(g, INFINITY);
    hi.assign(g, -INFINITY);
    count.assign(g, 0);
    for (size_t i = 0; i < x.size(); ++i) {
      const auto k = static_cast<size_t>(plan.group[i]);
      mean[k] += x[i];
      ++count[k];
      lo[k] = std::min(lo[k], static_cast<double>(x[i]));
      hi[k] = std::max(hi[k], static_cast<double>(x[i]));
    }
    for (size_t k = 0; k < g; ++k) mean[k] /= static_cast<double>(count[k]);
    for (size_t i = 0; i < x.size(); ++i) {
      const auto k = static_cast<size_t>(plan.group[i]);
      const double d = x[i] - mean[k];
      var[k] += d * d;
    }
    for (size_t k = 0; k < g; ++k) var[k] /= static_cast<double>(count[k]);
  }
};

void check_plan(const StatsPlan& plan, const Shape& shape, int64_t n) {
  FUZZ_CHECK(static_cast<int64_t>(plan.group.size()) == n, "plan of " + shape_text(shape) +
                                                               " has " + num(plan.group.size()) +
                                                               " ids for " + num(n) + " elements");
  FUZZ_CHECK(plan.stat_count >= 0, "negative stat_count");
  std::vector<int64_t> size(static_cast<size_t>(std::min<int64_t>(plan.stat_count, n)), 0);
  for (int32_t g : plan.group) {
    FUZZ_CHECK(g >= 0 && g < plan.stat_count, "plan of " + shape_text(shape) + ": group id " +
                                                  num(g) + " outside [0, " + num(plan.stat_count) +
                                                  ")");
    ++size[static_cast<size_t>(g)];
  }
  if (n == 0) return;
  FUZZ_CHECK(n % plan.stat_count == 0, "plan of " + shape_text(shape) + ": " + num(n) +
                                           " elements in " + num(plan.stat_count) + " groups");
  for (int64_t s : size) {
    FUZZ_CHECK(s == n / plan.stat_count, "plan of " + shape_text(shape) + ": a group of " + num(s) +
                                             " elements, expected " + num(n / plan.stat_count));
  }
}

// One module and what the fuzzer knows about it.
struct Session {
  NormConfig config;
  NormModule module;
  bool tame_params = true;   // weight and bias finite and bounded
  bool tame_running = true;  // running statistics finite, running_var >= 0
  bool forwarded = false;
  Shape last_shape;
  std::vector<float> last_input;
  bool last_tame = false, last_batch_stats = true;

  explicit Session(const NormConfig& c) : config(c), module(c) {}

  bool batch_stats() const {
    return !is_channel_kind(config.kind) || config.kind == NormKind::group_norm ||
           module.training() || !module.has_running_stats();
  }

  void forward(FuzzedDataProvider& p);
  void backward(FuzzedDataProvider& p);
  void plan(FuzzedDataProvider& p);
  void set_params(FuzzedDataProvider& p);
  void set_running(FuzzedDataProvider& p);
  bool bounded(const Shape& shape) const;
};

// Whether forward() and plan() may run on `shape`: what they allocate (values, one id per element,
// one mean per statistics group) stays small. Empty shapes count their non-zero sizes, which
// still size the statistics (BatchNorm on (0, C) has C of them), and GroupNorm its N * G.
bool Session::bounded(const Shape& shape) const {
  if (std::any_of(shape.begin(), shape.end(), [](int64_t d) { return d < 0; })) return false;
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d != 0 && __builtin_mul_overflow(n, d, &n)) return false;
  }
  if (n > kMaxElements) return false;
  if (config.kind != NormKind::group_norm) return true;
  const int64_t g = config.num_groups;
  return g >= -kMaxElements && g <= kMaxElements && n * (g < 0 ? -g : g) <= 16 * kMaxElements;
}

void Session::forward(FuzzedDataProvider& p) {
  const Shape shape = random_shape(p, config);
  const std::optional<int64_t> n = safe_numel(shape);
  if (!n || !bounded(shape)) {
    // Only the checks: nothing may be sized from such a shape.
    const Snapshot before(module);
    const auto refused = refusal([&] { module.check_input(shape); });
    const bool negative = std::any_of(shape.begin(), shape.end(), [](int64_t d) { return d < 0; });
    if (negative || torch_storage_overflows(shape)) {
      FUZZ_CHECK(refused, "check_input accepted " + shape_text(shape) +
                              ", which torch.empty refuses (negative or overflowing size)");
    }
    // GroupNorm's mean and rstd are [N, G] tensors: torch refuses to size them when that
    // overflows, even for an empty input.
    if (config.kind == NormKind::group_norm && shape.size() >= 2 && !negative &&
        torch_storage_overflows({shape[0], config.num_groups})) {
      FUZZ_CHECK(refused, "check_input accepted " + shape_text(shape) + " with " +
                              num(config.num_groups) + " groups");
    }
    FUZZ_CHECK(same_state(before, Snapshot(module)), "check_input changed the module");
    return;
  }
  const Tensor x = tensor_values(p, *n);
  std::vector<float> y(x.values.size(), -12345.0f);
  const Snapshot before(module);
  const bool batch = batch_stats();
  const auto checked = refusal([&] { module.check_input(shape); });
  const auto refused = refusal([&] { module.forward(y.data(), x.values.data(), shape); });
  FUZZ_CHECK(checked == refused, "check_input and forward disagree on " + shape_text(shape) +
                                     ": '" + checked.value_or("accepted") + "' vs '" +
                                     refused.value_or("accepted") + "'");
  if (refused) {
    FUZZ_CHECK(same_state(before, Snapshot(module)),
               "a refused forward changed the module: " + *refused);
    return;
  }

  // The plan must accept what forward accepted, and describe the groups forward used.
  StatsPlan plan;
  const auto plan_refused = refusal([&] { plan = module.plan(shape); });
  FUZZ_CHECK(!plan_refused, "forward accepted " + shape_text(shape) +
                                " but plan refused it: " + plan_refused.value_or(""));
  check_plan(plan, shape, *n);
  FUZZ_CHECK(plan.stat_count == module.stat_count(),
             "forward computed " + num(module.stat_count()) + " statistics, the plan says " +
                 num(plan.stat_count));
  FUZZ_CHECK(module.stat_rstd().size() == module.stat_mean().size(), "mean and rstd sizes differ");

  forwarded = true;
  last_shape = shape;
  last_input = x.values;
  last_batch_stats = batch;
  const bool tame = x.tame && tame_params && tame_running && sane(config);
  last_tame = tame;
  if (*n == 0) {
    // an empty batch may still move them: InstanceNorm averages over no samples, 0/0
    if (module.has_running_stats())
      tame_running = tame_values(module.running_mean()) && tame_values(module.running_var());
    return;
  }

  const ParamIndex index(config, shape);
  const GroupStats ref(plan, x.values);
  const auto& mean = module.stat_mean();
  const auto& rstd = module.stat_rstd();
  for (size_t g = 0; g < mean.size(); ++g) {
    if (batch) {
      if (!tame) continue;
      const double tol = 1e-4 * (ref.hi[g] - ref.lo[g]) + 1e-6 * std::fabs(ref.mean[g]) + 1e-37;
      FUZZ_CHECK(std::fabs(mean[g] - ref.mean[g]) <= tol,
                 "group " + num(g) + " of " + shape_text(shape) + ": mean " + num(mean[g]) +
                     ", reference " + num(ref.mean[g]));
      const double r = 1.0 / std::sqrt(ref.var[g] + config.eps);
      FUZZ_CHECK(std::fabs(rstd[g] - r) <= 1e-3 * r, "group " + num(g) + " of " +
                                                         shape_text(shape) + ": rstd " +
                                                         num(rstd[g]) + ", reference " + num(r));
    } else {
      const auto c = static_cast<size_t>(static_cast<int64_t>(g) % index.channels);
      const auto r = static_cast<float>(
          1.0 / std::sqrt(static_cast<double>(before.running_var[c]) + config.eps));
      const bool same_mean = mean[g] == before.running_mean[c] ||
                             (std::isnan(mean[g]) && std::isnan(before.running_mean[c]));
      FUZZ_CHECK(same_mean && (rstd[g] == r || (std::isnan(rstd[g]) && std::isnan(r))),
                 "eval mode did not normalize with the running statistics");
    }
  }

  const std::vector<float>& w = module.weight();
  const std::vector<float>& b = module.bias();
  for (int64_t i = 0; i < *n; ++i) {
    const auto k = static_cast<size_t>(i);
    const auto g = static_cast<size_t>(plan.group[k]);
    const auto j = static_cast<size_t>(index.param(i));
    const double wj = w.empty() ? 1.0 : w[j], bj = b.empty() ? 0.0 : b[j];
    if (tame) {
      FUZZ_CHECK(std::isfinite(y[k]), describe(config) + (module.training() ? " train" : " eval") +
                                          ": tame input gave a non-finite output " + num(y[k]) +
                                          " at " + num(i) + " of " + shape_text(shape));
      const double d = (x.values[k] - mean[g]) * rstd[g];
      const double want = d * wj + bj;
      const double tol = 1e-4 * (std::fabs(d * wj) + std::fabs(bj)) + 1e-5;
      FUZZ_CHECK(std::fabs(y[k] - want) <= tol, "output " + num(i) + " of " + shape_text(shape) +
                                                    " is " + num(y[k]) + ", expected " + num(want));
    }
  }

  // Running statistics: (1 - f) * old + f * batch, with the unbiased variance; unchanged when
  // the module did not use batch statistics.
  if (!module.has_running_stats()) return;
  const bool updated = module.training();
  if (!updated) {
    FUZZ_CHECK(same_bits(before.running_mean, module.running_mean()) &&
                   same_bits(before.running_var, module.running_var()) &&
                   before.batches == module.num_batches_tracked(),
               "eval mode changed the running statistics");
    return;
  }
  const bool counts = config.kind == NormKind::batch_norm;
  FUZZ_CHECK(module.num_batches_tracked() == before.batches + (counts ? 1 : 0),
             "num_batches_tracked went from " + num(before.batches) + " to " +
                 num(module.num_batches_tracked()));
  if (!tame) {
    tame_running = false;
    return;
  }
  const double f =
      config.momentum ? *config.momentum : 1.0 / static_cast<double>(module.num_batches_tracked());
  const int64_t stats_per_channel = static_cast<int64_t>(mean.size()) / index.channels;
  for (int64_t c = 0; c < index.channels; ++c) {
    double m = 0.0, v = 0.0, spread = 0.0;
    for (int64_t s = 0; s < stats_per_channel; ++s) {
      const auto g = static_cast<size_t>(s * index.channels + c);
      const auto cnt = static_cast<double>(ref.count[g]);
      m += ref.mean[g];
      v += ref.var[g] * cnt / (cnt - 1.0);
      spread = std::max(spread, ref.hi[g] - ref.lo[g]);
    }
    m /= static_cast<double>(stats_per_channel);
    v /= static_cast<double>(stats_per_channel);
    const auto cc = static_cast<size_t>(c);
    const double old_m = before.running_mean[cc], old_v = before.running_var[cc];
    const double want_m = (1 - f) * old_m + f * m, want_v = (1 - f) * old_v + f * v;
    const double tol_m =
        1e-4 * (std::fabs((1 - f) * old_m) + std::fabs(f) * (std::fabs(m) + spread)) + 1e-6;
    const double tol_v = 1e-3 * (std::fabs((1 - f) * old_v) + std::fabs(f * v)) + 1e-6;
    FUZZ_CHECK(std::fabs(module.running_mean()[cc] - want_m) <= tol_m,
               describe(config) + " on " + shape_text(shape) + ": running_mean[" + num(c) +
                   "] is " + num(module.running_mean()[cc]) + ", expected " + num(want_m));
    FUZZ_CHECK(std::fabs(module.running_var()[cc] - want_v) <= tol_v,
               "running_var[" + num(c) + "] is " + num(module.running_var()[cc]) + ", expected " +
                   num(want_v));
  }
  tame_running = tame_values(module.running_mean()) && tame_values(module.running_var());
}

void Session::backward(FuzzedDataProvider& p) {
  const int64_t n = static_cast<int64_t>(last_input.size());
  const Tensor dy = tensor_values(p, n);
  std::vector<float> dx(dy.values.size(), -12345.0f);
  const Snapshot before(module);
  const auto refused = refusal([&] { module.backward(dx.data(), dy.values.data()); });
  if (!forwarded) {
    FUZZ_CHECK(refused, "backward() before any forward() was accepted");
    FUZZ_CHECK(same_state(before, Snapshot(module)), "a refused backward changed the module");
    return;
  }
  FUZZ_CHECK(!refused, "backward() after a forward() was refused: " + refused.value_or(""));
  const Snapshot after(module);
  FUZZ_CHECK(same_bits(before.mean, after.mean) && same_bits(before.rstd, after.rstd) &&
                 same_bits(before.running_mean, after.running_mean) &&
                 same_bits(before.running_var, after.running_var),
             "backward changed the forward's statistics");
  FUZZ_CHECK(module.grad_weight().size() == module.weight().size() &&
                 module.grad_bias().size() == module.bias().size(),
             "gradient sizes differ from the parameters'");
  // the weights in use are today's: set_params may have run since the forward
  if (n == 0 || !last_tame || !dy.tame || !tame_params) return;

  const StatsPlan plan = module.plan(last_shape);
  const ParamIndex index(config, last_shape);
  const auto& mean = module.stat_mean();
  const auto& rstd = module.stat_rstd();
  const std::vector<float>& w = module.weight();
  const auto groups = static_cast<size_t>(plan.stat_count);
  std::vector<double> sum_g(groups, 0.0), sum_gx(groups, 0.0), abs_g(groups, 0.0),
      abs_gx(groups, 0.0);
  std::vector<double> count(groups, 0.0);
  const auto params = std::max(module.weight().size(), module.bias().size());
  std::vector<double> gw(params, 0.0), gb(params, 0.0), gw_abs(params, 0.0), gb_abs(params, 0.0);
  const auto xhat = [&](size_t k) {
    const auto g = static_cast<size_t>(plan.group[k]);
    return (last_input[k] - mean[g]) * static_cast<double>(rstd[g]);
  };
  for (size_t k = 0; k < last_input.size(); ++k) {
    const auto g = static_cast<size_t>(plan.group[k]);
    const auto j = static_cast<size_t>(index.param(static_cast<int64_t>(k)));
    const double gk = dy.values[k] * (w.empty() ? 1.0 : w[j]);
    const double xh = xhat(k);
    sum_g[g] += gk;
    sum_gx[g] += gk * xh;
    abs_g[g] += std::fabs(gk);
    abs_gx[g] += std::fabs(gk * xh);
    count[g] += 1;
    if (params) {
      gw[j] += dy.values[k] * xh;
      gw_abs[j] += std::fabs(dy.values[k] * xh);
      gb[j] += dy.values[k];
      gb_abs[j] += std::fabs(dy.values[k]);
    }
  }
  for (size_t k = 0; k < last_input.size(); ++k) {
    const auto g = static_cast<size_t>(plan.group[k]);
    const auto j = static_cast<size_t>(index.param(static_cast<int64_t>(k)));
    const double gk = dy.values[k] * (w.empty() ? 1.0 : w[j]);
    const double r = rstd[g], xh = xhat(k);
    double want = r * gk, scale = r * std::fabs(gk);
    if (last_batch_stats) {
      want = r * (gk - sum_g[g] / count[g] - xh * sum_gx[g] / count[g]);
      scale = r * (std::fabs(gk) + abs_g[g] / count[g] + std::fabs(xh) * abs_gx[g] / count[g]);
    }
    FUZZ_CHECK(std::isfinite(dx[k]),
               describe(config) + ": tame backward gave a non-finite grad_input " + num(dx[k]) +
                   " at " + num(k) + " of " + shape_text(last_shape));
    FUZZ_CHECK(std::fabs(dx[k] - want) <= 1e-3 * scale + 1e-5,
               "grad_input[" + num(k) + "] of " + shape_text(last_shape) + " is " + num(dx[k]) +
                   ", expected " + num(want));
  }
  for (size_t j = 0; j < module.grad_weight().size(); ++j) {
    FUZZ_CHECK(std::fabs(module.grad_weight()[j] - gw[j]) <= 1e-3 * gw_abs[j] + 1e-5,
               "grad_weight[" + num(j) + "] is " + num(module.grad_weight()[j]) + ", expected " +
                   num(gw[j]));
  }
  for (size_t j = 0; j < module.grad_bias().size(); ++j) {
    FUZZ_CHECK(
        std::fabs(module.grad_bias()[j] - gb[j]) <= 1e-3 * gb_abs[j] + 1e-5,
        "grad_bias[" + num(j) + "] is " + num(module.grad_bias()[j]) + ", expected " + num(gb[j]));
  }
}

void Session::plan(FuzzedDataProvider& p) {
  const Shape shape = random_shape(p, config);
  if (!bounded(shape)) return;  // a plan holds one id per element
  const std::optional<int64_t> n = safe_numel(shape);
  const Snapshot before(module);
  StatsPlan plan;
  const auto refused = refusal([&] { plan = module.plan(shape); });
  FUZZ_CHECK(same_state(before, Snapshot(module)), "plan() changed the module");
  if (refused) {
    FUZZ_CHECK(
        refusal([&] { module.check_input(shape); }),
        "plan refused " + shape_text(shape) + " (" + *refused + ") but check_input accepted it");
    return;
  }
  check_plan(plan, shape, *n);
}

void Session::set_params(FuzzedDataProvider& p) {
  const Tensor w = tensor_values(p, static_cast<int64_t>(module.weight().size()));
  const Tensor b = tensor_values(p, static_cast<int64_t>(module.bias().size()));
  module.weight() = w.values;
  module.bias() = b.values;
  tame_params = w.tame && b.tame;
}

void Session::set_running(FuzzedDataProvider& p) {
  if (!module.has_running_stats()) return;
  Random random(p.ConsumeIntegral<uint64_t>());
  for (float& v : module.running_mean()) v = static_cast<float>(random.normal() * 10);
  for (float& v : module.running_var()) v = static_cast<float>(random.uniform() * 4);
  module.set_num_batches_tracked(p.ConsumeIntegralInRange<int64_t>(0, 1000));
  tame_running = true;
}

// The sizes the constructor allocates from; nullopt when it allocates nothing.
std::optional<Shape> allocated_shape(const NormConfig& c) {
  if (c.kind == NormKind::layer_norm) {
    if (c.affine) return c.normalized_shape;
    return std::nullopt;
  }
  const bool running = c.kind != NormKind::group_norm && c.track_running_stats;
  if (c.affine || running) return Shape{c.num_features};
  return std::nullopt;
}

}  // namespace

void fuzz_norm(FuzzedDataProvider& p) {
  const NormConfig config = random_config(p);
  if (const std::optional<Shape> sizes = allocated_shape(config)) {
    const std::optional<int64_t> n = safe_numel(*sizes);
    if (!n || *n > kMaxElements) {
      // Only sizes torch.empty refuses may get this far: they must be refused before allocating.
      const bool negative =
          std::any_of(sizes->begin(), sizes->end(), [](int64_t d) { return d < 0; });
      if (negative || torch_storage_overflows(*sizes)) {
        const auto refused = refusal([&] { NormModule m(config); });
        FUZZ_CHECK(refused,
                   "a module with parameter or buffer size " + shape_text(*sizes) + " was built");
      }
      return;
    }
  }
  std::optional<Session> s;
  const auto refused = refusal([&] { s.emplace(config); });
  if (refused) return;
  NormModule& m = s->module;

  // Parameters and buffers as named_parameters() and named_buffers() list them.
  const NamedShapes params = m.parameter_shapes();
  const bool layer = config.kind == NormKind::layer_norm;
  FUZZ_CHECK(params.size() == (config.affine ? (layer && !config.bias ? 1u : 2u) : 0u),
             "wrong number of parameters");
  for (const auto& [name, shape] : params) {
    const size_t size = name == "weight" ? m.weight().size() : m.bias().size();
    FUZZ_CHECK(static_cast<int64_t>(size) == numel(shape),
               "parameter " + name + " has " + num(size) + " values for " + shape_text(shape));
  }
  const bool tracks = is_channel_kind(config.kind) && config.kind != NormKind::group_norm &&
                      config.track_running_stats;
  FUZZ_CHECK(m.has_running_stats() == tracks, "running statistics where there should be none");
  FUZZ_CHECK(m.buffer_shapes().size() == (tracks ? 3u : 0u), "wrong number of buffers");
  if (tracks) {
    FUZZ_CHECK(static_cast<int64_t>(m.running_mean().size()) == config.num_features &&
                   static_cast<int64_t>(m.running_var().size()) == config.num_features,
               "running statistics of the wrong size");
  }

  const int ops = p.ConsumeIntegralInRange<int>(1, 8);
  for (int i = 0; i < ops && p.remaining_bytes() > 0; ++i) {
    switch (p.ConsumeIntegralInRange<int>(0, 7)) {
      case 0:
      case 1:
      case 2:
        s->forward(p);
        break;
      case 3:
        s->backward(p);
        break;
      case 4:
        s->plan(p);
        break;
      case 5:
        s->set_params(p);
        break;
      case 6:
        m.set_training(!m.training());
        break;
      default:
        s->set_running(p);
    }
  }
}

}  // namespace normlab::fuzz
