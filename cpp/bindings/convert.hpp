// Converters between JS values and the library's small types (shapes, options). Bulk data never
// passes through here: it crosses as pointers into the Wasm heap.
#pragma once

#include <emscripten/val.h>

#include <exception>
#include <string>

#include "normlab/error.hpp"
#include "normlab/norm.hpp"

namespace normlab::bindings {

using emscripten::val;

// A JS array of integers -> Shape. Non-integers are refused with a message.
Shape shape_from(const val& array);

val shape_to_val(const Shape& shape);
val named_shapes_to_val(const NamedShapes& shapes);

// {op: "layer_norm", normalized_shape: [4], eps: 1e-5, ...}: the torch.nn constructor arguments.
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
