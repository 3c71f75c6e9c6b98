// GroupNorm: https://pytorch.org/docs/1.13/generated/torch.nn.GroupNorm.html
// Its input checks. GroupNorm has no kernel of its own: its statistics are row_moments over the
// (N * G, C / G * spatial) rows (moments.cpp), its normalize step channel_norm_forward
// (channel_normalize.cpp), both called from NormModule (norm_module.cpp).
#include <cstdint>
#include <string>

#include "normlab/error.hpp"
#include "normlab/norm/norm_module.hpp"

namespace normlab {

namespace {

// Python's a // b (rounds toward negative infinity).
int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

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
