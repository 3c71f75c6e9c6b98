// Embind registration of the optimizers, the loss surfaces and the memory accounting.
// Registration only: web/engine/optim.js owns every allocation and turns the returned messages
// into exceptions.
#include <emscripten/bind.h>

#include <memory>

#include "convert.hpp"
#include "normlab/demos/surfaces.hpp"
#include "optim_convert.hpp"

namespace normlab::bindings {

namespace {

// One torch.optim optimizer with its own parameter and gradient buffers in the Wasm heap: JS
// writes the gradient into grad(), calls step(), and reads the parameter from param().
class OptimHandle {
 public:
  std::string configure(const std::string& op, const val& args, double numel) {
    return guarded([&] {
      const int64_t n = whole_number(numel, "the parameter's size");
      auto optimizer = std::make_unique<Optimizer>(optim_config_from(op, args), n);
      param_.assign(static_cast<size_t>(n), 0.0f);
      grad_.assign(static_cast<size_t>(n), 0.0f);
      optimizer_ = std::move(optimizer);
    });
  }
  std::string step() {
    return guarded([&] { get().step(param_.data(), grad_.data()); });
  }
  // `steps` steps down the surface from param(), each with the surface's gradient at the point;
  // grad() is left with the last one.
  std::string descend(const std::string& surface, double steps) {
    return guarded([&] {
      const SurfaceKind kind = surface_info(surface).kind;
      surface_descend(param_.data(), grad_.data(), get(), kind, whole_number(steps, "steps"));
    });
  }
  uintptr_t param() { return reinterpret_cast<uintptr_t>(param_.data()); }
  uintptr_t grad() { return reinterpret_cast<uintptr_t>(grad_.data()); }
  double numel() const { return static_cast<double>(param_.size()); }
  double steps() const { return optimizer_ ? static_cast<double>(optimizer_->steps()) : 0; }
  int state_count() const { return optimizer_ ? static_cast<int>(optimizer_->state().size()) : 0; }
  std::string state_name(int i) const { return buffer(i).name; }
  uintptr_t state_data(int i) const { return reinterpret_cast<uintptr_t>(buffer(i).values.data()); }

 private:
  Optimizer& get() {
    if (!optimizer_) fail("the optimizer was not configured");
    return *optimizer_;
  }
  const StateBuffer& buffer(int i) const { return optimizer_->state().at(static_cast<size_t>(i)); }

  std::unique_ptr<Optimizer> optimizer_;
  std::vector<float> param_, grad_;
};

val pair_to_val(double a, double b) {
  val p = val::array();
  p.call<void>("push", a);
  p.call<void>("push", b);
  return p;
}

// [{name, formula, start: [x, y], view: {xmin, xmax, ymin, ymax}, minima}]
val surface_list() {
  val list = val::array();
  for (const SurfaceInfo& s : surfaces()) {
    val item = val::object();
    item.set("name", s.name);
    item.set("formula", s.formula);
    item.set("start", pair_to_val(s.start_x, s.start_y));
    val view = val::object();
    view.set("xmin", s.view.x_min);
    view.set("xmax", s.view.x_max);
    view.set("ymin", s.view.y_min);
    view.set("ymax", s.view.y_max);
    item.set("view", view);
    val minima = val::array();
    for (const auto& [x, y] : s.minima) minima.call<void>("push", pair_to_val(x, y));
    item.set("minima", minima);
    list.call<void>("push", item);
  }
  return list;
}

std::string surface_evaluate_at(const std::string& name, uintptr_t f, uintptr_t grad_x,
                                uintptr_t grad_y, uintptr_t x, uintptr_t y, double n) {
  return guarded([&] {
    const SurfaceKind kind = surface_info(name).kind;
    const int64_t count = whole_number(n, "the number of points");
    surface_evaluate(optional_heap_array<float>(f, count, "f"),
                     optional_heap_array<float>(grad_x, count, "grad_x"),
                     optional_heap_array<float>(grad_y, count, "grad_y"),
                     heap_array<const float>(x, count, "x"), heap_array<const float>(y, count, "y"),
                     count, kind);
  });
}

std::string surface_grid_of(const std::string& name, uintptr_t values, double nx, double ny,
                            double x_min, double x_max, double y_min, double y_max) {
  return guarded([&] {
    const int64_t cols = whole_number(nx, "nx"), rows = whole_number(ny, "ny");
    // sizes the kernel refuses (outside [2, 4096], surfaces.hpp) write nothing; the others need
    // rows * cols floats
    const bool sized = cols >= 2 && rows >= 2 && cols <= 4096 && rows <= 4096;
    surface_grid(heap_array<float>(values, sized ? rows * cols : 0, "values"),
                 surface_info(name).kind, {x_min, x_max, y_min, y_max}, cols, rows);
  });
}

std::string trajectory(uintptr_t x, uintptr_t y, uintptr_t loss, const std::string& surface,
                       const std::string& op, const val& args, double x0, double y0, double steps) {
  return guarded([&] {
    const SurfaceKind kind = surface_info(surface).kind;
    const int64_t n = whole_number(steps, "steps");
    // a step count the kernel refuses (outside [0, 100000], surfaces.hpp) writes nothing; the
    // others need steps + 1 floats per array
    const int64_t points = n >= 0 && n <= 100000 ? n + 1 : 0;
    surface_trajectory(heap_array<float>(x, points, "x"), heap_array<float>(y, points, "y"),
                       heap_array<float>(loss, points, "loss"), kind, optim_config_from(op, args),
                       static_cast<float>(x0), static_cast<float>(y0), n);
  });
}

// {parameters, gradients, master_weights (mixed precision only), state: {name: bytes}, total},
// or {error: message}.
val optimizer_memory_of(const std::string& op, const val& args, double params,
                        const std::string& precision) {
  OptimizerMemory m;
  Precision p = Precision::fp32;
  const std::string message = guarded([&] {
    p = precision_from(precision);
    m = optimizer_memory(whole_number(params, "the parameter count"), p,
                         optim_config_from(op, args));
  });
  val out = val::object();
  if (!message.empty()) {
    out.set("error", message);
    return out;
  }
  out.set("parameters", static_cast<double>(m.parameters));
  out.set("gradients", static_cast<double>(m.gradients));
  if (p != Precision::fp32) out.set("master_weights", static_cast<double>(m.master_weights));
  val state = val::object();
  for (const auto& [name, bytes] : m.state) state.set(name, static_cast<double>(bytes));
  out.set("state", state);
  out.set("total", static_cast<double>(m.total));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_optim) {
  emscripten::class_<OptimHandle>("OptimHandle")
      .constructor<>()
      .function("configure", &OptimHandle::configure)
      .function("step", &OptimHandle::step)
      .function("descend", &OptimHandle::descend)
      .function("param", &OptimHandle::param)
      .function("grad", &OptimHandle::grad)
      .function("numel", &OptimHandle::numel)
      .function("steps", &OptimHandle::steps)
      .function("stateCount", &OptimHandle::state_count)
      .function("stateName", &OptimHandle::state_name)
      .function("stateData", &OptimHandle::state_data);
  emscripten::function("optimSurfaces", &surface_list);
  emscripten::function("optimSurfaceEvaluate", &surface_evaluate_at);
  emscripten::function("optimSurfaceGrid", &surface_grid_of);
  emscripten::function("optimTrajectory", &trajectory);
  emscripten::function("optimMemory", &optimizer_memory_of);
}

}  // namespace normlab::bindings
