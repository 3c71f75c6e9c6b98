// The pieces of PyTorch's input checks that more than one normalization layer shares (defined in
// norm_checks.cpp; each layer's own checks are in its file).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace normlab {
namespace norm_checks {

// "4D": how PyTorch names a rank in its messages.
std::string dims_text(size_t d);

// ATen's check_dims_match_num_input_features.
void check_features(const char* name, int64_t expected, int64_t actual);

// BatchNorm and InstanceNorm on an empty input: ATen skips its channel checks and returns
// input * weight[0] + bias[0], which fails on a weight with no element.
void check_empty_weight(bool affine, int64_t weight_numel);

}  // namespace norm_checks
}  // namespace normlab
