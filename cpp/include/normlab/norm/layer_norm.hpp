// LayerNorm's kernels: rows = prod(leading dims), cols = prod(normalized_shape).
#pragma once

#include <cstdint>

namespace normlab {

// https://pytorch.org/docs/1.13/generated/torch.nn.LayerNorm.html
// y[rows, cols], mean[rows], rstd[rows] from x[rows, cols], weight[cols] and bias[cols] (either may
// be null: no affine, or no bias).
void layer_norm_forward(float* y, double* mean, float* rstd, const float* x, const float* weight,
                        const float* bias, int64_t rows, int64_t cols, float eps);

// grad_input[rows, cols] from grad_output[rows, cols], x[rows, cols], the forward's mean[rows] and
// rstd[rows], and weight[cols] (null: no affine). grad_weight[cols] and grad_bias[cols] (either may
// be null) are overwritten with their sums over the rows.
void layer_norm_backward(float* grad_input, float* grad_weight, float* grad_bias,
                         const float* grad_output, const float* x, const double* mean,
                         const float* rstd, const float* weight, int64_t rows, int64_t cols);

}  // namespace normlab
