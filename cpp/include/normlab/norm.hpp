// Normalization layers: y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias.
//
// Every norm is "moments over a view, then a per-row or per-channel scale and shift":
//   LayerNorm      rows = prod(leading dims), cols = prod(normalized_shape)
//   InstanceNorm   rows = N * C,              cols = spatial
//   GroupNorm      rows = N * G,              cols = (C / G) * spatial
//   BatchNorm      per channel c, over the N slabs of `spatial` elements of the view (N, C, S)
// The kernels below are plain functions on raw buffers (outputs first, then inputs, then sizes).
// NormModule above them owns parameters and running statistics, checks shapes, and raises the
// message PyTorch raises.
//
// Means are kept in double: with mean 1e4 and std 1e-2 a float mean is off by half an ulp (5e-4),
// which is 5% of a standard deviation. The hot loops stay in float (see moments.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "normlab/shape.hpp"

namespace normlab {

// ---- kernels ------------------------------------------------------------------------------------

// mean[rows] and biased var[rows] of each row of x[rows, cols].
void row_moments(double* mean, float* var, const float* x, int64_t rows, int64_t cols);

// https://pytorch.org/docs/1.13/generated/torch.nn.LayerNorm.html
// y[rows, cols], mean[rows], rstd[rows] from x[rows, cols], weight[cols] and bias[cols] (either may
// be null: no affine, or no bias).
void layer_norm_forward(float* y, double* mean, float* rstd, const float* x, const float* weight,
                        const float* bias, int64_t rows, int64_t cols, float eps);

// grad_input[rows, cols] from grad_output[rows, cols], x[rows, cols], the forward's mean[rows] and
// rstd[rows], and weight[cols] (null: no affine). grad_weight[cols] and grad_bias[cols] (either may
// be null) are overwritten with their sums over the rows.
void layer_norm_backward(float* grad_input, float* grad_weight, float* grad_bias,
                         const float* grad_output, const float* x, const double* mean,
                         const float* rstd, const float* weight, int64_t rows, int64_t cols);

// ---- modules ------------------------------------------------------------------------------------

enum class NormKind { batch_norm, layer_norm, instance_norm, group_norm };

// The constructor arguments of the torch.nn module, named as in torch.nn.
struct NormConfig {
  NormKind kind = NormKind::layer_norm;
  int dims = 2;              // BatchNorm/InstanceNorm 1d, 2d, 3d
  int64_t num_features = 0;  // BatchNorm, InstanceNorm; GroupNorm's num_channels
  int64_t num_groups = 1;    // GroupNorm
  Shape normalized_shape;    // LayerNorm
  double eps = 1e-5;
  std::optional<double> momentum = 0.1;  // nullopt: cumulative moving average
  bool affine = true;                    // LayerNorm: elementwise_affine
  bool bias = true;                      // LayerNorm only: bias=False drops the bias parameter
  bool track_running_stats = true;       // BatchNorm (true by default), InstanceNorm (false)
};

using NamedShapes = std::vector<std::pair<std::string, Shape>>;

// Which elements share a mean and variance: group[i] for every element of the input, in
// row-major order, and how many groups (mean/variance computations) there are.
struct StatsPlan {
  int64_t stat_count = 0;
  std::vector<int32_t> group;
};

class NormModule {
 public:
  // Throws Error with PyTorch's message when the module cannot be built.
  explicit NormModule(const NormConfig& config);

  const NormConfig& config() const { return config_; }
  bool training() const { return training_; }
  void set_training(bool training) { training_ = training; }

  // As named_parameters() and named_buffers() list them.
  NamedShapes parameter_shapes() const;
  NamedShapes buffer_shapes() const;

  // Learnable parameters and their gradients; empty when the module has none.
  std::vector<float>& weight() { return weight_; }
  std::vector<float>& bias() { return bias_; }
  const std::vector<float>& grad_weight() const { return grad_weight_; }
  const std::vector<float>& grad_bias() const { return grad_bias_; }

  // Throws Error with PyTorch's message when `shape` is not a valid input; nothing changes then.
  void check_input(const Shape& shape) const;

  StatsPlan plan(const Shape& shape) const;

  // y has numel(shape) elements. On success the statistics of this call are kept (stat_mean(),
  // stat_rstd()) along with what backward() needs; on failure nothing changes.
  void forward(float* y, const float* x, const Shape& shape);

  // After forward(): grad_input (numel of its shape) from grad_output, and grad_weight() and
  // grad_bias() overwritten, as autograd would leave them after zero_grad() and backward().
  void backward(float* grad_input, const float* grad_output);

  // Per statistics group of the last forward(): the mean and 1/sqrt(var + eps) it normalized with.
  const std::vector<double>& stat_mean() const { return mean_; }
  const std::vector<float>& stat_rstd() const { return rstd_; }
  int64_t stat_count() const { return static_cast<int64_t>(mean_.size()); }

 private:
  NormConfig config_;
  bool training_ = true;
  std::vector<float> weight_, bias_, grad_weight_, grad_bias_;
  std::vector<double> mean_;
  std::vector<float> rstd_;
  Shape last_shape_;
  std::vector<float> last_input_;
  bool has_forward_ = false;
};

}  // namespace normlab
