// Embind registration of the per-group statistics (normlab/demos/group_stats.hpp). Buffers are
// pointers into the Wasm heap, owned by web/engine/group_stats.js; the call returns "" or the
// error's message.
#include <emscripten/bind.h>

#include "convert.hpp"
#include "normlab/demos/group_stats.hpp"

namespace normlab::bindings {

namespace {

// count[groups] (int32), mean, var, var_unbiased[groups] (float64) from x[n] (float32) and
// group[n] (int32).
std::string group_moments(uintptr_t count, uintptr_t mean, uintptr_t var, uintptr_t var_unbiased,
                          uintptr_t x, uintptr_t group, int32_t n, int32_t groups) {
  return guarded([&] {
    normlab::group_moments(heap_array<int32_t>(count, groups, "count"),
                           heap_array<double>(mean, groups, "mean"),
                           heap_array<double>(var, groups, "var"),
                           optional_heap_array<double>(var_unbiased, groups, "var_unbiased"),
                           heap_array<const float>(x, n, "x"),
                           heap_array<const int32_t>(group, n, "group"), n, groups);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_group_stats) {
  emscripten::function("groupMoments", &group_moments);
}

}  // namespace normlab::bindings
