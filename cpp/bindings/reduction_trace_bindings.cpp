// Embind registration of the step-by-step reduction (normlab/reduction_trace.hpp). Registration
// only: web/engine/reduction_trace.js owns every buffer.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "convert.hpp"
#include "normlab/reduction_trace.hpp"

namespace normlab::bindings {

namespace {

// stats: 3 doubles (mean, var, rstd). weight and bias may be 0 (none).
// sums: 4 * n doubles (running_sum, running_mean, sq_dev, running_sq, one after the other).
std::string reduction_trace_into(uintptr_t sums, uintptr_t xhat, uintptr_t y, uintptr_t stats,
                                 uintptr_t x, uintptr_t weight, uintptr_t bias, double n,
                                 double eps) {
  return guarded([&] {
    auto* s = reinterpret_cast<double*>(stats);
    auto* d = reinterpret_cast<double*>(sums);
    const auto len = static_cast<int64_t>(n);
    reduction_trace(d, d + len, d + 2 * len, d + 3 * len, reinterpret_cast<float*>(xhat),
                    reinterpret_cast<float*>(y), s, s + 1, s + 2, reinterpret_cast<const float*>(x),
                    reinterpret_cast<const float*>(weight), reinterpret_cast<const float*>(bias),
                    len, eps);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_reduction_trace) {
  emscripten::function("reductionTrace", &reduction_trace_into);
}

}  // namespace normlab::bindings
