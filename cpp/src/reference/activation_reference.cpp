#include "activation_reference.hpp"

#include <string>
#include <xtensor/xmath.hpp>

namespace normlab::reference {

xt::xarray<double> activation(const xt::xarray<double>& x, const char* name, double gamma,
                              double beta) {
  const xt::xarray<double> z = gamma * x + beta;
  if (std::string(name) == "sigmoid") return 1.0 / (1.0 + xt::exp(-z));
  return xt::tanh(z);
}

xt::xarray<double> activation_slope(const xt::xarray<double>& x, const char* name, double gamma,
                                    double beta) {
  const xt::xarray<double> f = activation(x, name, gamma, beta);
  if (std::string(name) == "sigmoid") return f * (1.0 - f);
  return 1.0 - f * f;
}

}  // namespace normlab::reference
