// Softmax cross-entropy with class-index targets, as torch.nn.functional.cross_entropy computes it
// in PyTorch 1.13 (no class weights; ignore_index -100; label smoothing).
#pragma once

#include <cstdint>
#include <string>

#include "normlab/shape.hpp"

namespace normlab {

enum class Reduction { none, mean, sum };

// "none", "mean" or "sum"; anything else fails with PyTorch's message.
Reduction reduction_from(const std::string& name);

struct CrossEntropyConfig {
  Reduction reduction = Reduction::mean;
  // As torch: a value <= 0 (or NaN) is plain cross-entropy, one above 1 is refused at the call.
  double label_smoothing = 0;
  int64_t ignore_index = -100;
};

// The loss's shape for logits of `input` shape and class indices of `target` shape and values
// (target_values holds numel(target) of them): [] for mean and sum, [N] for none. Accepts
// (N, C) logits with an [N] target, and unbatched (C) logits with a [] target. Fails with
// PyTorch's message (batch sizes, target ranks, "Target 7 is out of bounds.", label smoothing).
Shape cross_entropy_output_shape(const CrossEntropyConfig& c, const Shape& input,
                                 const Shape& target, const int64_t* target_values);

// https://pytorch.org/docs/1.13/generated/torch.nn.CrossEntropyLoss.html
// loss[1] (mean, sum) or loss[rows] (none) from logits[rows, classes] and target[rows]; the
// targets must have passed cross_entropy_output_shape. Kept in double: PyTorch computes in float,
// the golden values in double, and the sum over rows is where float would lose digits.
void cross_entropy_forward(double* loss, const float* logits, const int64_t* target, int64_t rows,
                           int64_t classes, const CrossEntropyConfig& c);

// grad_logits[rows, classes] from grad_output (1 value for mean and sum, rows values for none),
// logits[rows, classes] and target[rows]:
//   scale_n * (softmax(logits_n) - (1 - s) * onehot(target_n) - s / classes)
// with s the label smoothing, scale_n = grad_output / (rows not ignored) for mean; 0 for ignored
// rows.
void cross_entropy_backward(float* grad_logits, const float* grad_output, const float* logits,
                            const int64_t* target, int64_t rows, int64_t classes,
                            const CrossEntropyConfig& c);

}  // namespace normlab
