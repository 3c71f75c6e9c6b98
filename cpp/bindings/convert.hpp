// Converters between JS values and the library's small types (shapes, options). Bulk data never
// passes through here: it crosses as pointers into the Wasm heap.
#pragma once

#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <string>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"

extern "C" size_t __heap_base;  // where malloc's region starts (emscripten's sbrk.c)

namespace normlab::bindings {

using emscripten::val;

// count elements of T at `address`, a block the JS wrapper allocated in the Wasm heap. An address
// malloc cannot have returned (null, misaligned, outside the heap) or a range that runs past the
// heap's end is refused with a message: a wrong call must not write over the engine's own memory.
// A count of 0 accepts any address; a negative one is left to the kernel, which refuses it with
// its own message. `what` names the buffer.
template <typename T>
T* heap_array(uintptr_t address, int64_t count, const char* what) {
  if (count <= 0) return reinterpret_cast<T*>(address);
  const auto begin = reinterpret_cast<uintptr_t>(&__heap_base);
  const uintptr_t end = *emscripten_get_sbrk_ptr();
  if (address < begin || address >= end || address % alignof(T) != 0 ||
      static_cast<uint64_t>(count) > (end - address) / sizeof(T)) {
    fail(std::string(what) + ": no buffer of " + std::to_string(count) +
         " values at that address of the engine's heap");
  }
  return reinterpret_cast<T*>(address);
}

// The same for a buffer the kernel may do without: 0 means none.
template <typename T>
T* optional_heap_array(uintptr_t address, int64_t count, const char* what) {
  return address ? heap_array<T>(address, count, what) : nullptr;
}

// A count from JS: a whole number within 2^53 (NaN and 1.5 are refused). Negative counts pass, for
// the kernel to refuse with its message.
int64_t count_from(double value, const char* what);

// A JS array of integers -> Shape. Non-integers are refused with a message.
Shape shape_from(const val& array);

val shape_to_val(const Shape& shape);
val named_shapes_to_val(const NamedShapes& shapes);

// {op: "layer_norm", normalized_shape: [4], eps: 1e-5, ...}: the torch.nn constructor arguments
// (op batch_norm, layer_norm, instance_norm, group_norm or rms_norm; rms_norm's eps null or absent
// is float32's machine epsilon, as torch.nn.RMSNorm's eps=None).
NormConfig norm_config_from(const val& options);

// Runs f; returns "" on success and the error's message otherwise, so that a bad input reaches JS
// as a message and the module stays usable.
template <typename F>
std::string guarded(F&& f) {
  try {
    f();
    return {};
  } catch (const Error& e) {
    return e.what();
  } catch (const std::bad_alloc&) {
    return "out of memory: the request does not fit in the engine's memory";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace normlab::bindings
