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

// What torch.empty(shape) refuses, with its messages: a negative size ("Trying to create tensor
// with negative dimension -1: [3, -1]"), or sizes whose float32 bytes overflow int64 ("Storage
// size calculation overflowed with sizes=[...]"). The byte count leaves out zero sizes, so that
// every partial product of a shape that passes fits in int64 (torch, in Python integers, accepts
// (2, 0, 2**62, 2**62)).
void check_tensor_sizes(const Shape& shape);

// The length of a buffer of n elements of element_size bytes, as a size_t. One the address space
// cannot hold throws std::bad_alloc (the bindings report "out of memory") instead of being cut to
// size_t: on wasm32, 2**32 + 4 floats would otherwise become 4.
size_t buffer_length(int64_t n, size_t element_size);

}  // namespace normlab
