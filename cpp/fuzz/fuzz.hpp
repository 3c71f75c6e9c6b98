// Shared pieces of the libFuzzer target (cpp/fuzz/): turning fuzz bytes into sizes, numbers,
// shapes and tensors, and the checks that stop a run with a report when an invariant fails.
//
// Every input is bounded (kMaxElements values per tensor, a few calls per input) so that a 60 s
// run covers tens of thousands of inputs. Huge sizes are still drawn, but only reach calls that
// must refuse them or that allocate nothing in proportion to them.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "normlab/error.hpp"
#include "normlab/shape.hpp"

namespace normlab::fuzz {

// Most values a tensor drawn here may hold; larger shapes only meet the checks.
constexpr int64_t kMaxElements = 4096;

[[noreturn]] inline void violated(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "\n*** NormLab invariant violated at %s:%d\n    %s\n", file, line,
               what.c_str());
  std::abort();
}

// The message is only built when the check fails.
#define FUZZ_CHECK(cond, what)                                                     \
  do {                                                                             \
    if (!(cond)) ::normlab::fuzz::violated(__FILE__, __LINE__, std::string(what)); \
  } while (0)

// Runs f. Returns the message of the normlab::Error it threw, or nullopt when it returned. Any
// other exception escapes and ends the run: the library promises Error and nothing else.
template <typename F>
std::optional<std::string> refusal(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

// A deterministic stream of pseudo-random numbers (splitmix64) seeded from the fuzz input, for
// bulk data: a few seed bytes give thousands of values, so the mutator spends its effort on the
// shapes and options that decide which code runs.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next();
  double uniform();  // [0, 1)
  double normal();

 private:
  uint64_t state_;
};

// Sizes: mostly small, sometimes one of the values that break careless arithmetic.
int64_t size_value(FuzzedDataProvider& p, int64_t small_max);

// Doubles: mostly "reasonable" for the option, sometimes a special (NaN, inf, -0, 1e300, ...).
double number_value(FuzzedDataProvider& p, double lo, double hi);

// numel(shape) computed without overflow; nullopt when some running product leaves int64 or the
// shape has a negative size.
std::optional<int64_t> safe_numel(const Shape& shape);

// Whether the product of non-negative factors exceeds limit (no overflow on the way).
inline bool product_above(std::initializer_list<int64_t> factors, int64_t limit) {
  __int128 n = 1;
  for (int64_t f : factors) {
    n *= f;
    if (n > limit) return true;
  }
  return false;
}

// torch.empty's "Storage size calculation overflowed with sizes=...": a running product of the
// sizes, as uint64, overflows, or the float32 byte count exceeds int64.
bool torch_storage_overflows(const Shape& shape);

struct Tensor {
  std::vector<float> values;
  bool tame = true;  // every value finite and |x| <= 1e6: the math promises finite results
};

// n values in one of several styles: Gaussian with an offset (1e4 offset and 1e-2 spread is the
// cancellation case), constant, small integers (exact sums and ties), raw fuzz bytes, or a
// Gaussian sprinkled with NaN and infinities.
Tensor tensor_values(FuzzedDataProvider& p, int64_t n);

std::string shape_text(const Shape& shape);

// A number for a report: integers exactly, floating point with every digit that matters.
template <typename T>
std::string num(T v) {
  if constexpr (std::is_integral_v<T>) {
    return std::to_string(v);
  } else {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", static_cast<double>(v));
    return text;
  }
}

// The fuzzed parts of the library; each consumes what it needs from p.
void fuzz_norm(FuzzedDataProvider& p);
void fuzz_norm_kernels(FuzzedDataProvider& p);
void fuzz_rms_norm(FuzzedDataProvider& p);
void fuzz_optimizer(FuzzedDataProvider& p);
void fuzz_optimizer_memory(FuzzedDataProvider& p);
void fuzz_surfaces(FuzzedDataProvider& p);
void fuzz_trajectory(FuzzedDataProvider& p);
void fuzz_activation(FuzzedDataProvider& p);
void fuzz_group_moments(FuzzedDataProvider& p);
void fuzz_reduction_trace(FuzzedDataProvider& p);
void fuzz_batch_spread(FuzzedDataProvider& p);
void fuzz_deep_stack(FuzzedDataProvider& p);
void fuzz_train_layers(FuzzedDataProvider& p);
void fuzz_cross_entropy(FuzzedDataProvider& p);

}  // namespace normlab::fuzz
