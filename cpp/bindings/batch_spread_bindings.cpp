// Embind registration of the batch-size experiment (normlab/demos/batch_spread.hpp). Registration
// only: web/engine/batch_spread.js owns the output buffers and turns a returned message into an
// error.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "convert.hpp"
#include "normlab/demos/batch_spread.hpp"

namespace normlab::bindings {

namespace {

bool given(const val& options, const char* key) {
  return options.hasOwnProperty(key) && !options[key].isUndefined();
}

int64_t whole(const val& options, const char* key, int64_t fallback) {
  if (!given(options, key)) return fallback;
  const val v = options[key];
  if (!v.isNumber()) fail(std::string(key) + " must be a whole number");
  const double d = v.as<double>();
  if (d != std::floor(d) || std::fabs(d) > 9.0e15)
    fail(std::string(key) + " must be a whole number");
  return static_cast<int64_t>(d);
}

double real(const val& options, const char* key, double fallback) {
  if (!given(options, key)) return fallback;
  if (!options[key].isNumber()) fail(std::string(key) + " must be a number");
  return options[key].as<double>();
}

// {batch_sizes: [1, 2, 4], batches, num_groups, channels, spatial, dataset_size, seed,
//  sample_spread, pixel_noise}; absent keys keep BatchSpreadConfig's defaults.
BatchSpreadConfig config_from(const val& options) {
  if (options.isNull() || options.typeOf().as<std::string>() != "object")
    fail("the experiment's options must be an object");
  BatchSpreadConfig c;
  c.dataset_size = whole(options, "dataset_size", c.dataset_size);
  c.channels = whole(options, "channels", c.channels);
  c.spatial = whole(options, "spatial", c.spatial);
  c.num_groups = whole(options, "num_groups", c.num_groups);
  c.batches = whole(options, "batches", c.batches);
  const int64_t seed = whole(options, "seed", static_cast<int64_t>(c.seed));
  if (seed < 0) fail("seed must not be negative");
  c.seed = static_cast<uint64_t>(seed);
  c.sample_spread = real(options, "sample_spread", c.sample_spread);
  c.pixel_noise = real(options, "pixel_noise", c.pixel_noise);
  return c;
}

std::vector<int64_t> sizes_from(const val& options) {
  if (!given(options, "batch_sizes") || !options["batch_sizes"].isArray())
    fail("batch_sizes must be an array of whole numbers");
  const val list = options["batch_sizes"];
  const int n = list["length"].as<int>();
  if (n > 64) fail("at most 64 batch sizes");
  std::vector<int64_t> sizes;
  for (int i = 0; i < n; ++i) {
    const val item = list[i];
    const double d = item.isNumber() ? item.as<double>() : NAN;
    if (d != std::floor(d) || std::fabs(d) > 9.0e15)
      fail("batch_sizes must be an array of whole numbers");
    sizes.push_back(static_cast<int64_t>(d));
  }
  return sizes;
}

// Writes one double per batch size at bn_spread and gn_spread; returns "" or the message.
std::string batch_spread_into(uintptr_t bn_spread, uintptr_t gn_spread, const val& options) {
  return guarded([&] {
    const BatchSpreadConfig config = config_from(options);
    const std::vector<int64_t> sizes = sizes_from(options);
    const auto n = static_cast<int64_t>(sizes.size());
    batch_spread(heap_array<double>(bn_spread, n, "bn_spread"),
                 heap_array<double>(gn_spread, n, "gn_spread"), sizes.data(), config, n);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_batch_spread) {
  emscripten::function("batchSpread", &batch_spread_into);
}

}  // namespace normlab::bindings
