// Embind registration of the activation curve (normlab/demos/activation.hpp). Buffers are pointers
// into the Wasm heap, owned by web/engine/activation.js; the call returns "" or the error's
// message.
#include <emscripten/bind.h>

#include "convert.hpp"
#include "normlab/demos/activation.hpp"

namespace normlab::bindings {

namespace {

// y[n] = f(gamma * x[n] + beta), slope[n] = f'(...) (slope 0: not wanted).
std::string activation(const std::string& name, uintptr_t y, uintptr_t slope, uintptr_t x,
                       int32_t n, float gamma, float beta) {
  return guarded([&] {
    activation_forward(heap_array<float>(y, n, "y"), optional_heap_array<float>(slope, n, "slope"),
                       heap_array<const float>(x, n, "x"), n, activation_from_name(name), gamma,
                       beta);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_activation) {
  emscripten::function("activation", &activation);
}

}  // namespace normlab::bindings
