// What the optimizer kernels need beyond simd.hpp: sqrt and a NaN-propagating max on four lanes,
// and a loop that runs the same per-element code on vectors and then on the scalar tail.
//
// The update rules are written once as a generic lambda over T (f32x4 or float): the vector
// extension accepts `scalar * vector`, so the same expression serves both, and the tail cannot
// drift from the vector body.
#pragma once

#include <cmath>
#include <cstdint>

#include "simd.hpp"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace normlab::simd {

typedef int i32x4 __attribute__((vector_size(16)));

template <typename T>
inline T load_as(const float* p);
template <>
inline float load_as<float>(const float* p) {
  return *p;
}
template <>
inline f32x4 load_as<f32x4>(const float* p) {
  return load(p);
}

inline void store_to(float* p, float v) {
  *p = v;
}
inline void store_to(float* p, f32x4 v) {
  store(p, v);
}

// Correctly rounded, like std::sqrt, so the vector body and the tail agree bit for bit.
inline float sqrt_of(float v) {
  return std::sqrt(v);
}
inline f32x4 sqrt_of(f32x4 v) {
#if defined(__wasm_simd128__)
  return (f32x4)wasm_f32x4_sqrt((v128_t)v);
#elif defined(__SSE__)
  return (f32x4)_mm_sqrt_ps((__m128)v);
#else
  return f32x4{std::sqrt(v[0]), std::sqrt(v[1]), std::sqrt(v[2]), std::sqrt(v[3])};
#endif
}

// torch.maximum: NaN if either side is NaN (SSE's maxps would return the second operand).
inline float max_of(float a, float b) {
  return (a > b || a != a) ? a : b;
}
inline f32x4 max_of(f32x4 a, f32x4 b) {
  const i32x4 take_a = (a > b) | (a != a);
  return (f32x4)((take_a & (i32x4)a) | (~take_a & (i32x4)b));
}

// f(f32x4{}, i) for each block of four elements, then f(0.0f, i) for each element left over.
template <typename F>
inline void fused_loop(int64_t n, F&& f) {
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) f(f32x4{}, i);
  for (; i < n; ++i) f(0.0f, i);
}

}  // namespace normlab::simd
