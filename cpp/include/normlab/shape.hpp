// Shapes: the tensor dimensions the kernels are called with, and their PyTorch spelling.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace normlab {

using Shape = std::vector<int64_t>;

// Number of elements; 1 for the empty shape (a scalar), as torch.Size.numel().
int64_t numel(const Shape& shape);

// Product of shape[begin, end).
int64_t numel(const Shape& shape, size_t begin, size_t end);

// "[8, 6, 3, 4]": how PyTorch prints a shape inside its error messages.
std::string format_shape(const Shape& shape);

// "torch.Size([8, 6, 3, 4])": how named_parameters() shows a parameter's shape.
std::string format_torch_size(const Shape& shape);

}  // namespace normlab
