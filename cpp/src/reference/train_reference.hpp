// The training layers written plainly, in double, straight from PyTorch's formulas: index loops
// with no blocking, padding buffers or vectors. The tests hold the float kernels of layers.hpp and
// loss.hpp against them and take their finite differences. Not linked into the Wasm module.
#pragma once

#include <cstdint>
#include <vector>

#include "normlab/train/layers.hpp"
#include "normlab/train/loss.hpp"

namespace normlab::reference {

using Values = std::vector<double>;

// y[rows, out] = x[rows, in] * weight[out, in]^T + bias[out] (bias empty: none).
Values linear(const Values& x, const Values& weight, const Values& bias, int64_t rows, int64_t in,
              int64_t out);

// y[N, OC, OH, OW] from x[N, IC, H, W], weight[OC, IC, KH, KW] and bias[OC] (empty: none).
Values conv2d(const Values& x, const Values& weight, const Values& bias, const Conv2dGeometry& g);

Values avg_pool2d(const Values& x, const Pool2dGeometry& g);

// x * Phi(x) with erf, or the tanh form.
Values gelu(const Values& x, GeluApproximate approximate);

// The loss values (1 for mean and sum, rows for none) of logits[rows, classes].
Values cross_entropy(const Values& logits, const std::vector<int64_t>& target, int64_t rows,
                     int64_t classes, const CrossEntropyConfig& c);

}  // namespace normlab::reference
