#include "convert.hpp"

#include <cmath>

namespace normlab::bindings {

Shape shape_from(const val& array) {
  if (!array.isArray()) fail("a shape must be an array of integers");
  Shape shape;
  const int n = array["length"].as<int>();
  for (int i = 0; i < n; ++i) {
    const val item = array[i];
    if (!item.isNumber()) fail("a shape must be an array of integers");
    const double d = item.as<double>();
    if (d != std::floor(d) || std::fabs(d) > 9.0e15) fail("a shape must be an array of integers");
    shape.push_back(static_cast<int64_t>(d));
  }
  return shape;
}

int64_t count_from(double value, const char* what) {
  if (!(std::fabs(value) <= 9007199254740992.0) || value != std::floor(value))
    fail(std::string(what) + " must be a whole number, got " + py_float(value));
  return static_cast<int64_t>(value);
}

val shape_to_val(const Shape& shape) {
  val array = val::array();
  for (int64_t d : shape) array.call<void>("push", static_cast<double>(d));
  return array;
}

val named_shapes_to_val(const NamedShapes& shapes) {
  val array = val::array();
  for (const auto& [name, shape] : shapes) {
    val pair = val::array();
    pair.call<void>("push", val(name));
    pair.call<void>("push", shape_to_val(shape));
    array.call<void>("push", pair);
  }
  return array;
}

namespace {

bool has(const val& options, const char* key) {
  return options.hasOwnProperty(key) && !options[key].isUndefined();
}

double number(const val& options, const char* key, double fallback) {
  if (!has(options, key)) return fallback;
  if (!options[key].isNumber()) fail(std::string(key) + " must be a number");
  return options[key].as<double>();
}

bool flag(const val& options, const char* key, bool fallback) {
  if (!has(options, key)) return fallback;
  if (!options[key].isTrue() && !options[key].isFalse())
    fail(std::string(key) + " must be true or false");
  return options[key].isTrue();
}

int64_t integer(const val& options, const char* key, int64_t fallback) {
  const double d = number(options, key, static_cast<double>(fallback));
  if (d != std::floor(d) || std::fabs(d) > 9.0e15) fail(std::string(key) + " must be an integer");
  return static_cast<int64_t>(d);
}

}  // namespace

NormConfig norm_config_from(const val& options) {
  if (options.isNull() || options.typeOf().as<std::string>() != "object") {
    fail("module options must be an object");
  }
  NormConfig c;
  const std::string op =
      has(options, "op") && options["op"].isString() ? options["op"].as<std::string>() : "";
  if (op == "batch_norm") {
    c.kind = NormKind::batch_norm;
  } else if (op == "layer_norm") {
    c.kind = NormKind::layer_norm;
  } else if (op == "instance_norm") {
    c.kind = NormKind::instance_norm;
  } else if (op == "group_norm") {
    c.kind = NormKind::group_norm;
  } else if (op == "rms_norm") {
    c.kind = NormKind::rms_norm;
  } else {
    fail("unknown normalization: " + op);
  }
  const bool batch = c.kind == NormKind::batch_norm;
  const bool rms = c.kind == NormKind::rms_norm;
  // torch.nn.RMSNorm's eps=None (its default) is the input dtype's machine epsilon
  if (rms && (!has(options, "eps") || options["eps"].isNull())) {
    c.eps = kRmsNormDefaultEps;
  } else {
    c.eps = number(options, "eps", 1e-5);
  }
  c.dims = static_cast<int>(integer(options, "dims", 2));
  c.num_features = integer(options, "num_features", integer(options, "num_channels", 0));
  c.num_groups = integer(options, "num_groups", 1);
  if (has(options, "normalized_shape"))
    c.normalized_shape = shape_from(options["normalized_shape"]);
  c.affine = flag(options, c.kind == NormKind::layer_norm || rms ? "elementwise_affine" : "affine",
                  c.kind != NormKind::instance_norm);
  c.bias = flag(options, "bias", true);
  c.track_running_stats = flag(options, "track_running_stats", batch);
  if (has(options, "momentum") && options["momentum"].isNull()) {
    c.momentum.reset();
  } else {
    c.momentum = number(options, "momentum", 0.1);
  }
  return c;
}

}  // namespace normlab::bindings
