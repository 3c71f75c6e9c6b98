// Optimizer, optimizer_memory, the loss surfaces and trajectories under random arguments. Checked:
// - the constructor refuses exactly what check_optim_config refuses (plus SGD without lr and a
//   negative size), with the same message; every other exception is a bug;
// - the state holds optim_state_names(config), numel values each, and steps() counts the steps;
// - maximize=True with grad g is, bit for bit, maximize=False with -g (torch negates first);
// - lr = 0 leaves a finite parameter where it is; sane arguments and bounded gradients keep it
//   finite (centered RMSprop aside: sqrt(E[g^2] - E[g]^2) may round below 0, in torch too);
// - optimizer_memory's parts add up and each state buffer is 4 bytes per parameter;
// - surface gradients match central differences; grids and trajectories refuse bad sizes before
//   writing, and a trajectory is the same Optimizer stepped by hand.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "fuzz.hpp"
#include "normlab/demos/surfaces.hpp"
#include "normlab/optim/optimizer.hpp"

namespace normlab::fuzz {

namespace {

OptimConfig random_optim_config(FuzzedDataProvider& p) {
  OptimConfig c(static_cast<OptimKind>(p.ConsumeIntegralInRange<int>(0, 4)));
  const auto maybe = [&](double& field, double lo, double hi) {
    if (p.ConsumeBool()) field = number_value(p, lo, hi);
  };
  if (p.ConsumeIntegralInRange<int>(0, 5) != 0) c.lr = number_value(p, 0.0, 0.5);
  maybe(c.momentum, 0.0, 1.0);
  maybe(c.dampening, 0.0, 1.0);
  maybe(c.weight_decay, 0.0, 0.5);
  maybe(c.beta1, 0.0, 1.0);
  maybe(c.beta2, 0.0, 1.0);
  maybe(c.eps, 1e-10, 1e-3);
  maybe(c.lr_decay, 0.0, 0.5);
  maybe(c.initial_accumulator_value, 0.0, 1.0);
  maybe(c.alpha, 0.0, 1.0);
  c.nesterov = p.ConsumeIntegralInRange<int>(0, 3) == 0;
  c.maximize = p.ConsumeBool();
  c.amsgrad = p.ConsumeBool();
  c.centered = p.ConsumeBool();
  return c;
}

bool in(double v, double lo, double hi) {
  return v >= lo && v <= hi;
}

// Arguments under which bounded gradients cannot drive a few steps to inf or NaN.
bool sane(const OptimConfig& c) {
  const bool common = c.lr && in(*c.lr, 0, 1) && in(c.weight_decay, 0, 1);
  switch (c.kind) {
    case OptimKind::sgd:
      return common && in(c.momentum, 0, 1) && in(c.dampening, 0, 1);
    case OptimKind::adam:
    case OptimKind::adamw:
      return common && in(c.beta1, 0, 0.9999) && in(c.beta2, 0, 0.9999) && in(c.eps, 1e-8, 1);
    case OptimKind::adagrad:
      return common && in(c.lr_decay, 0, 1) && in(c.initial_accumulator_value, 0, 10) &&
             in(c.eps, 1e-10, 1);
    case OptimKind::rmsprop:
      // alpha = 1 keeps square_avg at 0, and every step divides by eps alone
      return common && !c.centered && in(c.alpha, 0, 0.99) && in(c.momentum, 0, 1) &&
             in(c.eps, 1e-8, 1);
  }
  return false;
}

// Equal bits, or NaN in both (negating a NaN gradient flips the NaN's sign bit only).
bool same_float(float a, float b) {
  return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
}

std::string config_text(const OptimConfig& c) {
  std::string s = optim_op(c.kind);
  s += " lr=" + (c.lr ? py_float(*c.lr) : std::string("None"));
  s += " momentum=" + py_float(c.momentum) + " dampening=" + py_float(c.dampening);
  s += " weight_decay=" + py_float(c.weight_decay) + " betas=(" + py_float(c.beta1) + ", " +
       py_float(c.beta2) + ") eps=" + py_float(c.eps) + " alpha=" + py_float(c.alpha);
  s += c.maximize ? " maximize" : "";
  s += c.centered ? " centered" : "";
  s += c.amsgrad ? " amsgrad" : "";
  s += c.nesterov ? " nesterov" : "";
  return s;
}

// The constructor's verdict, predicted from check_optim_config: nullopt when it must succeed.
std::optional<std::string> expected_refusal(const OptimConfig& c, int64_t numel) {
  if (numel < 0) return "negative size";
  if (auto m = refusal([&] { check_optim_config(c); })) return m;
  if (!c.lr) return "parameter group didn't specify a value of required optimization parameter lr";
  return std::nullopt;
}

}  // namespace

void fuzz_optimizer(FuzzedDataProvider& p) {
  const OptimConfig config = random_optim_config(p);
  const int64_t numel =
      p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 40) : size_value(p, 40);
  if (numel > kMaxElements) return;  // would allocate that much state
  std::optional<Optimizer> opt;
  const auto refused = refusal([&] { opt.emplace(config, numel); });
  const auto expected = expected_refusal(config, numel);
  FUZZ_CHECK(refused.has_value() == expected.has_value(),
             config_text(config) + ": constructor " + refused.value_or("accepted") + ", expected " +
                 expected.value_or("accepted"));
  if (refused) {
    if (numel >= 0) FUZZ_CHECK(*refused == *expected, "messages differ: " + *refused);
    return;
  }
  const std::vector<std::string> names = optim_state_names(config);
  FUZZ_CHECK(opt->state().size() == (config.kind == OptimKind::adagrad ? 1u : 0u),
             "state before the first step");

  // The twin sees -grad without maximize: it must follow bit for bit.
  std::optional<Optimizer> twin;
  if (config.maximize) {
    OptimConfig t = config;
    t.maximize = false;
    twin.emplace(t, numel);
  }
  Tensor start = tensor_values(p, numel);
  const bool tame_start = start.tame;
  std::vector<float> param = start.values, twin_param = param;
  // lr = 0 must freeze the parameter whenever the other arguments keep every term finite
  // (0 * inf is NaN: a momentum of 1e300 rounds to an infinite float)
  OptimConfig with_lr = config;
  with_lr.lr = 0.1;
  const bool sane_with_some_lr = sane(with_lr);
  const int steps = p.ConsumeIntegralInRange<int>(1, 12);
  bool tame = tame_start;
  for (int t = 1; t <= steps; ++t) {
    const Tensor grad = tensor_values(p, numel);
    tame = tame && grad.tame;
    const std::vector<float> before = param;
    opt->step(param.data(), grad.values.data());
    FUZZ_CHECK(opt->steps() == t, "steps() is " + num(opt->steps()));
    FUZZ_CHECK(opt->state().size() == names.size(),
               config_text(config) + ": " + num(opt->state().size()) + " state buffers, expected " +
                   num(names.size()));
    for (size_t i = 0; i < names.size(); ++i) {
      FUZZ_CHECK(opt->state()[i].name == names[i],
                 "state buffer " + opt->state()[i].name + " where " + names[i] + " was expected");
      FUZZ_CHECK(static_cast<int64_t>(opt->state()[i].values.size()) == numel,
                 "state buffer " + names[i] + " has the wrong size");
    }
    if (twin) {
      std::vector<float> negated = grad.values;
      for (float& g : negated) g = -g;
      twin->step(twin_param.data(), negated.data());
      for (int64_t i = 0; i < numel; ++i) {
        const auto k = static_cast<size_t>(i);
        FUZZ_CHECK(same_float(param[k], twin_param[k]),
                   config_text(config) + ": maximize with g gave " + num(param[k]) +
                       ", minimize with -g gave " + num(twin_param[k]));
      }
    }
    if (config.lr && *config.lr == 0.0 && sane_with_some_lr && tame) {
      for (size_t k = 0; k < param.size(); ++k) {
        // == and not bits: -0 + 0 is +0, as in torch's p.add_(d_p, alpha=-lr)
        FUZZ_CHECK(param[k] == before[k], config_text(config) + ": lr=0 moved the parameter from " +
                                              num(before[k]) + " to " + num(param[k]));
      }
    }
    if (sane(config) && tame) {
      for (float v : param) {
        FUZZ_CHECK(std::isfinite(v), config_text(config) + ": step " + num(t) +
                                         " of bounded gradients gave " + num(v));
      }
    }
  }
}

void fuzz_optimizer_memory(FuzzedDataProvider& p) {
  const OptimConfig config = random_optim_config(p);
  const int64_t params = p.ConsumeBool() ? p.ConsumeIntegral<int64_t>() : size_value(p, 1000000);
  static const char* kPrecisions[] = {"fp32", "fp16-mixed", "bf16-mixed", "fp8", ""};
  const std::string name = kPrecisions[p.ConsumeIntegralInRange<size_t>(0, 4)];
  OptimizerMemory m;
  const auto refused = refusal([&] { m = optimizer_memory(params, precision_from(name), config); });
  const bool bad_name = name != "fp32" && name != "fp16-mixed" && name != "bf16-mixed";
  const bool bad_config = refusal([&] { check_optim_config(config); }).has_value();
  const bool bad_count = params < 0 || params > (int64_t{1} << 48);
  FUZZ_CHECK(refused.has_value() == (bad_name || bad_config || bad_count),
             "optimizer_memory(" + num(params) + ", " + name + ", " + config_text(config) +
                 "): " + refused.value_or("accepted"));
  if (refused) return;
  const int64_t working = name == "fp32" ? 4 : 2;
  FUZZ_CHECK(m.parameters == params * working && m.gradients == params * working,
             "parameter or gradient bytes");
  FUZZ_CHECK(m.master_weights == (name == "fp32" ? 0 : params * 4), "master weight bytes");
  const std::vector<std::string> names = optim_state_names(config);
  FUZZ_CHECK(m.state.size() == names.size(), "state buffers counted");
  int64_t total = m.parameters + m.gradients + m.master_weights;
  for (size_t i = 0; i < names.size(); ++i) {
    FUZZ_CHECK(m.state[i].first == names[i] && m.state[i].second == params * 4,
               "state buffer " + m.state[i].first);
    total += m.state[i].second;
  }
  FUZZ_CHECK(m.total == total, "the total is not the sum of its parts");
}

void fuzz_surfaces(FuzzedDataProvider& p) {
  const std::vector<SurfaceInfo>& all = surfaces();
  const size_t pick = p.ConsumeIntegralInRange<size_t>(0, all.size());
  if (pick == all.size()) {
    FUZZ_CHECK(refusal([&] { surface_info(p.ConsumeRandomLengthString(16) + "?"); }),
               "an unknown surface name was accepted");
    return;
  }
  const SurfaceInfo& s = all[pick];
  FUZZ_CHECK(&surface_info(s.name) == &s, "surface_info finds another surface");
  for (const auto& [x, y] : s.minima) {
    const SurfacePoint m = surface_at(s.kind, x, y);
    FUZZ_CHECK(m.grad_x == 0 && m.grad_y == 0, s.name + ": a listed minimum has a gradient");
  }

  // Points: values and gradients, and the gradient against central differences.
  const int64_t n = p.ConsumeIntegralInRange<int64_t>(0, 64);
  const Tensor xs = tensor_values(p, n), ys = tensor_values(p, n);
  std::vector<float> f(static_cast<size_t>(n)), gx(f.size()), gy(f.size());
  surface_evaluate(p.ConsumeBool() ? f.data() : nullptr, gx.data(), gy.data(), xs.values.data(),
                   ys.values.data(), n, s.kind);
  surface_evaluate(f.data(), nullptr, nullptr, xs.values.data(), ys.values.data(), n, s.kind);
  for (size_t i = 0; i < f.size(); ++i) {
    const double x = xs.values[i], y = ys.values[i];
    const SurfacePoint at = surface_at(s.kind, x, y);
    FUZZ_CHECK(same_float(f[i], static_cast<float>(at.f)) &&
                   same_float(gx[i], static_cast<float>(at.grad_x)) &&
                   same_float(gy[i], static_cast<float>(at.grad_y)),
               s.name + ": surface_evaluate differs from surface_at");
    if (std::fabs(x) <= 1e3 && std::fabs(y) <= 1e3) {
      FUZZ_CHECK(std::isfinite(f[i]), s.name + ": non-finite value at a bounded point");
    }
    if (std::fabs(x) <= 10 && std::fabs(y) <= 10) {
      const double h = 1e-5;
      const double fx = (surface_at(s.kind, x + h, y).f - surface_at(s.kind, x - h, y).f) / (2 * h);
      const double fy = (surface_at(s.kind, x, y + h).f - surface_at(s.kind, x, y - h).f) / (2 * h);
      FUZZ_CHECK(std::fabs(fx - at.grad_x) <= 1e-4 * (1 + std::fabs(at.grad_x)) &&
                     std::fabs(fy - at.grad_y) <= 1e-4 * (1 + std::fabs(at.grad_y)),
                 s.name + ": the gradient disagrees with central differences at (" + num(x) + ", " +
                     num(y) + ")");
    }
  }

  // A contour grid: refused sizes and boxes before anything is written.
  const int64_t nx = size_value(p, 40), ny = size_value(p, 40);
  ViewBox view = s.view;
  if (p.ConsumeBool()) {
    view = {number_value(p, -10, 10), number_value(p, -10, 10), number_value(p, -10, 10),
            number_value(p, -10, 10)};
  }
  const bool size_ok = nx >= 2 && ny >= 2 && nx <= 4096 && ny <= 4096;
  const bool view_ok =
      std::isfinite(view.x_min) && std::isfinite(view.x_max) && std::isfinite(view.y_min) &&
      std::isfinite(view.y_max) && view.x_min < view.x_max && view.y_min < view.y_max &&
      std::isfinite(view.x_max - view.x_min) && std::isfinite(view.y_max - view.y_min);
  if (size_ok && nx * ny > kMaxElements) return;
  std::vector<float> values(size_ok ? static_cast<size_t>(nx * ny) : 0, -12345.0f);
  const auto refused = refusal([&] { surface_grid(values.data(), s.kind, view, nx, ny); });
  FUZZ_CHECK(refused.has_value() == !(size_ok && view_ok),
             s.name + ": grid " + num(nx) + " x " + num(ny) + " " + refused.value_or("accepted"));
  if (refused) return;
  const bool bounded = std::max({std::fabs(view.x_min), std::fabs(view.x_max),
                                 std::fabs(view.y_min), std::fabs(view.y_max)}) <= 1e3;
  for (float v : values) {
    FUZZ_CHECK(v != -12345.0f, s.name + ": a grid value was not written");
    if (bounded) FUZZ_CHECK(std::isfinite(v), s.name + ": non-finite grid value");
  }
  FUZZ_CHECK(
      same_float(values[0], static_cast<float>(surface_at(s.kind, view.x_min, view.y_min).f)),
      s.name + ": the grid does not start at (x_min, y_min)");
}

void fuzz_trajectory(FuzzedDataProvider& p) {
  const SurfaceInfo& s = surfaces()[p.ConsumeIntegralInRange<size_t>(0, surfaces().size() - 1)];
  const OptimConfig config = random_optim_config(p);
  const int64_t steps =
      p.ConsumeBool() ? p.ConsumeIntegralInRange<int64_t>(0, 60) : size_value(p, 60);
  const auto x0 = static_cast<float>(number_value(p, -3, 3));
  const auto y0 = static_cast<float>(number_value(p, -3, 3));
  const bool steps_ok = steps >= 0 && steps <= 100000;
  if (steps_ok && steps > kMaxElements) return;
  const auto n = static_cast<size_t>(steps_ok ? steps + 1 : 0);
  std::vector<float> x(n), y(n), loss(n);
  const auto refused = refusal(
      [&] { surface_trajectory(x.data(), y.data(), loss.data(), s.kind, config, x0, y0, steps); });
  const auto expected =
      steps_ok ? expected_refusal(config, 2) : std::optional<std::string>("steps");
  FUZZ_CHECK(refused.has_value() == expected.has_value(),
             s.name + " " + config_text(config) + " steps=" + num(steps) + ": " +
                 refused.value_or("accepted") + ", expected " + expected.value_or("accepted"));
  if (refused) return;
  // The same optimizer, stepped here by hand on the surface's float32 gradient.
  Optimizer opt(config, 2);
  float param[2] = {x0, y0};
  for (size_t t = 0; t < n; ++t) {
    const SurfacePoint at = surface_at(s.kind, param[0], param[1]);
    FUZZ_CHECK(same_float(x[t], param[0]) && same_float(y[t], param[1]) &&
                   same_float(loss[t], static_cast<float>(at.f)),
               s.name + ": trajectory point " + num(t) + " differs from a hand loop");
    const float grad[2] = {static_cast<float>(at.grad_x), static_cast<float>(at.grad_y)};
    opt.step(param, grad);
  }
}

}  // namespace normlab::fuzz
