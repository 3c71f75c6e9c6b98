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

// BatchNorm's statistics: mean[channels] and biased var[channels] of x[batch, channels, spatial],
// each over the batch * spatial elements of one channel.
void channel_moments(double* mean, float* var, const float* x, int64_t batch, int64_t channels,
                     int64_t spatial);

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

// BatchNorm, InstanceNorm and GroupNorm see their input as x[batch, channels, spatial] and differ
// only in which statistics the (n, c) block of `spatial` elements is normalized with:
//   BatchNorm      stat(n, c) = c                    per_sample = 0, channels_per_stat = 1
//   InstanceNorm   stat(n, c) = n * C + c            per_sample = C, channels_per_stat = 1
//   GroupNorm      stat(n, c) = n * G + c / (C / G)  per_sample = G, channels_per_stat = C / G
// Their weight and bias are per channel.
struct ChannelLayout {
  int64_t batch = 0, channels = 0, spatial = 0;
  int64_t per_sample = 0;  // statistics per sample; 0: one set shared by the whole batch
  int64_t channels_per_stat = 1;

  int64_t stat(int64_t n, int64_t c) const { return n * per_sample + c / channels_per_stat; }
  int64_t stat_count() const { return per_sample ? batch * per_sample : channels; }
  // Elements that share one mean and variance.
  int64_t group_size() const { return channels_per_stat * spatial * (per_sample ? 1 : batch); }
};

// https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html
// https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm2d.html
// https://pytorch.org/docs/1.13/generated/torch.nn.GroupNorm.html
// y[batch, channels, spatial] = (x - mean[g]) * rstd[g] * weight[c] + bias[c] with g = stat(n, c),
// from x[batch, channels, spatial], mean[stat_count], rstd[stat_count], weight[channels] and
// bias[channels] (either may be null).
void channel_norm_forward(float* y, const float* x, const double* mean, const float* rstd,
                          const float* weight, const float* bias, const ChannelLayout& layout);

// grad_input[batch, channels, spatial] from grad_output and x (same shape), the forward's
// mean[stat_count] and rstd[stat_count], and weight[channels] (null: no affine); grad_weight and
// grad_bias [channels] (either may be null) are overwritten. batch_stats: mean and rstd were
// computed from x (training), so the gradient also flows through them; otherwise they were
// constants (running statistics in eval mode).
void channel_norm_backward(float* grad_input, float* grad_weight, float* grad_bias,
                           const float* grad_output, const float* x, const double* mean,
                           const float* rstd, const float* weight, const ChannelLayout& layout,
                           bool batch_stats);

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
  // (the running statistics when it used them).
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
