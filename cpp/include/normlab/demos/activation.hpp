// Activations after a normalization's affine: f(gamma * x + beta) and its slope. The tutorial plots
// them over normalized values to show why gamma and beta exist: near 0, sigmoid and tanh are almost
// straight lines, and only the affine can move the values out into their curved range.
#pragma once

#include <cstdint>
#include <string>

namespace normlab {

enum class Activation { sigmoid, tanh };

// "sigmoid" or "tanh"; anything else fails with a message naming the choices.
Activation activation_from_name(const std::string& name);

// https://pytorch.org/docs/1.13/generated/torch.sigmoid.html
// https://pytorch.org/docs/1.13/generated/torch.tanh.html
// y[n] = f(gamma * x[n] + beta) and slope[n] = f'(gamma * x[n] + beta), the derivative with
// respect to the pre-activation; slope may be null. The pre-activation is rounded to float first,
// as it is when a float LayerNorm's output feeds torch.sigmoid.
void activation_forward(float* y, float* slope, const float* x, int64_t n, Activation f,
                        float gamma, float beta);

}  // namespace normlab
