// 128-bit vectors through the compiler's vector extension: the same source becomes SSE natively
// and Wasm SIMD under -msimd128. Loads and stores go through memcpy, so no alignment is assumed.
#pragma once

#include <cstring>

namespace normlab::simd {

typedef float f32x4 __attribute__((vector_size(16)));

inline f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, f32x4 v) {
  std::memcpy(p, &v, sizeof v);
}
inline f32x4 splat(float s) {
  return f32x4{s, s, s, s};
}
inline float sum(f32x4 v) {
  return (v[0] + v[2]) + (v[1] + v[3]);
}

}  // namespace normlab::simd
