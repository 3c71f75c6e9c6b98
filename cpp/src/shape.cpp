#include "normlab/shape.hpp"

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

}  // namespace normlab
