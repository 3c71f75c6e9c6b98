// Embind registration of the step-by-step reduction (normlab/demos/reduction_trace.hpp).
// Registration only: web/engine/reduction_trace.js owns every buffer.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "convert.hpp"
#include "normlab/demos/reduction_trace.hpp"

namespace normlab::bindings {

namespace {

// stats: 3 doubles (mean, var, rstd). weight and bias may be 0 (none).
// sums: 4 * n doubles (running_sum, running_mean, sq_dev, running_sq, one after the other).
std::string reduction_trace_into(uintptr_t sums, uintptr_t xhat, uintptr_t y, uintptr_t stats,
                                 uintptr_t x, uintptr_t weight, uintptr_t bias, double n,
                                 double eps) {
  return guarded([&] {
    const int64_t len = count_from(n, "the number of elements");
    // a refused count writes nothing: only a group the kernel accepts sizes the buffers
    const int64_t k = len >= 1 ? len : 0;
    double* s = heap_array<double>(stats, k ? 3 : 0, "stats");
    double* d = heap_array<double>(sums, 4 * k, "sums");
    reduction_trace(d, d + k, d + 2 * k, d + 3 * k, heap_array<float>(xhat, k, "xhat"),
                    heap_array<float>(y, k, "y"), s, s + 1, s + 2,
                    heap_array<const float>(x, k, "x"),
                    optional_heap_array<const float>(weight, k, "weight"),
                    optional_heap_array<const float>(bias, k, "bias"), len, eps);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_reduction_trace) {
  emscripten::function("reductionTrace", &reduction_trace_into);
}

}  // namespace normlab::bindings
