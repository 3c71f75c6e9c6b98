// The inputs torch.nn's normalization modules refuse, checked in the order PyTorch 1.13 checks
// them (the module's Python _check_input_dim, then torch.nn.functional's value-count checks, then
// the C++ operator's), each failing with PyTorch's own message.
#include <algorithm>
#include <cstdint>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"

namespace normlab {

namespace {

std::string dims_text(size_t d) {
  return std::to_string(d) + "D";
}

// ATen's check_dims_match_num_input_features.
void check_features(const char* name, int64_t expected, int64_t actual) {
  if (expected != actual) {
    fail(std::string(name) + " should contain " + std::to_string(expected) + " elements not " +
         std::to_string(actual));
  }
}

// BatchNorm and InstanceNorm on an empty input: ATen skips its channel checks and returns
// input * weight[0] + bias[0], which fails on a weight with no element.
void check_empty_weight(bool affine, int64_t weight_numel) {
  if (affine && weight_numel == 0)
    fail("select(): index 0 out of range for tensor of size [0] at dimension 0");
}

// Python's a // b (rounds toward negative infinity).
int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

void NormModule::check_config(const NormConfig& c) {
  switch (c.kind) {
    case NormKind::layer_norm:
      if (c.affine) check_tensor_sizes(c.normalized_shape);
      return;
    case NormKind::group_norm:
      if (c.num_groups == 0) fail("integer modulo by zero");
      // x % -1 is 0 in Python; in C++ INT64_MIN % -1 traps
      if (c.num_groups != -1 && c.num_features % c.num_groups != 0)
        fail("num_channels must be divisible by num_groups");
      if (c.affine) check_tensor_sizes({c.num_features});
      return;
    case NormKind::batch_norm:
    case NormKind::instance_norm:
      if (c.dims < 1 || c.dims > 3) fail("dims must be 1, 2 or 3, got " + std::to_string(c.dims));
      if (c.affine || c.track_running_stats) check_tensor_sizes({c.num_features});
      return;
  }
}

void NormModule::check_input(const Shape& shape) const {
  validate(shape, false);
}

void NormModule::validate(const Shape& shape, bool structure_only) const {
  check_tensor_sizes(shape);
  switch (config_.kind) {
    case NormKind::layer_norm:
      return validate_layer_norm(shape);
    case NormKind::batch_norm:
      return validate_batch_norm(shape, structure_only);
    case NormKind::instance_norm:
      return validate_instance_norm(shape, structure_only);
    case NormKind::group_norm:
      return validate_group_norm(shape, structure_only);
  }
}

void NormModule::validate_layer_norm(const Shape& shape) const {
  const Shape& ns = config_.normalized_shape;
  if (ns.empty()) {
    fail(
        "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one "
        "element, but got normalized_shape = " +
        format_shape(ns));
  }
  if (shape.size() < ns.size() || !std::equal(ns.begin(), ns.end(), shape.end() - ns.size())) {
    std::string expected = "[*";
    for (int64_t d : ns) expected += ", " + std::to_string(d);
    fail("Given normalized_shape=" + format_shape(ns) + ", expected input with shape " + expected +
         "], but got input of size" + format_shape(shape));
  }
}

void NormModule::validate_batch_norm(const Shape& shape, bool structure_only) const {
  const size_t d = shape.size();
  if (config_.dims == 1 && d != 2 && d != 3)
    fail("expected 2D or 3D input (got " + dims_text(d) + " input)");
  if (config_.dims == 2 && d != 4) fail("expected 4D input (got " + dims_text(d) + " input)");
  if (config_.dims == 3 && d != 5) fail("expected 5D input (got " + dims_text(d) + " input)");
  // F.batch_norm's _verify_batch_size: the batch times the spatial size.
  if (!structure_only && uses_batch_stats() && shape[0] * numel(shape, 2, d) == 1) {
    fail("Expected more than 1 value per channel when training, got input size " +
         format_torch_size(shape));
  }
  const int64_t nf = config_.num_features, C = shape[1];
  if (numel(shape) == 0) return check_empty_weight(config_.affine, nf);
  if (tracks_) check_features("running_mean", C, nf);
  if (config_.affine) check_features("weight", C, nf);
}

void NormModule::validate_instance_norm(const Shape& shape, bool structure_only) const {
  const size_t d = shape.size(), want = static_cast<size_t>(config_.dims) + 1;
  if (d != want && d != want + 1) {
    fail("expected " + dims_text(want) + " or " + dims_text(want + 1) + " input (got " +
         dims_text(d) + " input)");
  }
  // An unbatched (C, ...) input runs as a batch of one.
  Shape batched = shape;
  if (d == want) batched.insert(batched.begin(), 1);
  if (!structure_only) {
    if (uses_batch_stats() && numel(batched, 2, batched.size()) == 1) {
      fail("Expected more than 1 spatial element when training, got input size " +
           format_torch_size(batched));
    }
    // InstanceNorm passes momentum straight to torch.instance_norm, which takes only a float.
    if (!config_.momentum)
      fail("instance_norm(): argument 'momentum' (position 7) must be float, not NoneType");
  }
  // torch.instance_norm runs batch_norm on the (1, N * C, ...) view with weight, bias and the
  // running statistics repeated N times, then averages the running statistics over the batch.
  const int64_t N = batched[0], C = batched[1], nf = config_.num_features;
  // N * num_features values of weight, bias and running statistics; a count beyond int64 cannot
  // be allocated (num_features is unchecked, and unused, without affine and running statistics)
  int64_t repeated = 0;
  if ((config_.affine || tracks_) && __builtin_mul_overflow(N, nf, &repeated))
    fail("Storage size calculation overflowed with sizes=" + format_shape({N, nf}));
  if (numel(batched) == 0) {
    check_empty_weight(config_.affine, repeated);
    if (tracks_ && repeated != N * C) {
      fail("shape '" + format_shape({N, C}) + "' is invalid for input of size " +
           std::to_string(repeated));
    }
    if (tracks_ && N == 0 && C != nf && C != 1) {
      fail("The size of tensor a (" + std::to_string(nf) + ") must match the size of tensor b (" +
           std::to_string(C) + ") at non-singleton dimension 0");
    }
    return;
  }
  if (tracks_) check_features("running_mean", N * C, repeated);
  if (config_.affine) check_features("weight", N * C, repeated);
}

void NormModule::validate_group_norm(const Shape& shape, bool structure_only) const {
  // F.group_norm reads input.size(0) and input.size(1) first.
  if (shape.empty()) fail("Dimension specified as 0 but tensor has no dimensions");
  if (shape.size() == 1)
    fail("Dimension out of range (expected to be in range of [-1, 0], but got 1)");
  const int64_t N = shape[0], C = shape[1], G = config_.num_groups;
  if (!structure_only) {
    // F.group_norm's _verify_batch_size on [N * C // G, G, *spatial], in any mode.
    Shape size{floor_div(N * C, G), G};
    size.insert(size.end(), shape.begin() + 2, shape.end());
    if (size[0] * numel(size, 2, size.size()) == 1) {
      fail("Expected more than 1 value per channel when training, got input size " +
           format_shape(size));
    }
  }
  if (G <= 0) fail("Expected num groups to be greater than 0, got " + std::to_string(G));
  if (C % G != 0) {
    fail(
        "Expected number of channels in input to be divisible by num_groups, but got input of "
        "shape " +
        format_shape(shape) + " and num_groups=" + std::to_string(G));
  }
  if (config_.affine && C != config_.num_features) {
    fail(
        "Expected weight to be a vector of size equal to the number of channels in input, but "
        "got weight of shape " +
        format_shape({config_.num_features}) + " and input of shape " + format_shape(shape));
  }
  // torch then allocates the [N, G] mean and rstd, even for an empty input
  if (N != 0) check_tensor_sizes({N, G});
}

}  // namespace normlab
