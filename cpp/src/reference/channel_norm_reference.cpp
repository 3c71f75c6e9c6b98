#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xreducer.hpp>
#include <xtensor/xview.hpp>

#include "reference.hpp"

namespace normlab::reference {

namespace {

// weight[C] and bias[C] on x[N, C, S]; 0-d arrays mean none.
xt::xarray<double> per_channel_affine(xt::xarray<double> y, const xt::xarray<double>& weight,
                                      const xt::xarray<double>& bias) {
  const size_t c = y.shape()[1];
  if (weight.dimension() > 0) y = y * xt::reshape_view(weight, {size_t{1}, c, size_t{1}});
  if (bias.dimension() > 0) y = y + xt::reshape_view(bias, {size_t{1}, c, size_t{1}});
  return y;
}

}  // namespace

xt::xarray<double> batch_norm(const xt::xarray<double>& x, const xt::xarray<double>& weight,
                              const xt::xarray<double>& bias, double eps) {
  const xt::xarray<double> mean = xt::mean(x, {0, 2}, xt::keep_dims);
  const xt::xarray<double> var = xt::mean(xt::square(x - mean), {0, 2}, xt::keep_dims);
  return per_channel_affine((x - mean) / xt::sqrt(var + eps), weight, bias);
}

xt::xarray<double> batch_norm_eval(const xt::xarray<double>& x, const xt::xarray<double>& mean,
                                   const xt::xarray<double>& var, const xt::xarray<double>& weight,
                                   const xt::xarray<double>& bias, double eps) {
  const size_t c = x.shape()[1];
  const auto m = xt::reshape_view(mean, {size_t{1}, c, size_t{1}});
  const auto v = xt::reshape_view(var, {size_t{1}, c, size_t{1}});
  return per_channel_affine((x - m) / xt::sqrt(v + eps), weight, bias);
}

xt::xarray<double> group_norm(const xt::xarray<double>& x, size_t groups,
                              const xt::xarray<double>& weight, const xt::xarray<double>& bias,
                              double eps) {
  const auto shape = x.shape();
  const size_t n = shape[0], c = shape[1], s = shape[2];
  const xt::xarray<double> g = xt::reshape_view(x, {n, groups, c / groups * s});
  const xt::xarray<double> mean = xt::mean(g, {2}, xt::keep_dims);
  const xt::xarray<double> var = xt::mean(xt::square(g - mean), {2}, xt::keep_dims);
  const xt::xarray<double> y = (g - mean) / xt::sqrt(var + eps);
  return per_channel_affine(xt::reshape_view(y, {n, c, s}), weight, bias);
}

}  // namespace normlab::reference
