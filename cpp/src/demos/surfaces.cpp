// The optimizer race's loss surfaces, their analytic gradients, contour grids and trajectories.
// The surfaces' names for readers are the page's (web/model/surface-labels.js): no UI text here.
#include "normlab/demos/surfaces.hpp"

#include <cmath>

#include "normlab/error.hpp"

namespace normlab {

namespace {

constexpr int64_t kMaxGridSide = 4096;
constexpr int64_t kMaxSteps = 100000;

// The gradient autograd would hand a float32 parameter: exact math, rounded once.
void float32_gradient(float* grad, const SurfacePoint& p) {
  grad[0] = static_cast<float>(p.grad_x);
  grad[1] = static_cast<float>(p.grad_y);
}

}  // namespace

const std::vector<SurfaceInfo>& surfaces() {
  // Starts and boxes: the bowl's is the classic demo of x^2/20 + y^2 (zig-zagging SGD at
  // (-7, 2)); Rosenbrock's is the textbook (-1.2, 1); the saddle starts just off the ridge, so
  // that escaping it takes a while; bowl_l2 starts on the diagonal, where Adam without decay
  // stays.
  static const std::vector<SurfaceInfo> all{
      {SurfaceKind::bowl,
       "bowl",
       "f(x, y) = x²/20 + y²",
       -7.0,
       2.0,
       {-10.0, 10.0, -5.0, 5.0},
       {{0.0, 0.0}}},
      {SurfaceKind::rosenbrock,
       "rosenbrock",
       "f(x, y) = (1 − x)² + 100 (y − x²)²",
       -1.2,
       1.0,
       {-2.0, 2.0, -1.0, 3.0},
       {{1.0, 1.0}}},
      {SurfaceKind::saddle,
       "saddle",
       "f(x, y) = x²/2 + y⁴/4 − y²/2",
       -1.5,
       0.01,
       {-2.0, 2.0, -2.0, 2.0},
       {{0.0, -1.0}, {0.0, 1.0}}},
      {SurfaceKind::bowl_l2,
       "bowl_l2",
       "f(x, y) = 5 (x − 1)² + (y − 1)²/20",
       3.0,
       3.0,
       {-0.5, 3.5, -0.5, 3.5},
       {{1.0, 1.0}}},
  };
  return all;
}

const SurfaceInfo& surface_info(const std::string& name) {
  for (const SurfaceInfo& s : surfaces()) {
    if (s.name == name) return s;
  }
  fail("unknown surface: " + name);
}

SurfacePoint surface_at(SurfaceKind kind, double x, double y) {
  switch (kind) {
    case SurfaceKind::bowl:
      return {x * x / 20 + y * y, x / 10, 2 * y};
    case SurfaceKind::rosenbrock: {
      const double a = 1 - x, b = y - x * x;
      return {a * a + 100 * b * b, -2 * a - 400 * x * b, 200 * b};
    }
    case SurfaceKind::saddle: {
      const double y2 = y * y;
      return {x * x / 2 + y2 * y2 / 4 - y2 / 2, x, y * y2 - y};
    }
    case SurfaceKind::bowl_l2: {
      const double dx = x - 1, dy = y - 1;
      return {5 * dx * dx + dy * dy / 20, 10 * dx, dy / 10};
    }
  }
  return {0, 0, 0};
}

void surface_evaluate(float* f, float* grad_x, float* grad_y, const float* x, const float* y,
                      int64_t n, SurfaceKind kind) {
  for (int64_t i = 0; i < n; ++i) {
    const SurfacePoint p = surface_at(kind, x[i], y[i]);
    if (f) f[i] = static_cast<float>(p.f);
    if (grad_x) grad_x[i] = static_cast<float>(p.grad_x);
    if (grad_y) grad_y[i] = static_cast<float>(p.grad_y);
  }
}

void surface_grid(float* values, SurfaceKind kind, const ViewBox& view, int64_t nx, int64_t ny) {
  if (nx < 2 || ny < 2 || nx > kMaxGridSide || ny > kMaxGridSide) {
    fail("a contour grid needs between 2 and " + std::to_string(kMaxGridSide) +
         " points per side, got " + std::to_string(nx) + " x " + std::to_string(ny));
  }
  if (!(std::isfinite(view.x_min) && std::isfinite(view.x_max) && std::isfinite(view.y_min) &&
        std::isfinite(view.y_max) && view.x_min < view.x_max && view.y_min < view.y_max &&
        std::isfinite(view.x_max - view.x_min) && std::isfinite(view.y_max - view.y_min))) {
    fail("the view box must be finite with x_min < x_max and y_min < y_max");
  }
  const double dx = (view.x_max - view.x_min) / static_cast<double>(nx - 1);
  const double dy = (view.y_max - view.y_min) / static_cast<double>(ny - 1);
  for (int64_t i = 0; i < ny; ++i) {
    const double y = view.y_min + static_cast<double>(i) * dy;
    for (int64_t j = 0; j < nx; ++j) {
      const double x = view.x_min + static_cast<double>(j) * dx;
      values[i * nx + j] = static_cast<float>(surface_at(kind, x, y).f);
    }
  }
}

void surface_trajectory(float* x, float* y, float* loss, SurfaceKind kind,
                        const OptimConfig& config, float x0, float y0, int64_t steps) {
  if (steps < 0 || steps > kMaxSteps) {
    fail("a trajectory takes between 0 and " + std::to_string(kMaxSteps) + " steps, got " +
         std::to_string(steps));
  }
  Optimizer optimizer(config, 2);
  float param[2] = {x0, y0};
  for (int64_t t = 0;; ++t) {
    const SurfacePoint p = surface_at(kind, param[0], param[1]);
    x[t] = param[0];
    y[t] = param[1];
    loss[t] = static_cast<float>(p.f);
    if (t == steps) break;
    float grad[2];
    float32_gradient(grad, p);
    optimizer.step(param, grad);
  }
}

void surface_descend(float* param, float* grad, Optimizer& optimizer, SurfaceKind kind,
                     int64_t steps) {
  if (steps < 0 || steps > kMaxSteps) {
    fail("a descent takes between 0 and " + std::to_string(kMaxSteps) + " steps, got " +
         std::to_string(steps));
  }
  if (optimizer.numel() != 2) {
    fail("a descent on a surface needs an optimizer of 2 values, got " +
         std::to_string(optimizer.numel()));
  }
  for (int64_t t = 0; t < steps; ++t) {
    float32_gradient(grad, surface_at(kind, param[0], param[1]));
    optimizer.step(param, grad);
  }
}

}  // namespace normlab
