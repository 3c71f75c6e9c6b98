// Embind registration of the deep-stack demo. Registration and option parsing only: the JS
// wrapper web/engine/deep_stack.js owns the input buffer and copies the results out.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>
#include <vector>

#include "convert.hpp"
#include "normlab/demos/deep_stack.hpp"

namespace normlab::bindings {

namespace {

bool present(const val& options, const char* key) {
  return options.hasOwnProperty(key) && !options[key].isUndefined();
}

double number_option(const val& options, const char* key, double fallback) {
  if (!present(options, key)) return fallback;
  if (!options[key].isNumber()) fail(std::string(key) + " must be a number");
  return options[key].as<double>();
}

int64_t integer_option(const val& options, const char* key, int64_t fallback) {
  const double d = number_option(options, key, static_cast<double>(fallback));
  if (d != std::floor(d) || std::fabs(d) > 9.0e15) fail(std::string(key) + " must be an integer");
  return static_cast<int64_t>(d);
}

std::string text_option(const val& options, const char* key, const char* fallback) {
  if (!present(options, key)) return fallback;
  if (!options[key].isString()) fail(std::string(key) + " must be a string");
  return options[key].as<std::string>();
}

DeepStackConfig deep_stack_config_from(const val& options) {
  if (options.isNull() || options.typeOf().as<std::string>() != "object")
    fail("deep stack options must be an object");
  DeepStackConfig c;
  c.depth = integer_option(options, "depth", c.depth);
  c.width = integer_option(options, "width", c.width);
  c.gain = number_option(options, "gain", c.gain);
  const int64_t seed = integer_option(options, "seed", c.seed);
  if (seed < 0 || seed > 0xffffffffLL) fail("seed must be an integer in 0..4294967295");
  c.seed = static_cast<uint32_t>(seed);
  c.bins = integer_option(options, "bins", c.bins);
  c.range = number_option(options, "range", c.range);
  const std::string norm = text_option(options, "norm", "none");
  if (norm == "none") {
    c.norm = StackNorm::none;
  } else if (norm == "batch_norm") {
    c.norm = StackNorm::batch_norm;
  } else if (norm == "layer_norm") {
    c.norm = StackNorm::layer_norm;
  } else {
    fail("norm must be none, batch_norm or layer_norm, got " + norm);
  }
  const std::string activation = text_option(options, "activation", "linear");
  if (activation == "linear") {
    c.activation = StackActivation::linear;
  } else if (activation == "tanh") {
    c.activation = StackActivation::tanh;
  } else if (activation == "relu") {
    c.activation = StackActivation::relu;
  } else {
    fail("activation must be linear, tanh or relu, got " + activation);
  }
  return c;
}

// The demo's runs, one at a time; the results of the last stay here until the next. The unit
// weights are kept between runs and drawn again only for a new seed or width (or extended for a
// deeper stack): a widget that changes the norm, gain, activation or input redraws at once.
// Methods return "" or a message.
class DeepStackHandle {
 public:
  // x points at batch * options.width floats in the Wasm heap.
  std::string run(uintptr_t x, double batch, const val& options) {
    return guarded([&] {
      const DeepStackConfig c = deep_stack_config_from(options);
      if (batch != std::floor(batch) || std::fabs(batch) > 9.0e15) fail("batch must be an integer");
      const auto b = static_cast<int64_t>(batch);
      deep_stack_check(c, b);  // before anything is sized from the config
      draw_weights(c);
      const auto layers = static_cast<size_t>(c.depth + 1);
      std::vector<int32_t> counts(layers * static_cast<size_t>(c.bins + 2)), nans(layers);
      std::vector<double> mean(layers), stdev(layers);
      deep_stack_forward(counts.data(), nans.data(), mean.data(), stdev.data(),
                         heap_array<const float>(x, b * c.width, "x"), weights_.data(), c, b);
      counts_ = std::move(counts);
      nans_ = std::move(nans);
      mean_ = std::move(mean);
      std_ = std::move(stdev);
      bins_ = c.bins;
    });
  }

  uintptr_t counts() const { return reinterpret_cast<uintptr_t>(counts_.data()); }
  uintptr_t nan_count() const { return reinterpret_cast<uintptr_t>(nans_.data()); }
  uintptr_t mean() const { return reinterpret_cast<uintptr_t>(mean_.data()); }
  uintptr_t stdev() const { return reinterpret_cast<uintptr_t>(std_.data()); }
  double layers() const { return static_cast<double>(mean_.size()); }
  double row_size() const { return static_cast<double>(bins_ + 2); }

 private:
  void draw_weights(const DeepStackConfig& c) {
    if (c.seed != seed_ || c.width != width_) {
      weights_.clear();
      drawn_ = 0;
      seed_ = c.seed;
      width_ = c.width;
    }
    if (drawn_ >= c.depth) return;
    const int64_t size = c.width * c.width;
    weights_.resize(static_cast<size_t>(c.depth * size));
    for (int64_t l = drawn_ + 1; l <= c.depth; ++l)
      deep_stack_unit_weights(weights_.data() + (l - 1) * size, c.seed, c.width, l);
    drawn_ = c.depth;
  }

  std::vector<float> weights_;
  uint32_t seed_ = 0;
  int64_t width_ = 0, drawn_ = 0;
  std::vector<int32_t> counts_, nans_;
  std::vector<double> mean_, std_;
  int64_t bins_ = 0;
};

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_deep_stack) {
  emscripten::class_<DeepStackHandle>("DeepStackHandle")
      .constructor<>()
      .function("run", &DeepStackHandle::run)
      .function("counts", &DeepStackHandle::counts)
      .function("nanCount", &DeepStackHandle::nan_count)
      .function("mean", &DeepStackHandle::mean)
      .function("stdev", &DeepStackHandle::stdev)
      .function("layers", &DeepStackHandle::layers)
      .function("rowSize", &DeepStackHandle::row_size);
}

}  // namespace normlab::bindings
