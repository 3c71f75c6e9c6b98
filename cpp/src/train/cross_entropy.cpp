// torch.nn.functional.cross_entropy with class-index targets:
// https://pytorch.org/docs/1.13/generated/torch.nn.CrossEntropyLoss.html
//
// Per row: log_softmax with the row's maximum subtracted first, then the target's negative log
// probability, mixed with the mean over classes when label smoothing is on (ATen's
// cross_entropy_loss_label_smoothing). Rows whose target is ignore_index count for nothing, also
// in the mean's divisor. The row sums are in double.
#include <cmath>
#include <limits>
#include <string>

#include "normlab/error.hpp"
#include "normlab/train/loss.hpp"

namespace normlab {

namespace {

bool smoothing(const CrossEntropyConfig& c) {
  return c.label_smoothing > 0.0;  // as ATen: <= 0 and NaN are plain cross-entropy
}

// max and log(sum(exp(z - max))) of one row.
void log_sum_exp(const float* z, int64_t classes, double* max, double* lse) {
  double m = -std::numeric_limits<double>::infinity();
  for (int64_t k = 0; k < classes; ++k) m = std::fmax(m, static_cast<double>(z[k]));
  double s = 0.0;
  for (int64_t k = 0; k < classes; ++k) s += std::exp(static_cast<double>(z[k]) - m);
  *max = m;
  *lse = std::log(s);
}

int64_t counted_rows(const int64_t* target, int64_t rows, const CrossEntropyConfig& c) {
  int64_t n = 0;
  for (int64_t r = 0; r < rows; ++r) n += target[r] != c.ignore_index;
  return n;
}

}  // namespace

Reduction reduction_from(const std::string& name) {
  if (name == "none") return Reduction::none;
  if (name == "mean") return Reduction::mean;
  if (name == "sum") return Reduction::sum;
  fail(name + " is not a valid value for reduction");
}

Shape cross_entropy_output_shape(const CrossEntropyConfig& c, const Shape& input,
                                 const Shape& target, const int64_t* target_values) {
  check_tensor_sizes(input);
  check_tensor_sizes(target);
  if (input.empty() || input.size() > 2) {
    fail("cross_entropy: expected logits of shape (N, C) or (C), got " + format_shape(input) +
         " (NormLab has no (N, C, d1, ...) form)");
  }
  if (input == target)
    fail("Expected floating point type for target with class probabilities, got Long");
  if (smoothing(c) && c.label_smoothing > 1.0)
    fail("label_smoothing must be between 0.0 and 1.0. Got: " + py_float(c.label_smoothing));
  if (input.size() == 2 && !target.empty() && input[0] != target[0]) {
    fail("Expected input batch_size (" + std::to_string(input[0]) +
         ") to match target batch_size (" + std::to_string(target[0]) + ").");
  }
  if (target.size() > 1) fail("0D or 1D target tensor expected, multi-target not supported");
  const bool unbatched = input.size() == 1 && target.empty();
  if (!unbatched && (target.empty() || input[0] != target[0])) {
    fail("size mismatch (got input: " + format_shape(input) + ", target: " + format_shape(target) +
         ")");
  }
  const int64_t classes = input.back();
  const int64_t rows = unbatched ? 1 : target[0];
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t t = target_values[r];
    if (t != c.ignore_index && (t < 0 || t >= classes))
      fail("Target " + std::to_string(t) + " is out of bounds.");
  }
  if (c.reduction == Reduction::none) return unbatched ? Shape{} : Shape{rows};
  return {};
}

void cross_entropy_forward(double* loss, const float* logits, const int64_t* target, int64_t rows,
                           int64_t classes, const CrossEntropyConfig& c) {
  const double s = smoothing(c) ? c.label_smoothing : 0.0;
  double total = 0.0;
  for (int64_t r = 0; r < rows; ++r) {
    const float* z = logits + r * classes;
    double l = 0.0;
    if (target[r] != c.ignore_index) {
      double m, lse;
      log_sum_exp(z, classes, &m, &lse);
      const double nll = lse - (static_cast<double>(z[target[r]]) - m);
      l = (1.0 - s) * nll;
      if (s > 0.0) {
        double all = 0.0;  // -sum over classes of log p
        for (int64_t k = 0; k < classes; ++k) all += lse - (static_cast<double>(z[k]) - m);
        l += s / static_cast<double>(classes) * all;
      }
    }
    if (c.reduction == Reduction::none) {
      loss[r] = l;
    } else {
      total += l;
    }
  }
  if (c.reduction == Reduction::sum) loss[0] = total;
  // 0 / 0 = NaN when every row is ignored, as in torch
  if (c.reduction == Reduction::mean)
    loss[0] = total / static_cast<double>(counted_rows(target, rows, c));
}

void cross_entropy_backward(float* grad_logits, const float* grad_output, const float* logits,
                            const int64_t* target, int64_t rows, int64_t classes,
                            const CrossEntropyConfig& c) {
  const double s = smoothing(c) ? c.label_smoothing : 0.0;
  double scale = c.reduction == Reduction::none ? 0.0 : grad_output[0];
  if (c.reduction == Reduction::mean) scale /= static_cast<double>(counted_rows(target, rows, c));
  for (int64_t r = 0; r < rows; ++r) {
    const float* z = logits + r * classes;
    float* g = grad_logits + r * classes;
    if (target[r] == c.ignore_index) {
      for (int64_t k = 0; k < classes; ++k) g[k] = 0.0f;
      continue;
    }
    const double f = c.reduction == Reduction::none ? grad_output[r] : scale;
    double m, lse;
    log_sum_exp(z, classes, &m, &lse);
    for (int64_t k = 0; k < classes; ++k) {
      const double p = std::exp(static_cast<double>(z[k]) - m - lse);
      const double hot = k == target[r] ? 1.0 - s : 0.0;
      g[k] = static_cast<float>(f * (p - hot - s / static_cast<double>(classes)));
    }
  }
}

}  // namespace normlab
