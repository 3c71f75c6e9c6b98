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

}  // namespace normlab::reference
