// Training memory that grows with the parameter count (curriculum chapter 10): the weights, their
// gradients, fp32 master weights under mixed precision, and every state buffer the optimizer
// keeps, each as large as the parameters. Activations depend on the batch and are not counted;
// neither is the per-tensor "step" scalar, which does not grow with the parameters.
#include "normlab/error.hpp"
#include "normlab/optim/optimizer.hpp"

namespace normlab {

namespace {

// A bound well past any real model that keeps every byte count exact in a double (2^53) on the JS
// side: at most 2 + 2 + 4 + 3 * 4 = 20 bytes per parameter.
constexpr int64_t kMaxParams = int64_t{1} << 48;

}  // namespace

Precision precision_from(const std::string& name) {
  if (name == "fp32") return Precision::fp32;
  if (name == "fp16-mixed") return Precision::fp16_mixed;
  if (name == "bf16-mixed") return Precision::bf16_mixed;
  fail("unknown precision: " + name + " (expected fp32, fp16-mixed or bf16-mixed)");
}

OptimizerMemory optimizer_memory(int64_t params, Precision precision, const OptimConfig& config) {
  if (params < 0 || params > kMaxParams) {
    fail("the parameter count must be between 0 and " + std::to_string(kMaxParams) + ", got " +
         std::to_string(params));
  }
  check_optim_config(config);
  // Mixed precision computes in 16 bits but updates an fp32 master copy, and the optimizer's
  // state lives next to that copy in fp32: only the weights and gradients shrink.
  const bool mixed = precision != Precision::fp32;
  const int64_t working = mixed ? 2 : 4;
  OptimizerMemory m;
  m.parameters = params * working;
  m.gradients = params * working;
  m.master_weights = mixed ? params * 4 : 0;
  m.total = m.parameters + m.gradients + m.master_weights;
  for (const std::string& name : optim_state_names(config)) {
    m.state.emplace_back(name, params * 4);
    m.total += params * 4;
  }
  return m;
}

}  // namespace normlab
