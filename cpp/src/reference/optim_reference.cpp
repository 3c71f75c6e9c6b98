#include "optim_reference.hpp"

#include <cmath>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

namespace normlab::reference {

OptimizerReference::OptimizerReference(const OptimConfig& config, size_t numel)
    : c_(config), lr_(config.lr.value_or(0.0)), numel_(numel) {
  if (c_.kind == OptimKind::adagrad) {
    state_["sum"] = xt::xarray<double>(std::vector<size_t>{numel_}, c_.initial_accumulator_value);
  }
}

void OptimizerReference::step(xt::xarray<double>& param, const xt::xarray<double>& grad_in) {
  ++steps_;
  const double t = steps_;
  const std::vector<size_t> shape{numel_};
  auto zeros = [&] { return xt::xarray<double>(xt::zeros<double>(shape)); };
  xt::xarray<double> g = c_.maximize ? xt::xarray<double>(-grad_in) : grad_in;

  switch (c_.kind) {
    case OptimKind::sgd: {
      if (c_.weight_decay != 0) g = g + c_.weight_decay * param;
      if (c_.momentum != 0) {
        auto it = state_.find("momentum_buffer");
        if (it == state_.end()) {
          state_["momentum_buffer"] = g;  // the first buffer is the gradient, undamped
        } else {
          it->second = c_.momentum * it->second + (1 - c_.dampening) * g;
        }
        const xt::xarray<double>& buf = state_["momentum_buffer"];
        g = c_.nesterov ? xt::xarray<double>(g + c_.momentum * buf) : buf;
      }
      param = param - lr_ * g;
      return;
    }
    case OptimKind::adam:
    case OptimKind::adamw: {
      if (steps_ == 1) {
        state_["exp_avg"] = zeros();
        state_["exp_avg_sq"] = zeros();
        if (c_.amsgrad) state_["max_exp_avg_sq"] = zeros();
      }
      if (c_.kind == OptimKind::adamw) {
        param = param * (1 - lr_ * c_.weight_decay);
      } else if (c_.weight_decay != 0) {
        g = g + c_.weight_decay * param;
      }
      auto& m = state_["exp_avg"];
      auto& v = state_["exp_avg_sq"];
      m = c_.beta1 * m + (1 - c_.beta1) * g;
      v = c_.beta2 * v + (1 - c_.beta2) * g * g;
      xt::xarray<double> second = v;
      if (c_.amsgrad) {
        auto& vmax = state_["max_exp_avg_sq"];
        vmax = xt::maximum(vmax, v);
        second = vmax;
      }
      const double bias_correction1 = 1 - std::pow(c_.beta1, t);
      const double bias_correction2 = 1 - std::pow(c_.beta2, t);
      const xt::xarray<double> denom = xt::sqrt(second) / std::sqrt(bias_correction2) + c_.eps;
      param = param - (lr_ / bias_correction1) * m / denom;
      return;
    }
    case OptimKind::adagrad: {
      if (c_.weight_decay != 0) g = g + c_.weight_decay * param;
      const double clr = lr_ / (1 + (t - 1) * c_.lr_decay);
      auto& sum = state_["sum"];
      sum = sum + g * g;
      param = param - clr * g / (xt::sqrt(sum) + c_.eps);
      return;
    }
    case OptimKind::rmsprop: {
      if (steps_ == 1) {
        state_["square_avg"] = zeros();
        if (c_.momentum > 0) state_["momentum_buffer"] = zeros();
        if (c_.centered) state_["grad_avg"] = zeros();
      }
      if (c_.weight_decay != 0) g = g + c_.weight_decay * param;
      auto& sq = state_["square_avg"];
      sq = c_.alpha * sq + (1 - c_.alpha) * g * g;
      xt::xarray<double> avg;
      if (c_.centered) {
        auto& ga = state_["grad_avg"];
        ga = c_.alpha * ga + (1 - c_.alpha) * g;
        avg = xt::sqrt(sq - ga * ga) + c_.eps;
      } else {
        avg = xt::sqrt(sq) + c_.eps;
      }
      if (c_.momentum > 0) {
        auto& buf = state_["momentum_buffer"];
        buf = c_.momentum * buf + g / avg;
        param = param - lr_ * buf;
      } else {
        param = param - lr_ * g / avg;
      }
      return;
    }
  }
}

}  // namespace normlab::reference
