// torch.optim's constructors (keywords, defaults, value checks and their messages) and the
// Optimizer that keeps the state and computes each step's scalars for the kernels.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <new>

#include "normlab/error.hpp"
#include "normlab/optim/optimizer.hpp"

namespace normlab {

namespace {

struct Keyword {
  const char* name;
  OptimArgType type;
};

// The keyword arguments of each torch.optim class in 1.13 that change what a step computes.
const std::vector<Keyword>& keywords(OptimKind kind) {
  using T = OptimArgType;
  static const std::vector<Keyword> sgd{{"lr", T::number},        {"momentum", T::number},
                                        {"dampening", T::number}, {"weight_decay", T::number},
                                        {"nesterov", T::flag},    {"maximize", T::flag}};
  static const std::vector<Keyword> adam{{"lr", T::number},    {"betas", T::pair},
                                         {"eps", T::number},   {"weight_decay", T::number},
                                         {"amsgrad", T::flag}, {"maximize", T::flag}};
  static const std::vector<Keyword> adagrad{
      {"lr", T::number},           {"lr_decay", T::number},
      {"weight_decay", T::number}, {"initial_accumulator_value", T::number},
      {"eps", T::number},          {"maximize", T::flag}};
  static const std::vector<Keyword> rmsprop{{"lr", T::number},       {"alpha", T::number},
                                            {"eps", T::number},      {"weight_decay", T::number},
                                            {"momentum", T::number}, {"centered", T::flag},
                                            {"maximize", T::flag}};
  switch (kind) {
    case OptimKind::sgd:
      return sgd;
    case OptimKind::adam:
    case OptimKind::adamw:
      return adam;
    case OptimKind::adagrad:
      return adagrad;
    case OptimKind::rmsprop:
      return rmsprop;
  }
  return sgd;
}

double default_lr(OptimKind kind) {
  return kind == OptimKind::adagrad || kind == OptimKind::rmsprop ? 1e-2 : 1e-3;
}

[[noreturn]] void invalid(const char* what, double value) {
  fail(std::string("Invalid ") + what + ": " + py_float(value));
}

// `if not 0.0 <= x: raise`, which NaN fails too.
void check_not_negative(const char* what, double value) {
  if (!(0.0 <= value)) invalid(what, value);
}

void check_sgd(const OptimConfig& c) {
  // SGD compares with `x < 0.0`, which lets NaN through (unlike the other classes)
  if (c.lr && *c.lr < 0.0) invalid("learning rate", *c.lr);
  if (c.momentum < 0.0) invalid("momentum value", c.momentum);
  if (c.weight_decay < 0.0) invalid("weight_decay value", c.weight_decay);
  if (c.nesterov && (c.momentum <= 0 || c.dampening != 0))
    fail("Nesterov momentum requires a momentum and zero dampening");
}

void check_adam(const OptimConfig& c) {
  check_not_negative("learning rate", c.lr.value_or(default_lr(c.kind)));
  check_not_negative("epsilon value", c.eps);
  if (!(0.0 <= c.beta1 && c.beta1 < 1.0)) invalid("beta parameter at index 0", c.beta1);
  if (!(0.0 <= c.beta2 && c.beta2 < 1.0)) invalid("beta parameter at index 1", c.beta2);
  check_not_negative("weight_decay value", c.weight_decay);
}

void check_adagrad(const OptimConfig& c) {
  check_not_negative("learning rate", c.lr.value_or(default_lr(c.kind)));
  check_not_negative("lr_decay value", c.lr_decay);
  check_not_negative("weight_decay value", c.weight_decay);
  check_not_negative("initial_accumulator_value value", c.initial_accumulator_value);
  check_not_negative("epsilon value", c.eps);
}

void check_rmsprop(const OptimConfig& c) {
  check_not_negative("learning rate", c.lr.value_or(default_lr(c.kind)));
  check_not_negative("epsilon value", c.eps);
  check_not_negative("momentum value", c.momentum);
  check_not_negative("weight_decay value", c.weight_decay);
  check_not_negative("alpha value", c.alpha);
}

}  // namespace

OptimKind optim_kind(const std::string& op) {
  for (OptimKind kind : {OptimKind::sgd, OptimKind::adam, OptimKind::adamw, OptimKind::adagrad,
                         OptimKind::rmsprop}) {
    if (op == optim_op(kind)) return kind;
  }
  fail("unknown optimizer: " + op);
}

const char* optim_op(OptimKind kind) {
  switch (kind) {
    case OptimKind::sgd:
      return "sgd";
    case OptimKind::adam:
      return "adam";
    case OptimKind::adamw:
      return "adamw";
    case OptimKind::adagrad:
      return "adagrad";
    case OptimKind::rmsprop:
      return "rmsprop";
  }
  return "?";
}

const char* optim_class_name(OptimKind kind) {
  switch (kind) {
    case OptimKind::sgd:
      return "SGD";
    case OptimKind::adam:
      return "Adam";
    case OptimKind::adamw:
      return "AdamW";
    case OptimKind::adagrad:
      return "Adagrad";
    case OptimKind::rmsprop:
      return "RMSprop";
  }
  return "?";
}

OptimConfig::OptimConfig(OptimKind k) : kind(k) {
  if (k != OptimKind::sgd) lr = default_lr(k);
  if (k == OptimKind::adamw) weight_decay = 1e-2;
  if (k == OptimKind::adagrad) eps = 1e-10;
}

OptimArgType optim_arg_type(OptimKind kind, const std::string& keyword) {
  for (const Keyword& k : keywords(kind)) {
    if (keyword == k.name) return k.type;
  }
  // torch's switches between implementations of the same arithmetic: NormLab is the
  // single-tensor path (foreach=False), so foreach is accepted and means nothing here
  if (keyword == "foreach") return OptimArgType::flag;
  for (const char* other : {"capturable", "differentiable", "fused"}) {
    if (keyword == other) {
      fail(keyword +
           " is a torch.optim option NormLab does not have: it computes the "
           "single-tensor path on the CPU");
    }
  }
  fail(std::string(optim_class_name(kind)) + ".__init__() got an unexpected keyword argument '" +
       keyword + "'");
}

void set_optim_number(OptimConfig& c, const std::string& keyword, double value) {
  if (keyword == "lr") {
    c.lr = value;
  } else if (keyword == "momentum") {
    c.momentum = value;
  } else if (keyword == "dampening") {
    c.dampening = value;
  } else if (keyword == "weight_decay") {
    c.weight_decay = value;
  } else if (keyword == "eps") {
    c.eps = value;
  } else if (keyword == "lr_decay") {
    c.lr_decay = value;
  } else if (keyword == "initial_accumulator_value") {
    c.initial_accumulator_value = value;
  } else if (keyword == "alpha") {
    c.alpha = value;
  } else {
    fail(keyword + " is not a numeric optimizer argument");
  }
}

void set_optim_flag(OptimConfig& c, const std::string& keyword, bool value) {
  if (keyword == "nesterov") {
    c.nesterov = value;
  } else if (keyword == "maximize") {
    c.maximize = value;
  } else if (keyword == "amsgrad") {
    c.amsgrad = value;
  } else if (keyword == "centered") {
    c.centered = value;
  } else if (keyword != "foreach") {
    fail(keyword + " is not a true/false optimizer argument");
  }
}

void set_optim_pair(OptimConfig& c, const std::string& keyword, double first, double second) {
  if (keyword != "betas") fail(keyword + " is not a pair optimizer argument");
  c.beta1 = first;
  c.beta2 = second;
}

void check_optim_config(const OptimConfig& config) {
  switch (config.kind) {
    case OptimKind::sgd:
      return check_sgd(config);
    case OptimKind::adam:
    case OptimKind::adamw:
      return check_adam(config);
    case OptimKind::adagrad:
      return check_adagrad(config);
    case OptimKind::rmsprop:
      return check_rmsprop(config);
  }
}

std::vector<std::string> optim_state_names(const OptimConfig& c) {
  switch (c.kind) {
    case OptimKind::sgd:
      // `if momentum != 0`: NaN momentum keeps a buffer too
      if (c.momentum != 0) return {"momentum_buffer"};
      return {};
    case OptimKind::adam:
    case OptimKind::adamw:
      if (c.amsgrad) return {"exp_avg", "exp_avg_sq", "max_exp_avg_sq"};
      return {"exp_avg", "exp_avg_sq"};
    case OptimKind::adagrad:
      return {"sum"};
    case OptimKind::rmsprop: {
      std::vector<std::string> names{"square_avg"};
      if (c.momentum > 0) names.emplace_back("momentum_buffer");
      if (c.centered) names.emplace_back("grad_avg");
      return names;
    }
  }
  return {};
}

// ---- Optimizer ----------------------------------------------------------------------------------

Optimizer::Optimizer(const OptimConfig& config, int64_t numel) : config_(config), numel_(numel) {
  if (numel < 0) {
    fail("Trying to create tensor with negative dimension " + std::to_string(numel) + ": [" +
         std::to_string(numel) + "]");
  }
  // state buffers hold numel floats: a count the address space cannot hold fails as an
  // allocation fails (the bindings say "out of memory") instead of being cut to size_t, which on
  // wasm32 made 2**32 + 1 values a buffer of 1 that step() then overran
  if (static_cast<uint64_t>(numel) > static_cast<uint64_t>(PTRDIFF_MAX) / sizeof(float))
    throw std::bad_alloc();
  check_optim_config(config);
  if (!config.lr) {
    if (config.kind == OptimKind::sgd)
      fail("parameter group didn't specify a value of required optimization parameter lr");
    config_.lr = default_lr(config.kind);
  }
  lr_ = *config_.lr;
  // Adagrad's constructor fills its sum at once; the others create their state in step()
  if (config.kind == OptimKind::adagrad) create_state();
}

const StateBuffer* Optimizer::find_state(const std::string& name) const {
  for (const StateBuffer& b : state_) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

float* Optimizer::buffer(const char* name) {
  for (StateBuffer& b : state_) {
    if (b.name == name) return b.values.data();
  }
  return nullptr;
}

void Optimizer::create_state() {
  const float init = config_.kind == OptimKind::adagrad
                         ? static_cast<float>(config_.initial_accumulator_value)
                         : 0;
  for (const std::string& name : optim_state_names(config_)) {
    if (!find_state(name))
      state_.push_back({name, std::vector<float>(static_cast<size_t>(numel_), init)});
  }
}

void Optimizer::step(float* param, const float* grad) {
  if (steps_ == 0) create_state();
  ++steps_;
  const OptimConfig& c = config_;
  const double step = static_cast<double>(steps_);
  const auto f = [](double v) { return static_cast<float>(v); };
  switch (c.kind) {
    case OptimKind::sgd: {
      SgdScalars s;
      s.neg_lr = f(-lr_);
      s.weight_decay = f(c.weight_decay);
      s.decay = c.weight_decay != 0;
      s.momentum = f(c.momentum);
      s.one_minus_dampening = f(1 - c.dampening);
      s.nesterov = c.nesterov;
      s.maximize = c.maximize;
      s.first_step = steps_ == 1;
      sgd_update(param, buffer("momentum_buffer"), grad, numel_, s);
      return;
    }
    case OptimKind::adam:
    case OptimKind::adamw: {
      const double bias_correction1 = 1 - std::pow(c.beta1, step);
      const double bias_correction2 = 1 - std::pow(c.beta2, step);
      AdamScalars s;
      s.beta1 = f(c.beta1);
      s.one_minus_beta1 = f(1 - c.beta1);
      s.beta2 = f(c.beta2);
      s.one_minus_beta2 = f(1 - c.beta2);
      s.decoupled = c.kind == OptimKind::adamw;
      s.l2 = !s.decoupled && c.weight_decay != 0;
      s.weight_decay = f(c.weight_decay);
      s.decay_factor = f(1 - lr_ * c.weight_decay);
      s.bias_correction2_sqrt = f(std::sqrt(bias_correction2));
      s.neg_step_size = f(-(lr_ / bias_correction1));
      s.eps = f(c.eps);
      s.maximize = c.maximize;
      adam_update(param, buffer("exp_avg"), buffer("exp_avg_sq"), buffer("max_exp_avg_sq"), grad,
                  numel_, s);
      return;
    }
    case OptimKind::adagrad: {
      AdagradScalars s;
      s.neg_clr = f(-(lr_ / (1 + (step - 1) * c.lr_decay)));
      s.weight_decay = f(c.weight_decay);
      s.decay = c.weight_decay != 0;
      s.eps = f(c.eps);
      s.maximize = c.maximize;
      adagrad_update(param, buffer("sum"), grad, numel_, s);
      return;
    }
    case OptimKind::rmsprop: {
      RmspropScalars s;
      s.neg_lr = f(-lr_);
      s.alpha = f(c.alpha);
      s.one_minus_alpha = f(1 - c.alpha);
      s.eps = f(c.eps);
      s.weight_decay = f(c.weight_decay);
      s.decay = c.weight_decay != 0;
      s.momentum = f(c.momentum);
      s.maximize = c.maximize;
      rmsprop_update(param, buffer("square_avg"), buffer("grad_avg"), buffer("momentum_buffer"),
                     grad, numel_, s);
      return;
    }
  }
}

}  // namespace normlab
