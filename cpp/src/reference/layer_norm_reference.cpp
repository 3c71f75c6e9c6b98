#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xreducer.hpp>

#include "reference.hpp"

namespace normlab::reference {

xt::xarray<double> layer_norm(const xt::xarray<double>& x, size_t normalized_ndim,
                              const xt::xarray<double>& weight, const xt::xarray<double>& bias,
                              double eps) {
  std::vector<size_t> axes;
  for (size_t a = x.dimension() - normalized_ndim; a < x.dimension(); ++a) axes.push_back(a);
  const xt::xarray<double> mean = xt::mean(x, axes, xt::keep_dims);
  const xt::xarray<double> var = xt::mean(xt::square(x - mean), axes, xt::keep_dims);
  xt::xarray<double> y = (x - mean) / xt::sqrt(var + eps);
  if (weight.dimension() > 0) y = y * weight;
  if (bias.dimension() > 0) y = y + bias;
  return y;
}

}  // namespace normlab::reference
