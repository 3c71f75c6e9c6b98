#include "normlab/shape.hpp"

#include <cstddef>
#include <cstdint>
#include <new>

#include "normlab/error.hpp"

namespace normlab {

int64_t numel(const Shape& shape) {
  return numel(shape, 0, shape.size());
}

int64_t numel(const Shape& shape, size_t begin, size_t end) {
  int64_t n = 1;
  for (size_t i = begin; i < end && i < shape.size(); ++i) n *= shape[i];
  return n;
}

std::string format_shape(const Shape& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

std::string format_torch_size(const Shape& shape) {
  return "torch.Size(" + format_shape(shape) + ")";
}

void check_tensor_sizes(const Shape& shape) {
  for (int64_t d : shape) {
    if (d < 0) {
      fail("Trying to create tensor with negative dimension " + std::to_string(d) + ": " +
           format_shape(shape));
    }
  }
  uint64_t n = 1;
  bool overflow = false;
  for (int64_t d : shape) {
    if (d != 0) overflow = overflow || __builtin_mul_overflow(n, static_cast<uint64_t>(d), &n);
  }
  if (overflow || n > static_cast<uint64_t>(INT64_MAX / 4))
    fail("Storage size calculation overflowed with sizes=" + format_shape(shape));
}

size_t buffer_length(int64_t n, size_t element_size) {
  if (n < 0 || static_cast<uint64_t>(n) > static_cast<uint64_t>(PTRDIFF_MAX) / element_size)
    throw std::bad_alloc();
  return static_cast<size_t>(n);
}

}  // namespace normlab
