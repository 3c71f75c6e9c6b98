// 2-D loss surfaces for the optimizer race (curriculum chapter 10): f(x, y) with its analytic
// gradient, a default start and view box for the page, and the trajectory of any optimizer.
//
//   bowl        x^2/20 + y^2                    ill-conditioned (curvatures 1/10 and 2)
//   rosenbrock  (1 - x)^2 + 100 (y - x^2)^2     a curved, flat-bottomed valley; minimum (1, 1)
//   saddle      x^2/2 + y^4/4 - y^2/2           saddle at (0, 0), minima at (0, -1) and (0, 1)
//   bowl_l2     5 (x - 1)^2 + (y - 1)^2 / 20    gradient scales 100x apart; minimum (1, 1)
// bowl_l2 is the data loss of the Adam vs AdamW demo; the L2 term comes from the optimizer's
// weight_decay. Without decay, Adam moves x and y alike (it is blind to a per-coordinate
// gradient scale), so from (3, 3) it runs down the diagonal. AdamW's decay shrinks both alike
// too: it stays on the diagonal. Adam's L2 term, λθ, is added to the gradient and then divided by
// the adaptive denominator: next to y's small gradients it weighs 100x more than next to x's, so
// Adam drags y towards 0 and leaves x near 1.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "normlab/optim/optimizer.hpp"

namespace normlab {

enum class SurfaceKind { bowl, rosenbrock, saddle, bowl_l2 };

struct ViewBox {
  double x_min, x_max, y_min, y_max;
};

struct SurfaceInfo {
  SurfaceKind kind;
  std::string name;     // "bowl"; the page names it for readers (web/model/surface-labels.js)
  std::string formula;  // "f(x, y) = x²/20 + y²"
  double start_x, start_y;
  ViewBox view;
  std::vector<std::pair<double, double>> minima;  // none when the surface has no minimum
};

// Every surface, in the order the page lists them.
const std::vector<SurfaceInfo>& surfaces();

// The surface called `name`; throws Error for an unknown name.
const SurfaceInfo& surface_info(const std::string& name);

struct SurfacePoint {
  double f, grad_x, grad_y;
};

// f and its gradient at (x, y), in double.
SurfacePoint surface_at(SurfaceKind kind, double x, double y);

// f[n], grad_x[n], grad_y[n] (any of them may be null) at the points (x[n], y[n]).
void surface_evaluate(float* f, float* grad_x, float* grad_y, const float* x, const float* y,
                      int64_t n, SurfaceKind kind);

// values[ny, nx] (row-major, row i at y_i): f on the grid x_j = x_min + j (x_max - x_min) / (nx -
// 1), y_i = y_min + i (y_max - y_min) / (ny - 1), for contour lines. Throws Error unless nx and ny
// are in [2, 4096] and the view box is finite and not empty.
void surface_grid(float* values, SurfaceKind kind, const ViewBox& view, int64_t nx, int64_t ny);

// x[steps + 1], y[steps + 1], loss[steps + 1]: the start (x0, y0), then the point after each of
// `steps` optimizer.step() calls, the gradient being the surface's at the current float32 point.
// Throws Error with PyTorch's message for arguments torch.optim refuses, or when steps is
// negative or above 100000.
void surface_trajectory(float* x, float* y, float* loss, SurfaceKind kind,
                        const OptimConfig& config, float x0, float y0, int64_t steps);

// `steps` more steps of surface_trajectory's descent for an optimizer of 2 values: param[2] is
// updated in place, grad[2] is left with the gradient of the last step (untouched for 0 steps),
// and the optimizer keeps its state, so that the page can show the state after step k without
// redoing the loop itself. Throws Error when steps is negative or above 100000, or the optimizer
// is not for 2 values.
void surface_descend(float* param, float* grad, Optimizer& optimizer, SurfaceKind kind,
                     int64_t steps);

}  // namespace normlab
