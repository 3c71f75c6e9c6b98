#include <gtest/gtest.h>

#include <map>

#include "normlab/error.hpp"
#include "normlab/optim/optimizer.hpp"

using normlab::OptimConfig;
using normlab::OptimizerMemory;
using normlab::OptimKind;
using normlab::Precision;

namespace {

std::map<std::string, int64_t> state_of(const OptimizerMemory& m) {
  return {m.state.begin(), m.state.end()};
}

OptimizerMemory memory(int64_t n, Precision p, const OptimConfig& c) {
  return normlab::optimizer_memory(n, p, c);
}

}  // namespace

TEST(OptimMemory, AdamInFp32IsFourTimesTheParameters) {
  const int64_t n = 1000;
  for (OptimKind kind : {OptimKind::adam, OptimKind::adamw}) {
    const OptimizerMemory m = memory(n, Precision::fp32, OptimConfig(kind));
    EXPECT_EQ(m.parameters, 4 * n);
    EXPECT_EQ(m.gradients, 4 * n);
    EXPECT_EQ(m.master_weights, 0);
    EXPECT_EQ(state_of(m),
              (std::map<std::string, int64_t>{{"exp_avg", 4 * n}, {"exp_avg_sq", 4 * n}}));
    EXPECT_EQ(m.total, 4 * (4 * n));  // parameters + gradients + m + v
  }
}

TEST(OptimMemory, SgdIsTwiceWithoutMomentumAndThreeTimesWithIt) {
  OptimConfig c(OptimKind::sgd);  // no lr: memory does not depend on it
  EXPECT_EQ(memory(10, Precision::fp32, c).total, 2 * 40);
  EXPECT_TRUE(memory(10, Precision::fp32, c).state.empty());
  c.momentum = 0.9;
  const OptimizerMemory m = memory(10, Precision::fp32, c);
  EXPECT_EQ(m.total, 3 * 40);
  ASSERT_EQ(m.state.size(), 1u);
  EXPECT_EQ(m.state[0].first, "momentum_buffer");
}

TEST(OptimMemory, OtherRulesCountTheBuffersTheyKeep) {
  const int64_t n = 7;
  OptimConfig adam(OptimKind::adam);
  adam.amsgrad = true;
  EXPECT_EQ(memory(n, Precision::fp32, adam).total, 5 * 4 * n);
  EXPECT_EQ(memory(n, Precision::fp32, adam).state.back().first, "max_exp_avg_sq");
  EXPECT_EQ(memory(n, Precision::fp32, OptimConfig(OptimKind::adagrad)).total, 3 * 4 * n);
  OptimConfig rms(OptimKind::rmsprop);
  EXPECT_EQ(memory(n, Precision::fp32, rms).total, 3 * 4 * n);
  rms.momentum = 0.9;
  rms.centered = true;
  const OptimizerMemory m = memory(n, Precision::fp32, rms);
  EXPECT_EQ(m.total, 5 * 4 * n);
  ASSERT_EQ(m.state.size(), 3u);
  EXPECT_EQ(m.state[0].first, "square_avg");
  EXPECT_EQ(m.state[1].first, "momentum_buffer");
  EXPECT_EQ(m.state[2].first, "grad_avg");
}

TEST(OptimMemory, MixedPrecisionKeepsFp32MasterWeightsAndState) {
  const int64_t n = 1000;
  for (Precision p : {Precision::fp16_mixed, Precision::bf16_mixed}) {
    const OptimizerMemory m = memory(n, p, OptimConfig(OptimKind::adam));
    EXPECT_EQ(m.parameters, 2 * n);
    EXPECT_EQ(m.gradients, 2 * n);
    EXPECT_EQ(m.master_weights, 4 * n);
    EXPECT_EQ(state_of(m).at("exp_avg"), 4 * n);
    EXPECT_EQ(state_of(m).at("exp_avg_sq"), 4 * n);
    EXPECT_EQ(m.total, 16 * n);  // 2 + 2 + 4 + 4 + 4 bytes per parameter
  }
  OptimConfig sgd(OptimKind::sgd);
  EXPECT_EQ(memory(n, Precision::bf16_mixed, sgd).total, 8 * n);
}

TEST(OptimMemory, SevenBillionParametersUnderAdam) {
  const OptimizerMemory m = memory(7'000'000'000, Precision::fp32, OptimConfig(OptimKind::adam));
  EXPECT_EQ(m.total, 112'000'000'000);
}

TEST(OptimMemory, CountsTheBuffersTheOptimizerActuallyKeeps) {
  // the accounting and the kernels' state come from the same list: step once and compare
  std::vector<OptimConfig> configs;
  for (OptimKind kind : {OptimKind::sgd, OptimKind::adam, OptimKind::adamw, OptimKind::adagrad,
                         OptimKind::rmsprop}) {
    OptimConfig c(kind);
    c.lr = 0.1;
    configs.push_back(c);
    c.momentum = kind == OptimKind::sgd || kind == OptimKind::rmsprop ? 0.9 : 0;
    c.amsgrad = true;
    c.centered = true;
    configs.push_back(c);
  }
  for (const OptimConfig& c : configs) {
    normlab::Optimizer opt(c, 5);
    std::vector<float> p(5, 1.0f), g(5, 1.0f);
    opt.step(p.data(), g.data());
    const OptimizerMemory m = memory(5, Precision::fp32, c);
    ASSERT_EQ(m.state.size(), opt.state().size()) << normlab::optim_op(c.kind);
    for (size_t i = 0; i < m.state.size(); ++i) {
      EXPECT_EQ(m.state[i].first, opt.state()[i].name);
      EXPECT_EQ(m.state[i].second, 4 * static_cast<int64_t>(opt.state()[i].values.size()));
    }
  }
}

TEST(OptimMemory, RefusesWhatTheConstructorRefusesAndBadCounts) {
  OptimConfig c(OptimKind::adam);
  c.lr = -1;
  EXPECT_THROW(
      {
        try {
          memory(10, Precision::fp32, c);
        } catch (const normlab::Error& e) {
          EXPECT_STREQ(e.what(), "Invalid learning rate: -1.0");
          throw;
        }
      },
      normlab::Error);
  EXPECT_THROW(memory(-1, Precision::fp32, OptimConfig(OptimKind::adam)), normlab::Error);
  EXPECT_THROW(memory(int64_t{1} << 50, Precision::fp32, OptimConfig(OptimKind::adam)),
               normlab::Error);
  EXPECT_EQ(memory(0, Precision::fp32, OptimConfig(OptimKind::adam)).total, 0);
}

TEST(OptimMemory, PrecisionNames) {
  EXPECT_EQ(normlab::precision_from("fp32"), Precision::fp32);
  EXPECT_EQ(normlab::precision_from("fp16-mixed"), Precision::fp16_mixed);
  EXPECT_EQ(normlab::precision_from("bf16-mixed"), Precision::bf16_mixed);
  EXPECT_THROW(normlab::precision_from("fp8"), normlab::Error);
}
