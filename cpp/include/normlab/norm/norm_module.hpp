// Normalization layers: y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias.
//
// Every norm is "moments over a view, then a per-row or per-channel scale and shift":
//   LayerNorm      rows = prod(leading dims), cols = prod(normalized_shape)
//   InstanceNorm   rows = N * C,              cols = spatial
//   GroupNorm      rows = N * G,              cols = (C / G) * spatial
//   BatchNorm      per channel c, over the N slabs of `spatial` elements of the view (N, C, S)
//   RMSNorm        as LayerNorm, but y = x / sqrt(E[x^2] + eps) * weight: no mean, no bias
// The kernels (moments.hpp, layer_norm.hpp, rms_norm.hpp, batch_norm.hpp, channel_normalize.hpp)
// are plain functions on raw buffers (outputs first, then inputs, then sizes). NormModule above
// them owns parameters and running statistics, checks shapes, and raises the message PyTorch
// raises.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "normlab/norm/channel_normalize.hpp"
#include "normlab/shape.hpp"

namespace normlab {

enum class NormKind { batch_norm, layer_norm, instance_norm, group_norm, rms_norm };

// The constructor arguments of the torch.nn module, named as in torch.nn.
struct NormConfig {
  NormKind kind = NormKind::layer_norm;
  int dims = 2;                          // BatchNorm/InstanceNorm 1d, 2d, 3d
  int64_t num_features = 0;              // BatchNorm, InstanceNorm; GroupNorm's num_channels
  int64_t num_groups = 1;                // GroupNorm
  Shape normalized_shape;                // LayerNorm, RMSNorm
  double eps = 1e-5;                     // RMSNorm's eps=None is kRmsNormDefaultEps (rms_norm.hpp)
  std::optional<double> momentum = 0.1;  // nullopt: cumulative moving average
  bool affine = true;                    // LayerNorm, RMSNorm: elementwise_affine
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

  // Buffers: running_mean, running_var (num_features each) and num_batches_tracked exist only
  // when track_running_stats (BatchNorm, InstanceNorm).
  bool has_running_stats() const { return tracks_; }
  std::vector<float>& running_mean() { return running_mean_; }
  std::vector<float>& running_var() { return running_var_; }
  int64_t num_batches_tracked() const { return num_batches_tracked_; }
  void set_num_batches_tracked(int64_t n) { num_batches_tracked_ = n; }

  // Throws Error with the message forward() would raise for `shape` in the current mode;
  // nothing changes then.
  void check_input(const Shape& shape) const;

  // Which elements share statistics for an input of `shape`. Refuses the shapes PyTorch refuses
  // in any mode (rank, channels, groups), but not the ones it refuses only for their value count
  // (one value per channel in training), which the page still wants to draw.
  StatsPlan plan(const Shape& shape) const;

  // y has numel(shape) elements. On success the statistics of this call are kept (stat_mean(),
  // stat_rstd()) along with what backward() needs, and in training the running statistics are
  // updated; on failure nothing changes (PyTorch 1.13 would already have counted the batch in
  // num_batches_tracked; the project keeps a refused call free of effects).
  void forward(float* y, const float* x, const Shape& shape);

  // After forward(): grad_input (numel of its shape) from grad_output, and grad_weight() and
  // grad_bias() overwritten, as autograd would leave them after zero_grad() and backward().
  void backward(float* grad_input, const float* grad_output);

  // Per statistics group of the last forward(): the mean and 1/sqrt(var + eps) it normalized with
  // (the running statistics when it used them). RMSNorm's mean is 0 (it does not centre) and its
  // rstd 1/sqrt(mean(x^2) + eps).
  const std::vector<double>& stat_mean() const { return mean_; }
  const std::vector<float>& stat_rstd() const { return rstd_; }
  int64_t stat_count() const { return static_cast<int64_t>(mean_.size()); }

 private:
  static void check_config(const NormConfig& config);
  void validate(const Shape& shape, bool structure_only) const;
  void validate_batch_norm(const Shape& shape, bool structure_only) const;
  void validate_instance_norm(const Shape& shape, bool structure_only) const;
  void validate_group_norm(const Shape& shape, bool structure_only) const;
  void validate_layer_norm(const Shape& shape) const;
  void validate_rms_norm(const Shape& shape) const;
  // BatchNorm and InstanceNorm normalize with the batch's statistics unless they are in eval mode
  // with running statistics; GroupNorm always does.
  bool uses_batch_stats() const;
  ChannelLayout channel_layout(const Shape& shape) const;
  void forward_channels(float* y, const float* x, const Shape& shape);
  void update_running_stats(std::vector<float>& running_mean, std::vector<float>& running_var,
                            const std::vector<double>& mean, const std::vector<float>& var,
                            const ChannelLayout& layout, double factor) const;

  NormConfig config_;
  bool training_ = true;
  bool tracks_ = false;
  std::vector<float> weight_, bias_, grad_weight_, grad_bias_;
  std::vector<float> running_mean_, running_var_;
  int64_t num_batches_tracked_ = 0;
  std::vector<double> mean_;
  std::vector<float> rstd_;
  Shape last_shape_;
  std::vector<float> last_input_;
  bool last_batch_stats_ = true;
  bool has_forward_ = false;
};

}  // namespace normlab
