// The inputs torch.nn's normalization modules refuse, checked in the order PyTorch 1.13 checks
// them (the module's Python _check_input_dim, then torch.nn.functional's value-count checks, then
// the C++ operator's), each failing with PyTorch's own message. The checks of one layer's input
// are in that layer's file (layer_norm.cpp, batch_norm.cpp, instance_norm.cpp, group_norm.cpp).
#include "norm_checks.hpp"

#include <cstdint>
#include <string>

#include "normlab/error.hpp"
#include "normlab/norm/norm_module.hpp"

namespace normlab {

namespace norm_checks {

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

}  // namespace norm_checks

void NormModule::check_config(const NormConfig& c) {
  switch (c.kind) {
    case NormKind::layer_norm:
    case NormKind::rms_norm:
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
    case NormKind::rms_norm:
      return validate_rms_norm(shape);
    case NormKind::batch_norm:
      return validate_batch_norm(shape, structure_only);
    case NormKind::instance_norm:
      return validate_instance_norm(shape, structure_only);
    case NormKind::group_norm:
      return validate_group_norm(shape, structure_only);
  }
}

}  // namespace normlab
