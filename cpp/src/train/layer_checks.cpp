// The inputs torch.nn's training layers refuse, checked in the order PyTorch 1.13 checks them
// (Conv2d: aten/src/ATen/native/Convolution.cpp's check_shape_forward; AvgPool2d:
// pooling_output_shape and pool2d_shape_check in Pool.h; Linear: the matmul of its input's rows),
// each failing with PyTorch's message.
#include <cstdint>
#include <string>

#include "normlab/error.hpp"
#include "normlab/train/layers.hpp"

namespace normlab {

namespace {

// 128-bit integers for size arithmetic that must not overflow before it is refused
__extension__ typedef __int128 wide;

std::string text(int64_t v) {
  return std::to_string(v);
}

// Tensor.size(dim) for a negative dim, with its messages.
int64_t size_at(const Shape& shape, int64_t dim) {
  const auto rank = static_cast<int64_t>(shape.size());
  if (rank == 0) fail("dimension specified as " + text(dim) + " but tensor has no dimensions");
  if (dim < -rank || dim >= rank) {
    fail("Dimension out of range (expected to be in range of [" + text(-rank) + ", " +
         text(rank - 1) + "], but got " + text(dim) + ")");
  }
  return shape[static_cast<size_t>(dim < 0 ? dim + rank : dim)];
}

}  // namespace

GeluApproximate gelu_approximate_from(const std::string& name) {
  if (name == "none") return GeluApproximate::none;
  if (name == "tanh") return GeluApproximate::tanh;
  fail("approximate argument must be either none or tanh.");
}

const char* layer_type_name(const LayerSpec& spec) {
  switch (spec.kind) {
    case LayerKind::linear:
      return "linear";
    case LayerKind::conv2d:
      return "conv2d";
    case LayerKind::relu:
      return "relu";
    case LayerKind::gelu:
      return "gelu";
    case LayerKind::avg_pool2d:
      return "avg_pool2d";
    case LayerKind::flatten:
      return "flatten";
    case LayerKind::norm:
      switch (spec.norm.kind) {
        case NormKind::batch_norm:
          return "batch_norm";
        case NormKind::layer_norm:
          return "layer_norm";
        case NormKind::instance_norm:
          return "instance_norm";
        case NormKind::group_norm:
          return "group_norm";
        case NormKind::rms_norm:
          return "rms_norm";
      }
  }
  return "?";
}

NamedShapes linear_parameter_shapes(const LinearConfig& c) {
  const Shape weight{c.out_features, c.in_features};
  check_tensor_sizes(weight);
  NamedShapes shapes{{"weight", weight}};
  if (c.bias) shapes.emplace_back("bias", Shape{c.out_features});
  return shapes;
}

NamedShapes conv2d_parameter_shapes(const Conv2dConfig& c) {
  const Shape weight{c.out_channels, c.in_channels, c.kernel_h, c.kernel_w};
  check_tensor_sizes(weight);
  NamedShapes shapes{{"weight", weight}};
  if (c.bias) shapes.emplace_back("bias", Shape{c.out_channels});
  return shapes;
}

Shape flatten_output_shape(const Shape& input) {
  // start_dim 1 wraps against at least one dimension, as maybe_wrap_dim does for a 0-d tensor
  if (input.size() < 2)
    fail("Dimension out of range (expected to be in range of [-1, 0], but got 1)");
  return {input[0], numel(input, 1, input.size())};
}

Shape linear_output_shape(const LinearConfig& c, const Shape& input) {
  if (input.empty())
    fail("both arguments to matmul need to be at least 1D, but they are 0D and 2D");
  const int64_t in = input.back();
  if (in != c.in_features) {
    // the input's rows as one matrix (a 1-d input is one row) against weight^T
    const int64_t rows = numel(input, 0, input.size() - 1);
    fail("mat1 and mat2 shapes cannot be multiplied (" + text(rows) + "x" + text(in) + " and " +
         text(c.in_features) + "x" + text(c.out_features) + ")");
  }
  Shape out = input;
  out.back() = c.out_features;
  return out;
}

Conv2dGeometry conv2d_geometry(const Conv2dConfig& c, const Shape& input) {
  if (input.size() != 3 && input.size() != 4) {
    fail("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: " +
         format_shape(input));
  }
  // an unbatched input is checked (and reported) as a batch of one
  const Shape x = input.size() == 3 ? Shape{1, input[0], input[1], input[2]} : input;
  if (c.pad_h < 0 || c.pad_w < 0) fail("negative padding is not supported");
  if (c.stride_h <= 0 || c.stride_w <= 0) fail("non-positive stride is not supported");
  const Shape weight{c.out_channels, c.in_channels, c.kernel_h, c.kernel_w};
  if (c.out_channels < 1) {
    fail(
        "Given groups=1, expected weight to be at least 1 at dimension 0, but got weight of size " +
        format_shape(weight) + " instead");
  }
  if (x[1] != c.in_channels) {
    fail("Given groups=1, weight of size " + format_shape(weight) + ", expected input" +
         format_shape(x) + " to have " + text(c.in_channels) + " channels, but got " + text(x[1]) +
         " channels instead");
  }
  // int64 sizes and paddings cannot overflow here (a padded size past int64 is refused)
  const wide ph128 = static_cast<wide>(x[2]) + 2 * static_cast<wide>(c.pad_h);
  const wide pw128 = static_cast<wide>(x[3]) + 2 * static_cast<wide>(c.pad_w);
  if (ph128 > INT64_MAX || pw128 > INT64_MAX)
    fail("Storage size calculation overflowed with sizes=" + format_shape(x));
  const auto padded_h = static_cast<int64_t>(ph128), padded_w = static_cast<int64_t>(pw128);
  if (padded_h < c.kernel_h || padded_w < c.kernel_w) {
    fail("Calculated padded input size per channel: (" + text(padded_h) + " x " + text(padded_w) +
         "). Kernel size: (" + text(c.kernel_h) + " x " + text(c.kernel_w) +
         "). Kernel size can't be greater than actual input size");
  }
  if (c.kernel_h <= 0 || c.kernel_w <= 0) {
    fail("kernel size should be greater than zero, but got kernel_height: " + text(c.kernel_h) +
         " kernel_width: " + text(c.kernel_w));
  }
  Conv2dGeometry g;
  g.batch = x[0];
  g.in_channels = c.in_channels;
  g.out_channels = c.out_channels;
  g.in_h = x[2];
  g.in_w = x[3];
  g.kernel_h = c.kernel_h;
  g.kernel_w = c.kernel_w;
  g.stride_h = c.stride_h;
  g.stride_w = c.stride_w;
  g.pad_h = c.pad_h;
  g.pad_w = c.pad_w;
  g.out_h = (padded_h - c.kernel_h) / c.stride_h + 1;
  g.out_w = (padded_w - c.kernel_w) / c.stride_w + 1;
  check_tensor_sizes({g.batch, g.out_channels, g.out_h, g.out_w});
  return g;
}

Pool2dGeometry avg_pool2d_geometry(const AvgPool2dConfig& c, const Shape& input) {
  const int64_t planes = size_at(input, -3);
  const int64_t in_h = size_at(input, -2), in_w = size_at(input, -1);
  // pooling_output_shape, height first
  auto output_size = [](int64_t size, int64_t kernel, int64_t pad, int64_t stride) {
    if (stride == 0) fail("stride should not be zero");
    if (pad < 0) fail("pad must be non-negative, but got pad: " + text(pad));
    if (pad > kernel / 2) {  // ATen: pad <= ((kernel - 1) * dilation + 1) / 2
      fail("pad should be at most half of kernel size, but got pad=" + text(pad) +
           " and kernel_size=" + text(kernel));
    }
    // in 128 bits: extreme kernels and strides must not overflow before they are refused
    const wide span = static_cast<wide>(size) + 2 * static_cast<wide>(pad) - kernel;
    wide q = span / stride;
    if (span % stride != 0 && (span < 0) != (stride < 0)) --q;
    q += 1;
    if (q > INT64_MAX || q < INT64_MIN) fail("Storage size calculation overflowed");
    return static_cast<int64_t>(q);
  };
  const int64_t out_h = output_size(in_h, c.kernel_h, c.pad_h, c.stride_h);
  const int64_t out_w = output_size(in_w, c.kernel_w, c.pad_w, c.stride_w);
  // pool2d_shape_check
  if (c.kernel_w <= 0 || c.kernel_h <= 0) {
    fail("kernel size should be greater than zero, but got kH: " + text(c.kernel_h) +
         " kW: " + text(c.kernel_w));
  }
  if (c.stride_w <= 0 || c.stride_h <= 0) {
    fail("stride should be greater than zero, but got dH: " + text(c.stride_h) +
         " dW: " + text(c.stride_w));
  }
  const size_t rank = input.size();
  const bool valid = rank >= 3 && input[1] != 0 && input[2] != 0;
  if (!((rank == 3 && input[0] != 0 && valid) || (rank == 4 && valid && input[3] != 0))) {
    fail(
        "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:" +
        format_shape(input));
  }
  if (c.kernel_w / 2 < c.pad_w || c.kernel_h / 2 < c.pad_h) {
    fail("pad should be smaller than or equal to half of kernel size, but got padW = " +
         text(c.pad_w) + ", padH = " + text(c.pad_h) + ", kW = " + text(c.kernel_w) +
         ", kH = " + text(c.kernel_h));
  }
  if (out_w < 1 || out_h < 1) {
    fail("Given input size: (" + text(planes) + "x" + text(in_h) + "x" + text(in_w) +
         "). Calculated output size: (" + text(planes) + "x" + text(out_h) + "x" + text(out_w) +
         "). Output size is too small");
  }
  Pool2dGeometry g;
  g.batch = rank == 4 ? input[0] : 1;
  g.channels = planes;
  g.in_h = in_h;
  g.in_w = in_w;
  g.out_h = out_h;
  g.out_w = out_w;
  g.kernel_h = c.kernel_h;
  g.kernel_w = c.kernel_w;
  g.stride_h = c.stride_h;
  g.stride_w = c.stride_w;
  g.pad_h = c.pad_h;
  g.pad_w = c.pad_w;
  return g;
}

}  // namespace normlab
