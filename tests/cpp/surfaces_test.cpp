#include "normlab/demos/surfaces.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <tuple>

#include "normlab/error.hpp"

using normlab::OptimConfig;
using normlab::OptimKind;
using normlab::SurfaceKind;

namespace {

struct Path {
  std::vector<float> x, y, loss;
};

Path run(const std::string& surface, OptimKind kind, double lr, int64_t steps, double momentum = 0,
         double weight_decay = 0) {
  OptimConfig c(kind);
  c.lr = lr;
  c.momentum = momentum;
  c.weight_decay = weight_decay;
  const auto& s = normlab::surface_info(surface);
  const auto n = static_cast<size_t>(steps + 1);
  Path p{std::vector<float>(n), std::vector<float>(n), std::vector<float>(n)};
  normlab::surface_trajectory(p.x.data(), p.y.data(), p.loss.data(), s.kind, c,
                              static_cast<float>(s.start_x), static_cast<float>(s.start_y), steps);
  return p;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const normlab::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Surfaces, TheFourSurfacesOfTheRace) {
  std::vector<std::string> names;
  for (const auto& s : normlab::surfaces()) {
    names.push_back(s.name);
    EXPECT_FALSE(s.name.empty());
    // the names for readers are the page's (web/model/surface-labels.js); no UI text in C++
    EXPECT_EQ(s.formula.rfind("f(x, y) = ", 0), 0u) << s.name;
    EXPECT_FALSE(s.formula.empty());
    // the start is on the page, and is not already a minimum
    EXPECT_GT(s.start_x, s.view.x_min) << s.name;
    EXPECT_LT(s.start_x, s.view.x_max) << s.name;
    EXPECT_GT(s.start_y, s.view.y_min) << s.name;
    EXPECT_LT(s.start_y, s.view.y_max) << s.name;
    const auto at_start = normlab::surface_at(s.kind, s.start_x, s.start_y);
    EXPECT_GT(std::hypot(at_start.grad_x, at_start.grad_y), 0.1) << s.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"bowl", "rosenbrock", "saddle", "bowl_l2"}));
  EXPECT_EQ(message_of([] { normlab::surface_info("himmelblau"); }), "unknown surface: himmelblau");
}

TEST(Surfaces, GradientsMatchCentralDifferences) {
  const double h = 1e-6;
  for (const auto& s : normlab::surfaces()) {
    for (const auto& [x, y] : std::vector<std::pair<double, double>>{
             {0.3, -0.7}, {-1.2, 1.0}, {1.7, 2.2}, {-0.05, 0.01}, {2.5, -1.5}}) {
      const auto p = normlab::surface_at(s.kind, x, y);
      const double dx =
          (normlab::surface_at(s.kind, x + h, y).f - normlab::surface_at(s.kind, x - h, y).f) /
          (2 * h);
      const double dy =
          (normlab::surface_at(s.kind, x, y + h).f - normlab::surface_at(s.kind, x, y - h).f) /
          (2 * h);
      EXPECT_NEAR(p.grad_x, dx, 1e-5 * (1 + std::fabs(dx))) << s.name << " " << x << "," << y;
      EXPECT_NEAR(p.grad_y, dy, 1e-5 * (1 + std::fabs(dy))) << s.name << " " << x << "," << y;
    }
  }
}

TEST(Surfaces, MinimaHaveZeroGradientAndTheSaddleIsNotOne) {
  for (const auto& s : normlab::surfaces()) {
    ASSERT_FALSE(s.minima.empty()) << s.name;
    for (const auto& [x, y] : s.minima) {
      const auto p = normlab::surface_at(s.kind, x, y);
      EXPECT_EQ(p.grad_x, 0.0) << s.name;
      EXPECT_EQ(p.grad_y, 0.0) << s.name;
      // nothing nearby is lower
      for (double d : {-1e-3, 1e-3}) {
        EXPECT_GT(normlab::surface_at(s.kind, x + d, y).f, p.f) << s.name;
        EXPECT_GT(normlab::surface_at(s.kind, x, y + d).f, p.f) << s.name;
      }
    }
  }
  // the origin of the saddle: flat, uphill along x, downhill along y
  const auto o = normlab::surface_at(SurfaceKind::saddle, 0, 0);
  EXPECT_EQ(o.grad_x, 0.0);
  EXPECT_EQ(o.grad_y, 0.0);
  EXPECT_GT(normlab::surface_at(SurfaceKind::saddle, 0.1, 0).f, o.f);
  EXPECT_LT(normlab::surface_at(SurfaceKind::saddle, 0, 0.1).f, o.f);
}

TEST(Surfaces, EvaluateFillsWhatIsAskedFor) {
  const std::vector<float> x{-7, 0, 1}, y{2, 0, 1};
  std::vector<float> f(3), gx(3), gy(3);
  normlab::surface_evaluate(f.data(), gx.data(), gy.data(), x.data(), y.data(), 3,
                            SurfaceKind::bowl);
  EXPECT_FLOAT_EQ(f[0], 49.0f / 20 + 4);
  EXPECT_FLOAT_EQ(gx[0], -0.7f);
  EXPECT_FLOAT_EQ(gy[0], 4.0f);
  EXPECT_EQ(f[1], 0.0f);
  std::vector<float> only_f(3, -1);
  normlab::surface_evaluate(only_f.data(), nullptr, nullptr, x.data(), y.data(), 3,
                            SurfaceKind::rosenbrock);
  EXPECT_EQ(only_f[2], 0.0f);  // Rosenbrock's minimum (1, 1)
  EXPECT_FLOAT_EQ(only_f[1], 1.0f);
}

TEST(Surfaces, GridIsRowMajorWithRowsAlongY) {
  const normlab::ViewBox box{-2, 2, -1, 3};
  const int64_t nx = 5, ny = 3;
  std::vector<float> v(nx * ny);
  normlab::surface_grid(v.data(), SurfaceKind::rosenbrock, box, nx, ny);
  for (int64_t i = 0; i < ny; ++i) {
    for (int64_t j = 0; j < nx; ++j) {
      const double x = -2 + j * 1.0, y = -1 + i * 2.0;
      EXPECT_FLOAT_EQ(v[i * nx + j],
                      static_cast<float>(normlab::surface_at(SurfaceKind::rosenbrock, x, y).f))
          << i << "," << j;
    }
  }
  EXPECT_EQ(message_of([&] { normlab::surface_grid(v.data(), SurfaceKind::bowl, box, 1, 3); }),
            "a contour grid needs between 2 and 4096 points per side, got 1 x 3");
  EXPECT_NE(message_of([&] {
              normlab::surface_grid(v.data(), SurfaceKind::bowl, {1, 1, 0, 1}, 5, 3);
            }),
            "");
  EXPECT_NE(message_of([&] {
              normlab::surface_grid(v.data(), SurfaceKind::bowl, {0, NAN, 0, 1}, 5, 3);
            }),
            "");
}

TEST(Trajectory, StartsAtTheStartAndTakesTheOptimizersSteps) {
  const Path p = run("bowl", OptimKind::sgd, 0.5, 3);
  ASSERT_EQ(p.x.size(), 4u);
  EXPECT_EQ(p.x[0], -7.0f);
  EXPECT_EQ(p.y[0], 2.0f);
  EXPECT_FLOAT_EQ(p.loss[0], 49.0f / 20 + 4);
  // SGD by hand: x -= 0.5 * x / 10, y -= 0.5 * 2y
  EXPECT_FLOAT_EQ(p.x[1], -7.0f * 0.95f);
  EXPECT_FLOAT_EQ(p.y[1], 0.0f);
  EXPECT_FLOAT_EQ(p.x[3], -7.0f * 0.95f * 0.95f * 0.95f);
  EXPECT_EQ(run("bowl", OptimKind::adam, 0.1, 0).x.size(), 1u);
}

TEST(Trajectory, EveryOptimizerConvergesOnTheBowl) {
  for (const auto& [kind, lr, momentum] :
       std::vector<std::tuple<OptimKind, double, double>>{{OptimKind::sgd, 0.95, 0},
                                                          {OptimKind::sgd, 0.1, 0.9},
                                                          {OptimKind::adam, 0.3, 0},
                                                          {OptimKind::adamw, 0.3, 0},
                                                          {OptimKind::adagrad, 1.5, 0},
                                                          {OptimKind::rmsprop, 0.1, 0}}) {
    const Path p = run("bowl", kind, lr, 300, momentum);
    EXPECT_LT(p.loss.back(), 1e-3) << normlab::optim_op(kind);
    EXPECT_LT(p.loss.back(), p.loss.front() * 1e-3) << normlab::optim_op(kind);
  }
}

TEST(Trajectory, MomentumCrossesTheRosenbrockValleyFasterThanPlainSgd) {
  const Path plain = run("rosenbrock", OptimKind::sgd, 1e-3, 2000);
  const Path heavy = run("rosenbrock", OptimKind::sgd, 1e-3, 2000, 0.9);
  const Path adam = run("rosenbrock", OptimKind::adam, 0.05, 2000);
  EXPECT_LT(heavy.loss.back(), 1e-4);
  EXPECT_LT(adam.loss.back(), 1e-4);
  EXPECT_GT(plain.loss.back(), 100 * heavy.loss.back());
  EXPECT_NEAR(heavy.x.back(), 1.0f, 1e-2);
  EXPECT_NEAR(heavy.y.back(), 1.0f, 2e-2);
}

TEST(Trajectory, EveryoneLeavesTheSaddleForAMinimum) {
  for (OptimKind kind : {OptimKind::sgd, OptimKind::adam, OptimKind::rmsprop}) {
    const Path p = run("saddle", kind, 0.05, 400);
    // adaptive steps stay about lr long near a minimum, so they hover within about lr of it
    EXPECT_NEAR(std::fabs(p.y.back()), 1.0f, 0.05) << normlab::optim_op(kind);
    EXPECT_NEAR(p.x.back(), 0.0f, 0.05) << normlab::optim_op(kind);
    EXPECT_LT(p.loss.back(), -0.24f) << normlab::optim_op(kind);
  }
  // Adam rescales the tiny gradient along y and escapes far sooner than SGD
  const Path sgd = run("saddle", OptimKind::sgd, 0.05, 40);
  const Path adam = run("saddle", OptimKind::adam, 0.05, 40);
  EXPECT_GT(std::fabs(adam.y.back()), 4 * std::fabs(sgd.y.back()));
}

TEST(Trajectory, BowlL2ShowsAdamsL2TermRescaledAndAdamWsUniformDecay) {
  const Path adam = run("bowl_l2", OptimKind::adam, 0.05, 300, 0, 0.5);
  const Path adamw = run("bowl_l2", OptimKind::adamw, 0.05, 300, 0, 0.5);
  const Path plain = run("bowl_l2", OptimKind::adam, 0.05, 300);
  for (size_t t = 0; t < adamw.x.size(); ++t) {
    // AdamW and Adam without decay never leave the diagonal: x and y move alike
    ASSERT_NEAR(adamw.x[t], adamw.y[t], 1e-4) << t;
    ASSERT_NEAR(plain.x[t], plain.y[t], 1e-4) << t;
  }
  EXPECT_NEAR(plain.x.back(), 1.0f, 1e-3);
  // Adam: the L2 pull on y, whose gradients are 100x smaller, wins; x stays near its minimum
  EXPECT_NEAR(adam.x.back(), 10.0f / 10.5f, 1e-2);  // argmin of f + 0.25 x^2 along x
  EXPECT_NEAR(adam.y.back(), 0.1f / 0.6f, 1e-2);    // and along y
  EXPECT_GT(adam.x.back() - adam.y.back(), 0.7f);
}

TEST(Trajectory, RefusedArgumentsAndStepCounts) {
  EXPECT_EQ(message_of([] { run("bowl", OptimKind::adam, -0.1, 10); }),
            "Invalid learning rate: -0.1");
  EXPECT_EQ(message_of([] { run("bowl", OptimKind::sgd, 0.1, -1); }),
            "a trajectory takes between 0 and 100000 steps, got -1");
}

TEST(Descend, WalksTheTrajectorysPathInPiecesAndKeepsTheState) {
  OptimConfig c(OptimKind::adam);
  c.lr = 0.1;
  const auto& s = normlab::surface_info("rosenbrock");
  const Path p = run("rosenbrock", OptimKind::adam, 0.1, 25);
  normlab::Optimizer optimizer(c, 2);
  float param[2] = {static_cast<float>(s.start_x), static_cast<float>(s.start_y)};
  float grad[2] = {-1.0f, -1.0f};
  normlab::surface_descend(param, grad, optimizer, s.kind, 0);
  EXPECT_EQ(grad[0], -1.0f);  // no step, no gradient
  EXPECT_EQ(optimizer.steps(), 0);
  int64_t done = 0;
  for (int64_t piece : {1, 4, 20}) {
    normlab::surface_descend(param, grad, optimizer, s.kind, piece);
    done += piece;
    // bit for bit the trajectory's point, and the gradient taken at the point before it
    EXPECT_EQ(param[0], p.x[static_cast<size_t>(done)]) << done;
    EXPECT_EQ(param[1], p.y[static_cast<size_t>(done)]) << done;
    const auto before = normlab::surface_at(s.kind, p.x[static_cast<size_t>(done - 1)],
                                            p.y[static_cast<size_t>(done - 1)]);
    EXPECT_EQ(grad[0], static_cast<float>(before.grad_x)) << done;
    EXPECT_EQ(grad[1], static_cast<float>(before.grad_y)) << done;
  }
  EXPECT_EQ(optimizer.steps(), 25);
  ASSERT_NE(optimizer.find_state("exp_avg"), nullptr);
}

TEST(Descend, RefusesStepCountsAndOptimizersOfTheWrongSize) {
  normlab::Optimizer two(OptimConfig(OptimKind::adam), 2), three(OptimConfig(OptimKind::adam), 3);
  float param[3] = {0, 0, 0}, grad[3] = {0, 0, 0};
  EXPECT_EQ(message_of([&] { normlab::surface_descend(param, grad, two, SurfaceKind::bowl, -1); }),
            "a descent takes between 0 and 100000 steps, got -1");
  EXPECT_EQ(message_of([&] { normlab::surface_descend(param, grad, three, SurfaceKind::bowl, 1); }),
            "a descent on a surface needs an optimizer of 2 values, got 3");
}
