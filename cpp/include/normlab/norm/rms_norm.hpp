// RMSNorm's kernels (torch.nn.RMSNorm in PyTorch >= 2.4, the norm of LLaMA-style Transformers):
// no centring and no bias,
//   y = x * rsqrt(mean(x², normalized dims) + eps) * weight
// over rows = prod(leading dims) and cols = prod(normalized_shape), as LayerNorm.
// https://pytorch.org/docs/2.4/generated/torch.nn.RMSNorm.html
#pragma once

#include <cstdint>
#include <limits>

namespace normlab {

// torch.nn.RMSNorm's eps=None: torch.finfo(input.dtype).eps, float32's machine epsilon (2^-23)
// for these float32 kernels.
constexpr double kRmsNormDefaultEps = std::numeric_limits<float>::epsilon();

// y[rows, cols] and rstd[rows] = 1 / sqrt(mean(x[r, :]²) + eps) from x[rows, cols] and
// weight[cols] (null: no affine). An empty row (cols == 0) has a NaN rstd, as 0/0 in PyTorch.
void rms_norm_forward(float* y, float* rstd, const float* x, const float* weight, int64_t rows,
                      int64_t cols, float eps);

// grad_input[rows, cols] from grad_output[rows, cols], x[rows, cols], the forward's rstd[rows] and
// weight[cols] (null: no affine). grad_weight[cols] (may be null) is overwritten with its sum over
// the rows.
void rms_norm_backward(float* grad_input, float* grad_weight, const float* grad_output,
                       const float* x, const float* rstd, const float* weight, int64_t rows,
                       int64_t cols);

}  // namespace normlab
