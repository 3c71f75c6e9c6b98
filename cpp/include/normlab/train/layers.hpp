// Training layers: torch.nn.Linear, Conv2d, ReLU, GELU, AvgPool2d and Flatten, forward and
// backward, on float32 buffers, as PyTorch 1.13 computes them.
//
// Each layer has a plain kernel (outputs first, then inputs, then sizes; the buffers' shapes in
// the comment above it) and a Layer object above the kernels that owns the parameters and their
// gradients, checks input shapes in PyTorch's order and fails with PyTorch's message, and keeps
// what backward() needs. The normalization modules (norm.hpp) are Layers too (make_layer wraps a
// NormModule), so a Sequential (sequential.hpp) mixes them freely.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "normlab/norm.hpp"
#include "normlab/shape.hpp"

namespace normlab {

// ---- configurations (the torch.nn constructor arguments) --------------------------------------

struct LinearConfig {
  int64_t in_features = 0, out_features = 0;
  bool bias = true;
};

// groups 1, dilation 1, padding_mode "zeros"; kernel_size, stride and padding as (height, width).
struct Conv2dConfig {
  int64_t in_channels = 0, out_channels = 0;
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t pad_h = 0, pad_w = 0;
  bool bias = true;
};

enum class GeluApproximate { none, tanh };

// "none" or "tanh"; anything else fails with PyTorch's message.
GeluApproximate gelu_approximate_from(const std::string& name);

// ceil_mode false, count_include_pad true, no divisor_override. The stride defaults to the kernel.
struct AvgPool2dConfig {
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t pad_h = 0, pad_w = 0;
};

enum class LayerKind { linear, conv2d, relu, gelu, avg_pool2d, flatten, norm };

// One layer of a network: `kind` says which of the configs applies.
struct LayerSpec {
  LayerKind kind = LayerKind::relu;
  LinearConfig linear;
  Conv2dConfig conv2d;
  // GELU's approximate as named; as in torch, a bad name is refused when the layer runs
  std::string approximate = "none";
  AvgPool2dConfig pool;
  NormConfig norm;
};

// "linear", "conv2d", ..., "batch_norm" (the golden schema's layer types).
const char* layer_type_name(const LayerSpec& spec);

// ---- kernels ------------------------------------------------------------------------------------

// https://pytorch.org/docs/1.13/generated/torch.nn.Linear.html
// y[rows, out] = x[rows, in] * weight[out, in]^T + bias[out] (bias may be null).
void linear_forward(float* y, const float* x, const float* weight, const float* bias, int64_t rows,
                    int64_t in, int64_t out);

// grad_input[rows, in] = grad_output[rows, out] * weight[out, in]; grad_weight[out, in] =
// grad_output^T * x[rows, in]; grad_bias[out] = sum of grad_output over the rows. Each output may
// be null (not wanted); those given are overwritten.
void linear_backward(float* grad_input, float* grad_weight, float* grad_bias,
                     const float* grad_output, const float* x, const float* weight, int64_t rows,
                     int64_t in, int64_t out);

// The sizes of one Conv2d call on a batched NCHW input (an unbatched (C, H, W) input is batch 1).
struct Conv2dGeometry {
  int64_t batch = 0, in_channels = 0, out_channels = 0;
  int64_t in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int64_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1, pad_h = 0, pad_w = 0;
};

// https://pytorch.org/docs/1.13/generated/torch.nn.Conv2d.html
// y[batch, out_channels, out_h, out_w] from x[batch, in_channels, in_h, in_w],
// weight[out_channels, in_channels, kernel_h, kernel_w] and bias[out_channels] (may be null).
// Stride 1 (the 3x3 padding 1 of small CNNs) runs a register-blocked loop over 8 output columns x
// 4 output channels of 128-bit vectors on a zero-padded copy of each input plane; other strides
// run a plain loop.
void conv2d_forward(float* y, const float* x, const float* weight, const float* bias,
                    const Conv2dGeometry& g);

// grad_input[batch, in_channels, in_h, in_w], grad_weight[out_channels, in_channels, kernel_h,
// kernel_w] and grad_bias[out_channels] (each may be null; those given are overwritten) from
// grad_output[batch, out_channels, out_h, out_w], x and weight as in conv2d_forward. At stride 1,
// grad_input is the forward loop itself, run on the padded grad_output with the flipped,
// transposed kernel.
void conv2d_backward(float* grad_input, float* grad_weight, float* grad_bias,
                     const float* grad_output, const float* x, const float* weight,
                     const Conv2dGeometry& g);

// The plain loop conv2d_forward uses for strides other than 1, for any stride: the benchmark's and
// the tests' yardstick for the blocked loop.
void conv2d_forward_plain(float* y, const float* x, const float* weight, const float* bias,
                          const Conv2dGeometry& g);

// https://pytorch.org/docs/1.13/generated/torch.nn.ReLU.html
// y[n] = max(x[n], 0); NaN stays NaN.
void relu_forward(float* y, const float* x, int64_t n);
// grad_input[n] = grad_output[n] where y[n] > 0, else 0 (ATen's threshold_backward on the output).
void relu_backward(float* grad_input, const float* grad_output, const float* y, int64_t n);

// https://pytorch.org/docs/1.13/generated/torch.nn.GELU.html
// y[n] = x * Phi(x) ("none", with erf), or the tanh approximation ("tanh").
void gelu_forward(float* y, const float* x, int64_t n, GeluApproximate approximate);
// grad_input[n] = grad_output[n] * GELU'(x[n]).
void gelu_backward(float* grad_input, const float* grad_output, const float* x, int64_t n,
                   GeluApproximate approximate);

// The sizes of one AvgPool2d call; an unbatched (C, H, W) input is batch 1.
struct Pool2dGeometry {
  int64_t batch = 0, channels = 0, in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int64_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1, pad_h = 0, pad_w = 0;
};

// https://pytorch.org/docs/1.13/generated/torch.nn.AvgPool2d.html
// y[batch, channels, out_h, out_w]: the mean of each window of x[batch, channels, in_h, in_w],
// padding counted (count_include_pad), so every window divides by kernel_h * kernel_w.
void avg_pool2d_forward(float* y, const float* x, const Pool2dGeometry& g);
// grad_input[batch, channels, in_h, in_w] from grad_output[batch, channels, out_h, out_w].
void avg_pool2d_backward(float* grad_input, const float* grad_output, const Pool2dGeometry& g);

// ---- shape checks (PyTorch's messages, in its order) --------------------------------------------

// The weight and bias shapes a config creates; a negative size fails with torch.empty's message.
NamedShapes linear_parameter_shapes(const LinearConfig& c);
NamedShapes conv2d_parameter_shapes(const Conv2dConfig& c);

// https://pytorch.org/docs/1.13/generated/torch.nn.Flatten.html: (N, *) -> (N, prod(*)).
Shape flatten_output_shape(const Shape& input);
Shape linear_output_shape(const LinearConfig& c, const Shape& input);
Conv2dGeometry conv2d_geometry(const Conv2dConfig& c, const Shape& input);
Pool2dGeometry avg_pool2d_geometry(const AvgPool2dConfig& c, const Shape& input);

// ---- layers -------------------------------------------------------------------------------------

// A parameter as named_parameters() names it within its module ("weight", "bias"), its values and
// the gradient the last backward() left.
struct ParameterRef {
  std::string name;
  Shape shape;
  std::vector<float>* value = nullptr;
  const std::vector<float>* grad = nullptr;
};

// A buffer as named_buffers() names it; num_batches_tracked is an integer (count), the others
// float values.
struct BufferRef {
  std::string name;
  Shape shape;
  std::vector<float>* values = nullptr;
  bool is_count = false;
  int64_t count = 0;
};

class Layer {
 public:
  virtual ~Layer() = default;
  virtual const LayerSpec& spec() const = 0;

  // The output shape for an input of `shape` (whose sizes passed check_tensor_sizes) in the
  // current mode, or Error with the message forward() in PyTorch raises. Nothing changes.
  virtual Shape output_shape(const Shape& shape) const = 0;

  // y holds numel(output_shape(shape)) floats. Checks first; a refused call changes nothing.
  virtual void forward(float* y, const float* x, const Shape& shape) = 0;

  // After forward(): grad_input (numel of the forward's input; null when not wanted) from
  // grad_output (numel of its output), and every parameter's gradient overwritten.
  virtual void backward(float* grad_input, const float* grad_output) = 0;

  virtual std::vector<ParameterRef> parameters() { return {}; }
  virtual std::vector<BufferRef> buffers() { return {}; }
  virtual void set_training(bool) {}
};

// Throws Error with the constructor's message when torch.nn refuses the config. Parameters start
// as the constructor leaves them for norms (weight 1, bias 0) and 0 for Linear and Conv2d (see
// Sequential for the seeded initialisation).
std::unique_ptr<Layer> make_layer(const LayerSpec& spec);

}  // namespace normlab
