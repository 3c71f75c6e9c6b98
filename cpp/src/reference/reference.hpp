// Plainly written reference implementations on xtensor, in double. They are slow and obviously
// right; the tests hold the fast kernels against them. Not linked into the Wasm module.
#pragma once

#include <xtensor/xarray.hpp>

#include "normlab/shape.hpp"

namespace normlab::reference {

// LayerNorm over the last normalized_ndim axes of x; weight and bias of the normalized shape, or
// 0-d arrays (the default) for none.
xt::xarray<double> layer_norm(const xt::xarray<double>& x, size_t normalized_ndim,
                              const xt::xarray<double>& weight, const xt::xarray<double>& bias,
                              double eps);

// The channel norms on x[N, C, S]; weight[C] and bias[C], or 0-d arrays for none.
// BatchNorm with the batch's statistics (training): mean and biased variance over N and S.
xt::xarray<double> batch_norm(const xt::xarray<double>& x, const xt::xarray<double>& weight,
                              const xt::xarray<double>& bias, double eps);

// BatchNorm with given statistics mean[C] and var[C] (eval mode with running statistics).
xt::xarray<double> batch_norm_eval(const xt::xarray<double>& x, const xt::xarray<double>& mean,
                                   const xt::xarray<double>& var, const xt::xarray<double>& weight,
                                   const xt::xarray<double>& bias, double eps);

// GroupNorm with `groups` groups of C / groups channels; InstanceNorm is groups == C.
xt::xarray<double> group_norm(const xt::xarray<double>& x, size_t groups,
                              const xt::xarray<double>& weight, const xt::xarray<double>& bias,
                              double eps);

}  // namespace normlab::reference
