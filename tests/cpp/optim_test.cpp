#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <xtensor/xadapt.hpp>

#include "normlab/error.hpp"
#include "normlab/optim/optimizer.hpp"
#include "optim_golden.hpp"
#include "optim_reference.hpp"

using normlab::OptimConfig;
using normlab::Optimizer;
using normlab::OptimKind;

namespace {

std::vector<float> random_values(size_t n, unsigned seed, float scale = 1.0f) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, scale);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

OptimConfig config(OptimKind kind, double lr) {
  OptimConfig c(kind);
  c.lr = lr;
  return c;
}

// The message of the Error that constructing the optimizer throws, or "" when it constructs.
std::string refusal(const OptimConfig& c) {
  try {
    Optimizer opt(c, 3);
  } catch (const normlab::Error& e) {
    return e.what();
  }
  return "";
}

// One step of a fresh optimizer on param = {p}, grad = {g}; returns the new parameter.
float one_step(const OptimConfig& c, float p, float g) {
  Optimizer opt(c, 1);
  opt.step(&p, &g);
  return p;
}

// Every option of every rule, for the comparisons with the double reference.
std::vector<std::pair<std::string, OptimConfig>> all_options() {
  std::vector<std::pair<std::string, OptimConfig>> out;
  auto add = [&](const std::string& name, OptimConfig c) { out.emplace_back(name, c); };
  OptimConfig c = config(OptimKind::sgd, 0.05);
  add("sgd", c);
  c.momentum = 0.9;
  add("sgd momentum", c);
  c.dampening = 0.3;
  c.weight_decay = 0.1;
  add("sgd momentum dampening weight_decay", c);
  c.dampening = 0;
  c.nesterov = true;
  c.maximize = true;
  add("sgd nesterov maximize weight_decay", c);
  for (OptimKind kind : {OptimKind::adam, OptimKind::adamw}) {
    c = config(kind, 0.01);
    add(normlab::optim_op(kind), c);
    c.weight_decay = 0.2;
    c.beta1 = 0.8;
    c.beta2 = 0.95;
    add("weight_decay betas", c);
    c.amsgrad = true;
    c.maximize = true;
    c.eps = 1e-3;
    add("amsgrad maximize eps", c);
  }
  c = config(OptimKind::adagrad, 0.1);
  add("adagrad", c);
  c.lr_decay = 0.3;
  c.weight_decay = 0.1;
  c.initial_accumulator_value = 0.2;
  c.maximize = true;
  add("adagrad all", c);
  c = config(OptimKind::rmsprop, 0.01);
  add("rmsprop", c);
  c.centered = true;
  add("rmsprop centered", c);
  c.momentum = 0.8;
  c.alpha = 0.9;
  c.weight_decay = 0.1;
  c.maximize = true;
  add("rmsprop centered momentum all", c);
  return out;
}

}  // namespace

// ---- golden cases ------------------------------------------------------------------------------

TEST(Optim, GoldenCasesFromPyTorch) {
  // every option of the five rules over 3 seeds, plus every constructor message
  EXPECT_GE(golden::check_optim_cases("optim"), 160);
}

TEST(Optim, OptimizerCasesOfTheExamples) {
  EXPECT_EQ(golden::check_optim_cases("examples"), 2);
}

// ---- the kernels against the double reference ---------------------------------------------------

TEST(Optim, EveryOptionMatchesTheDoubleReferenceOverManySteps) {
  for (const auto& [name, c] : all_options()) {
    for (size_t n : {1u, 3u, 4u, 5u, 17u, 37u}) {
      SCOPED_TRACE(name + ", n = " + std::to_string(n));
      std::vector<float> param = random_values(n, 1);
      Optimizer opt(c, static_cast<int64_t>(n));
      normlab::reference::OptimizerReference ref(c, n);
      xt::xarray<double> want = xt::adapt(param, {n});
      for (unsigned t = 0; t < 40; ++t) {
        // gradients of very different sizes per element, as in a real network
        std::vector<float> grad = random_values(n, 100 + t);
        for (size_t i = 0; i < n; ++i) grad[i] *= std::pow(10.0f, static_cast<float>(i % 5) - 2);
        opt.step(param.data(), grad.data());
        ref.step(want, xt::xarray<double>(xt::adapt(grad, {n})));
      }
      for (size_t i = 0; i < n; ++i) {
        EXPECT_NEAR(param[i], want(i), 1e-5 + 1e-4 * std::fabs(want(i))) << i;
      }
      ASSERT_EQ(opt.state().size(), ref.state().size());
      for (const auto& buffer : opt.state()) {
        const auto& w = ref.state().at(buffer.name);
        for (size_t i = 0; i < n; ++i) {
          EXPECT_NEAR(buffer.values[i], w(i), 1e-5 + 1e-4 * std::fabs(w(i)))
              << buffer.name << " " << i;
        }
      }
    }
  }
}

TEST(Optim, VectorBodyAndScalarTailAgreeBitForBit) {
  // the same (param, grad) in all 7 lanes: lanes 0-3 go through f32x4, 4-6 through the tail
  for (const auto& [name, c] : all_options()) {
    SCOPED_TRACE(name);
    std::vector<float> param(7, 0.75f);
    Optimizer opt(c, 7);
    for (int t = 0; t < 10; ++t) {
      const std::vector<float> grad(7, 0.3f * static_cast<float>(t % 3) - 0.2f);
      opt.step(param.data(), grad.data());
    }
    for (int i = 1; i < 7; ++i) EXPECT_EQ(param[i], param[0]) << i;
    for (const auto& b : opt.state()) {
      for (int i = 1; i < 7; ++i) EXPECT_EQ(b.values[i], b.values[0]) << b.name << " " << i;
    }
  }
}

// ---- the rules, by hand ------------------------------------------------------------------------

TEST(Sgd, FirstMomentumBufferIsTheGradientWithoutDampening) {
  OptimConfig c = config(OptimKind::sgd, 0.1);
  c.momentum = 0.9;
  c.dampening = 0.5;
  Optimizer opt(c, 1);
  float p = 1.0f;
  const float g = 2.0f;
  opt.step(&p, &g);
  EXPECT_FLOAT_EQ(opt.find_state("momentum_buffer")->values[0], 2.0f);  // not 0.5 * 2
  EXPECT_FLOAT_EQ(p, 0.8f);
  opt.step(&p, &g);
  EXPECT_FLOAT_EQ(opt.find_state("momentum_buffer")->values[0], 0.9f * 2 + 0.5f * 2);
  EXPECT_FLOAT_EQ(p, 0.8f - 0.1f * 2.8f);
}

TEST(Sgd, NesterovLooksAheadAlongTheBuffer) {
  OptimConfig c = config(OptimKind::sgd, 0.1);
  c.momentum = 0.9;
  c.nesterov = true;
  // step 1: buf = g = 1, update g + 0.9 * buf = 1.9
  EXPECT_FLOAT_EQ(one_step(c, 1.0f, 1.0f), 1.0f - 0.19f);
}

TEST(Sgd, MaximizeNegatesTheGradientBeforeWeightDecay) {
  OptimConfig c = config(OptimKind::sgd, 0.1);
  c.weight_decay = 0.5;
  c.maximize = true;
  // d = -g + 0.5 * p = -1 + 1 = 0: climbing the gradient and decaying cancel out here
  EXPECT_FLOAT_EQ(one_step(c, 2.0f, 1.0f), 2.0f);
  c.maximize = false;
  EXPECT_FLOAT_EQ(one_step(c, 2.0f, 1.0f), 2.0f - 0.1f * 2.0f);
}

TEST(Sgd, WithoutMomentumKeepsNoState) {
  Optimizer opt(config(OptimKind::sgd, 0.1), 4);
  std::vector<float> p(4, 1.0f), g(4, 1.0f);
  opt.step(p.data(), g.data());
  EXPECT_TRUE(opt.state().empty());
  EXPECT_EQ(opt.steps(), 1);
}

TEST(Adam, FirstStepMovesEveryCoordinateByLrWhateverTheGradientScale) {
  const OptimConfig c = config(OptimKind::adam, 0.01);
  Optimizer opt(c, 4);
  std::vector<float> p{1, 1, 1, 1};
  const std::vector<float> g{1e-3f, 1.0f, 1e3f, -5.0f};
  opt.step(p.data(), g.data());
  // m^ = g and v^ = g^2 after bias correction: the step is lr * g / (|g| + eps)
  EXPECT_NEAR(p[0], 1 - 0.01, 1e-6);
  EXPECT_NEAR(p[1], 1 - 0.01, 1e-6);
  EXPECT_NEAR(p[2], 1 - 0.01, 1e-6);
  EXPECT_NEAR(p[3], 1 + 0.01, 1e-6);
}

TEST(Adam, EpsIsAddedAfterTheBiasCorrection) {
  OptimConfig c = config(OptimKind::adam, 1.0);
  c.eps = 0.1;
  // sqrt(v) / sqrt(1 - beta2) = |g| = 0.1, + eps = 0.2: the step is 0.1 / 0.2 = 0.5. Adding eps
  // before the correction would give (0.00316 + 0.1) / 0.0316 = 3.26 and a step of 0.03.
  EXPECT_NEAR(one_step(c, 0.0f, 0.1f), -0.5f, 1e-6);
}

TEST(Adam, AmsgradDividesByTheLargestRawSecondMoment) {
  OptimConfig c = config(OptimKind::adam, 0.1);
  c.amsgrad = true;
  Optimizer opt(c, 1);
  float p = 0.0f;
  float g = 1.0f;
  opt.step(&p, &g);
  g = 0.0f;
  opt.step(&p, &g);
  const double v1 = 0.001, v2 = 0.999 * 0.001;  // v shrinks with a zero gradient
  EXPECT_FLOAT_EQ(opt.find_state("exp_avg_sq")->values[0], static_cast<float>(v2));
  EXPECT_FLOAT_EQ(opt.find_state("max_exp_avg_sq")->values[0], static_cast<float>(v1));
  // step 2: max(v) = v1, divided by the step-2 correction
  const double m2 = 0.9 * 0.1;
  const double step1 = 0.1 / 0.1 * 0.1 / (std::sqrt(v1) / std::sqrt(0.001) + 1e-8);
  const double step2 =
      0.1 / (1 - 0.81) * m2 / (std::sqrt(v1) / std::sqrt(1 - 0.999 * 0.999) + 1e-8);
  EXPECT_NEAR(p, -(step1 + step2), 1e-6);
}

TEST(Adam, NanGradientSpoilsOnlyItsOwnElementAndStaysInTheMaximum) {
  OptimConfig c = config(OptimKind::adam, 0.1);
  c.amsgrad = true;
  Optimizer opt(c, 5);
  std::vector<float> p(5, 1.0f);
  std::vector<float> g{1, 1, NAN, 1, 1};
  opt.step(p.data(), g.data());
  g[2] = 1;
  opt.step(p.data(), g.data());
  for (int i : {0, 1, 3, 4}) EXPECT_TRUE(std::isfinite(p[i])) << i;
  EXPECT_TRUE(std::isnan(p[2]));
  // torch.maximum propagates NaN, so the running maximum keeps it
  EXPECT_TRUE(std::isnan(opt.find_state("max_exp_avg_sq")->values[2]));
}

TEST(Adam, StateAppearsAtTheFirstStep) {
  Optimizer opt(OptimConfig(OptimKind::adam), 3);
  EXPECT_TRUE(opt.state().empty());
  std::vector<float> p(3, 1.0f), g(3, 0.5f);
  opt.step(p.data(), g.data());
  ASSERT_EQ(opt.state().size(), 2u);
  EXPECT_EQ(opt.state()[0].name, "exp_avg");
  EXPECT_EQ(opt.state()[1].name, "exp_avg_sq");
}

TEST(AdamW, DecaysEveryCoordinateByTheSameFactor) {
  OptimConfig c = config(OptimKind::adamw, 0.1);
  c.weight_decay = 0.5;
  Optimizer opt(c, 2);
  std::vector<float> p{2.0f, -4.0f};
  const std::vector<float> g{0.0f, 0.0f};  // no gradient: only the decay acts
  for (int t = 0; t < 5; ++t) opt.step(p.data(), g.data());
  EXPECT_NEAR(p[0], 2.0 * std::pow(0.95, 5), 1e-6);
  EXPECT_NEAR(p[1], -4.0 * std::pow(0.95, 5), 1e-6);
}

TEST(AdamW, DefaultWeightDecayIs0_01AndAdamsIs0) {
  EXPECT_EQ(OptimConfig(OptimKind::adamw).weight_decay, 0.01);
  EXPECT_EQ(OptimConfig(OptimKind::adam).weight_decay, 0.0);
  EXPECT_EQ(*OptimConfig(OptimKind::adamw).lr, 1e-3);
  // lr 1e-3, decay 1e-2: with a zero gradient one step shrinks by 1 - 1e-5
  EXPECT_FLOAT_EQ(one_step(OptimConfig(OptimKind::adamw), 1.0f, 0.0f), 1.0f - 1e-5f);
}

TEST(AdamVsAdamW, AdamsL2TermIsRescaledByTheAdaptiveDenominator) {
  // Two coordinates at the same value, with gradients 1000x apart. AdamW shrinks both by the same
  // factor; Adam adds 0.1 * p to each gradient, which then moves the small-gradient one far more.
  auto run = [](OptimKind kind) {
    OptimConfig c = config(kind, 0.01);
    c.weight_decay = 0.1;
    Optimizer opt(c, 2);
    std::vector<float> p{1.0f, 1.0f};
    for (int t = 0; t < 50; ++t) {
      const std::vector<float> g{t % 2 ? 1.0f : -1.0f, t % 2 ? 1e-3f : -1e-3f};
      opt.step(p.data(), g.data());
    }
    return p;
  };
  const auto adamw = run(OptimKind::adamw);
  const auto adam = run(OptimKind::adam);
  EXPECT_NEAR(adamw[0], adamw[1], 1e-5);
  EXPECT_GT(adam[0] - adam[1], 0.2);  // the decay barely moves x, and drags y down
}

TEST(Adagrad, LearningRateDecaysAsLrOver1PlusStepMinus1TimesLrDecay) {
  OptimConfig c = config(OptimKind::adagrad, 1.0);
  c.lr_decay = 1.0;
  c.eps = 0;
  Optimizer opt(c, 1);
  float p = 0.0f;
  const float g = 1.0f;
  double want = 0;
  for (int t = 1; t <= 4; ++t) {
    opt.step(&p, &g);
    want -= (1.0 / t) / std::sqrt(static_cast<double>(t));  // clr_t / sqrt(sum_t)
    EXPECT_NEAR(p, want, 1e-6) << t;
  }
}

TEST(Adagrad, SumExistsFromTheConstructorAtTheInitialAccumulatorValue) {
  OptimConfig c = config(OptimKind::adagrad, 0.1);
  c.initial_accumulator_value = 0.25;
  Optimizer opt(c, 3);
  ASSERT_NE(opt.find_state("sum"), nullptr);
  EXPECT_EQ(opt.find_state("sum")->values, std::vector<float>(3, 0.25f));
  // the first step divides by sqrt(0.25 + g^2), not by |g|
  std::vector<float> p(3, 1.0f), g(3, 0.75f);
  opt.step(p.data(), g.data());
  EXPECT_FLOAT_EQ(opt.find_state("sum")->values[1], 0.8125f);
  EXPECT_NEAR(p[1], 1.0 - 0.1 * 0.75 / std::sqrt(0.8125), 1e-6);
}

TEST(Rmsprop, CenteredSubtractsTheSquaredMeanGradient) {
  OptimConfig c = config(OptimKind::rmsprop, 0.1);
  c.alpha = 0.5;
  c.centered = true;
  c.eps = 0;
  // square_avg = 0.5 * 4 = 2, grad_avg = 0.5 * 2 = 1, avg = sqrt(2 - 1) = 1: the step is lr * 2
  EXPECT_FLOAT_EQ(one_step(c, 0.0f, 2.0f), -0.2f);
  c.centered = false;  // avg = sqrt(2): the step is lr * 2 / sqrt(2)
  EXPECT_FLOAT_EQ(one_step(c, 0.0f, 2.0f), static_cast<float>(-0.2 / std::sqrt(2.0)));
}

TEST(Rmsprop, MomentumBufferAccumulatesScaledSteps) {
  OptimConfig c = config(OptimKind::rmsprop, 0.1);
  c.alpha = 0.0;  // square_avg = g^2: avg = |g|
  c.eps = 0;
  c.momentum = 0.5;
  Optimizer opt(c, 1);
  float p = 0.0f;
  const float g = 4.0f;
  opt.step(&p, &g);
  opt.step(&p, &g);
  // buf = 1, then 0.5 * 1 + 1 = 1.5; p = -0.1 * (1 + 1.5)
  EXPECT_FLOAT_EQ(opt.find_state("momentum_buffer")->values[0], 1.5f);
  EXPECT_FLOAT_EQ(p, -0.25f);
  const auto& s = opt.state();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].name, "square_avg");
  EXPECT_EQ(s[1].name, "momentum_buffer");
}

TEST(Optim, EmptyParameterStepsWithoutTouchingMemory) {
  for (const auto& [name, c] : all_options()) {
    Optimizer opt(c, 0);
    opt.step(nullptr, nullptr);
    EXPECT_EQ(opt.steps(), 1) << name;
  }
}

// ---- constructor messages ----------------------------------------------------------------------

TEST(OptimValidation, MessagesArePyTorchsWordForWord) {
  OptimConfig c = config(OptimKind::sgd, -1);
  EXPECT_EQ(refusal(c), "Invalid learning rate: -1.0");
  c = OptimConfig(OptimKind::sgd);
  EXPECT_EQ(refusal(c),
            "parameter group didn't specify a value of required optimization parameter lr");
  c.momentum = -0.5;  // the value checks come before the missing lr
  EXPECT_EQ(refusal(c), "Invalid momentum value: -0.5");
  c = config(OptimKind::sgd, 0.1);
  c.weight_decay = -1e-5;
  EXPECT_EQ(refusal(c), "Invalid weight_decay value: -1e-05");
  c = config(OptimKind::sgd, 0.1);
  c.nesterov = true;
  EXPECT_EQ(refusal(c), "Nesterov momentum requires a momentum and zero dampening");
  c.momentum = 0.9;
  c.dampening = 0.1;
  EXPECT_EQ(refusal(c), "Nesterov momentum requires a momentum and zero dampening");
  c.dampening = 0;
  EXPECT_EQ(refusal(c), "");

  c = OptimConfig(OptimKind::adam);
  c.beta1 = 1.0;
  EXPECT_EQ(refusal(c), "Invalid beta parameter at index 0: 1.0");
  c.beta1 = 0.9;
  c.beta2 = 1.0;
  EXPECT_EQ(refusal(c), "Invalid beta parameter at index 1: 1.0");
  c = OptimConfig(OptimKind::adamw);
  c.eps = -1e-8;
  EXPECT_EQ(refusal(c), "Invalid epsilon value: -1e-08");
  c = OptimConfig(OptimKind::adagrad);
  c.lr_decay = -1;
  EXPECT_EQ(refusal(c), "Invalid lr_decay value: -1.0");
  c = OptimConfig(OptimKind::adagrad);
  c.initial_accumulator_value = -0.1;
  EXPECT_EQ(refusal(c), "Invalid initial_accumulator_value value: -0.1");
  c = OptimConfig(OptimKind::rmsprop);
  c.alpha = -1;
  EXPECT_EQ(refusal(c), "Invalid alpha value: -1.0");
  c.alpha = 1.5;  // torch only checks alpha >= 0
  EXPECT_EQ(refusal(c), "");
}

TEST(OptimValidation, NanIsRefusedExceptWhereSgdComparesWithLessThan) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // `not 0.0 <= lr` refuses NaN; SGD's `lr < 0.0` lets it through
  EXPECT_EQ(refusal(config(OptimKind::adam, nan)), "Invalid learning rate: nan");
  EXPECT_EQ(refusal(config(OptimKind::sgd, nan)), "");
  OptimConfig c = config(OptimKind::sgd, 0.1);
  c.momentum = nan;
  c.nesterov = true;  // `momentum <= 0` is false for NaN
  EXPECT_EQ(refusal(c), "");
  c = OptimConfig(OptimKind::adam);
  c.beta1 = nan;
  EXPECT_EQ(refusal(c), "Invalid beta parameter at index 0: nan");
  c = OptimConfig(OptimKind::rmsprop);
  c.alpha = nan;
  EXPECT_EQ(refusal(c), "Invalid alpha value: nan");
  c = OptimConfig(OptimKind::adam);
  c.lr = std::numeric_limits<double>::infinity();
  EXPECT_EQ(refusal(c), "");
}

TEST(OptimValidation, KeywordsAreTheTorchOptimClasses) {
  using normlab::optim_arg_type;
  using normlab::OptimArgType;
  EXPECT_EQ(optim_arg_type(OptimKind::adam, "betas"), OptimArgType::pair);
  EXPECT_EQ(optim_arg_type(OptimKind::sgd, "nesterov"), OptimArgType::flag);
  EXPECT_EQ(optim_arg_type(OptimKind::adagrad, "initial_accumulator_value"), OptimArgType::number);
  EXPECT_EQ(optim_arg_type(OptimKind::rmsprop, "foreach"), OptimArgType::flag);
  auto message = [](OptimKind kind, const std::string& keyword) {
    try {
      optim_arg_type(kind, keyword);
    } catch (const normlab::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(message(OptimKind::adam, "momentum"),
            "Adam.__init__() got an unexpected keyword argument 'momentum'");
  EXPECT_EQ(message(OptimKind::sgd, "betas"),
            "SGD.__init__() got an unexpected keyword argument 'betas'");
  EXPECT_EQ(message(OptimKind::rmsprop, "amsgrad"),
            "RMSprop.__init__() got an unexpected keyword argument 'amsgrad'");
  EXPECT_EQ(message(OptimKind::adagrad, "momentum"),
            "Adagrad.__init__() got an unexpected keyword argument 'momentum'");
  EXPECT_NE(message(OptimKind::adam, "fused").find("NormLab does not have"), std::string::npos);
  EXPECT_THROW(normlab::optim_kind("lamb"), normlab::Error);
  EXPECT_EQ(normlab::optim_kind("rmsprop"), OptimKind::rmsprop);
}

TEST(OptimValidation, DefaultsArePyTorchs) {
  EXPECT_FALSE(OptimConfig(OptimKind::sgd).lr.has_value());
  EXPECT_EQ(*OptimConfig(OptimKind::adam).lr, 1e-3);
  EXPECT_EQ(*OptimConfig(OptimKind::adagrad).lr, 1e-2);
  EXPECT_EQ(OptimConfig(OptimKind::adagrad).eps, 1e-10);
  EXPECT_EQ(*OptimConfig(OptimKind::rmsprop).lr, 1e-2);
  EXPECT_EQ(OptimConfig(OptimKind::rmsprop).alpha, 0.99);
  EXPECT_EQ(OptimConfig(OptimKind::rmsprop).eps, 1e-8);
  EXPECT_EQ(OptimConfig(OptimKind::adam).beta2, 0.999);
}
