// Optimizers: the update rules of torch.optim in PyTorch 1.13, computed the way its single-tensor
// functions (_single_tensor_sgd, _single_tensor_adam, ...) compute them, on flat float32 arrays.
//
// Each rule is one fused pass over param, grad and the state buffers (cpp/src/optim/sgd.cpp,
// adam.cpp, ...). The scalars a step needs (bias corrections, the decayed learning rate) are
// computed once per step in double, as Python computes them, and rounded to float once, as torch
// does when it applies a Python float to a float32 tensor. Optimizer above the kernels keeps the
// state and the step count and raises the message torch.optim's constructor raises.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace normlab {

enum class OptimKind { sgd, adam, adamw, adagrad, rmsprop };

// "sgd", "adam", "adamw", "adagrad", "rmsprop"; anything else throws Error.
OptimKind optim_kind(const std::string& op);
const char* optim_op(OptimKind kind);
// The torch.optim class: "SGD", "Adam", "AdamW", "Adagrad", "RMSprop".
const char* optim_class_name(OptimKind kind);

// The keyword arguments of the torch.optim constructor, with PyTorch's defaults for `kind`
// (AdamW's weight_decay is 1e-2, Adagrad's eps 1e-10, ...). lr is empty only for SGD, where
// PyTorch requires it. Fields that `kind` has no keyword for are ignored.
struct OptimConfig {
  explicit OptimConfig(OptimKind kind);

  OptimKind kind;
  std::optional<double> lr;
  double momentum = 0;      // SGD, RMSprop
  double dampening = 0;     // SGD
  bool nesterov = false;    // SGD
  double weight_decay = 0;  // all; AdamW decouples it
  bool maximize = false;    // all
  double beta1 = 0.9;       // Adam, AdamW: betas
  double beta2 = 0.999;
  double eps = 1e-8;                     // Adam, AdamW, Adagrad, RMSprop
  bool amsgrad = false;                  // Adam, AdamW
  double lr_decay = 0;                   // Adagrad
  double initial_accumulator_value = 0;  // Adagrad
  double alpha = 0.99;                   // RMSprop
  bool centered = false;                 // RMSprop
};

// How a keyword argument's value is spelled: a number, a bool, or a pair of numbers (betas).
enum class OptimArgType { number, flag, pair };

// The type of `keyword` for the torch.optim class of `kind`. Throws Error with Python's message
// when the class has no such argument: "Adam.__init__() got an unexpected keyword argument
// 'momentum'".
OptimArgType optim_arg_type(OptimKind kind, const std::string& keyword);

// Set one keyword argument (checked with optim_arg_type first; the value is not range-checked
// here: check_optim_config does that, as the constructor does).
void set_optim_number(OptimConfig& config, const std::string& keyword, double value);
void set_optim_flag(OptimConfig& config, const std::string& keyword, bool value);
void set_optim_pair(OptimConfig& config, const std::string& keyword, double first, double second);

// The value checks of the torch.optim constructor, in its order and with its messages
// ("Invalid learning rate: -1.0", "Invalid beta parameter at index 0: 1.0", ...). SGD's missing
// lr is not checked here: PyTorch only notices it after these checks (see Optimizer).
void check_optim_config(const OptimConfig& config);

// The state buffers `config` keeps for one parameter, named and ordered as optimizer.state[p]
// has them after a step (the scalar "step" counter is not a buffer).
std::vector<std::string> optim_state_names(const OptimConfig& config);

// ---- kernels ------------------------------------------------------------------------------------
// Each kernel updates param[n] and its state buffers[n] in place from grad[n]. The scalar structs
// hold the per-step values, already rounded to float the way torch rounds a Python float.

// https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html
struct SgdScalars {
  float neg_lr = 0;
  float weight_decay = 0;
  float momentum = 0;
  float one_minus_dampening = 1;
  bool decay = false;  // weight_decay != 0
  bool nesterov = false;
  bool maximize = false;
  bool first_step = false;  // the momentum buffer starts as the gradient itself, undamped
};
// momentum_buffer is null when momentum == 0.
void sgd_update(float* param, float* momentum_buffer, const float* grad, int64_t n,
                const SgdScalars& s);

// https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html
// https://pytorch.org/docs/1.13/generated/torch.optim.AdamW.html
struct AdamScalars {
  float beta1 = 0, one_minus_beta1 = 0, beta2 = 0, one_minus_beta2 = 0;
  float weight_decay = 0;           // Adam: added to the gradient (an L2 term) when l2
  float decay_factor = 1;           // AdamW: param *= 1 - lr * weight_decay before the update
  float bias_correction2_sqrt = 1;  // sqrt(1 - beta2^step)
  float neg_step_size = 0;          // -lr / (1 - beta1^step)
  float eps = 0;
  bool l2 = false;
  bool decoupled = false;
  bool maximize = false;
};
// max_exp_avg_sq is null unless amsgrad.
void adam_update(float* param, float* exp_avg, float* exp_avg_sq, float* max_exp_avg_sq,
                 const float* grad, int64_t n, const AdamScalars& s);

// https://pytorch.org/docs/1.13/generated/torch.optim.Adagrad.html
struct AdagradScalars {
  float neg_clr = 0;  // -lr / (1 + (step - 1) * lr_decay)
  float weight_decay = 0;
  float eps = 0;
  bool decay = false;
  bool maximize = false;
};
void adagrad_update(float* param, float* sum, const float* grad, int64_t n,
                    const AdagradScalars& s);

// https://pytorch.org/docs/1.13/generated/torch.optim.RMSprop.html
struct RmspropScalars {
  float neg_lr = 0;
  float alpha = 0, one_minus_alpha = 0;
  float eps = 0;
  float weight_decay = 0;
  float momentum = 0;
  bool decay = false;
  bool maximize = false;
};
// grad_avg is null unless centered; momentum_buffer is null unless momentum > 0.
void rmsprop_update(float* param, float* square_avg, float* grad_avg, float* momentum_buffer,
                    const float* grad, int64_t n, const RmspropScalars& s);

// ---- optimizer ----------------------------------------------------------------------------------

// One state buffer of optimizer.state[p], e.g. {"exp_avg", m}.
struct StateBuffer {
  std::string name;
  std::vector<float> values;
};

// torch.optim.X([p], **config) for one parameter of numel elements. The parameter itself stays
// with the caller: step() updates it in place, as optimizer.step() updates p.
class Optimizer {
 public:
  // Throws Error with PyTorch's message when the constructor would refuse the arguments.
  Optimizer(const OptimConfig& config, int64_t numel);

  const OptimConfig& config() const { return config_; }
  int64_t numel() const { return numel_; }
  // How many times step() has run (torch keeps it as state["step"]; SGD keeps none).
  int64_t steps() const { return steps_; }

  // One optimizer.step() with p.grad = grad: param[numel] is updated in place.
  void step(float* param, const float* grad);

  // The buffers torch holds at this point: empty before the first step, except Adagrad's sum,
  // which its constructor creates.
  const std::vector<StateBuffer>& state() const { return state_; }
  // The buffer called `name`, or null.
  const StateBuffer* find_state(const std::string& name) const;

 private:
  float* buffer(const char* name);
  void create_state();

  OptimConfig config_;
  double lr_;
  int64_t numel_;
  int64_t steps_ = 0;
  std::vector<StateBuffer> state_;
};

// ---- memory -------------------------------------------------------------------------------------

// fp32: weights, gradients and state in float32. Mixed precision: fp16/bf16 weights and
// gradients, plus float32 master weights, and the state in float32.
enum class Precision { fp32, fp16_mixed, bf16_mixed };

// "fp32", "fp16-mixed", "bf16-mixed"; anything else throws Error.
Precision precision_from(const std::string& name);

// Bytes of training memory that scale with the parameter count (activations are not counted).
struct OptimizerMemory {
  int64_t parameters = 0;
  int64_t gradients = 0;
  int64_t master_weights = 0;  // 0 in fp32
  std::vector<std::pair<std::string, int64_t>> state;
  int64_t total = 0;
};

// For `params` parameters: Adam in fp32 keeps parameters + gradients + exp_avg + exp_avg_sq =
// 4 x 4 bytes per parameter. Throws Error for a negative or absurdly large count, or with
// PyTorch's message for arguments its constructor refuses.
OptimizerMemory optimizer_memory(int64_t params, Precision precision, const OptimConfig& config);

}  // namespace normlab
