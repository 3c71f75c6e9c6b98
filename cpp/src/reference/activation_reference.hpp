// The activation curve written plainly on xtensor, in double, for the tests of activation.cpp.
#pragma once

#include <xtensor/xarray.hpp>

namespace normlab::reference {

// sigmoid or tanh (by name) of gamma * x + beta, and its derivative with respect to gamma * x +
// beta.
xt::xarray<double> activation(const xt::xarray<double>& x, const char* name, double gamma,
                              double beta);
xt::xarray<double> activation_slope(const xt::xarray<double>& x, const char* name, double gamma,
                                    double beta);

}  // namespace normlab::reference
