#include "train_convert.hpp"

#include <cmath>
#include <string>

#include "../convert.hpp"

namespace normlab::bindings {

namespace {

bool has(const val& o, const char* key) {
  return o.hasOwnProperty(key) && !o[key].isUndefined();
}

int64_t whole(const val& v, const char* key) {
  if (!v.isNumber()) fail(std::string(key) + " must be a whole number");
  const double d = v.as<double>();
  if (d != std::floor(d) || std::fabs(d) > 9.0e15)
    fail(std::string(key) + " must be a whole number");
  return static_cast<int64_t>(d);
}

int64_t integer(const val& o, const char* key, int64_t fallback) {
  return has(o, key) ? whole(o[key], key) : fallback;
}

bool flag(const val& o, const char* key, bool fallback) {
  if (!has(o, key)) return fallback;
  if (!o[key].isTrue() && !o[key].isFalse()) fail(std::string(key) + " must be true or false");
  return o[key].isTrue();
}

// kernel_size, stride, padding: n or [h, w]
void pair(const val& o, const char* key, int64_t* h, int64_t* w) {
  if (!has(o, key)) return;
  const val v = o[key];
  if (v.isArray()) {
    const int n = v["length"].as<int>();
    if (n != 1 && n != 2) fail(std::string(key) + " must be a whole number or a pair of them");
    *h = whole(v[0], key);
    *w = whole(v[n - 1], key);
    return;
  }
  *h = *w = whole(v, key);
}

std::string text(const val& o, const char* key, const char* fallback) {
  if (!has(o, key)) return fallback;
  if (!o[key].isString()) fail(std::string(key) + " must be a string");
  return o[key].as<std::string>();
}

}  // namespace

LayerSpec layer_spec_from(const val& spec) {
  if (spec.isNull() || spec.typeOf().as<std::string>() != "object" || spec.isArray())
    fail("a layer spec must be an object {\"type\": ..., ...}");
  const std::string type = text(spec, "type", "");
  LayerSpec s;
  if (type == "linear") {
    s.kind = LayerKind::linear;
    s.linear.in_features = integer(spec, "in_features", 0);
    s.linear.out_features = integer(spec, "out_features", 0);
    s.linear.bias = flag(spec, "bias", true);
  } else if (type == "conv2d") {
    s.kind = LayerKind::conv2d;
    Conv2dConfig& c = s.conv2d;
    c.in_channels = integer(spec, "in_channels", 0);
    c.out_channels = integer(spec, "out_channels", 0);
    if (!has(spec, "kernel_size")) fail("kernel_size is required");
    pair(spec, "kernel_size", &c.kernel_h, &c.kernel_w);
    pair(spec, "stride", &c.stride_h, &c.stride_w);
    pair(spec, "padding", &c.pad_h, &c.pad_w);
    c.bias = flag(spec, "bias", true);
  } else if (type == "relu") {
    s.kind = LayerKind::relu;
  } else if (type == "gelu") {
    s.kind = LayerKind::gelu;
    s.approximate = text(spec, "approximate", "none");
  } else if (type == "avg_pool2d") {
    s.kind = LayerKind::avg_pool2d;
    AvgPool2dConfig& p = s.pool;
    if (!has(spec, "kernel_size")) fail("kernel_size is required");
    pair(spec, "kernel_size", &p.kernel_h, &p.kernel_w);
    p.stride_h = p.kernel_h;
    p.stride_w = p.kernel_w;
    // stride=None (JSON null) also means the kernel size
    if (has(spec, "stride") && !spec["stride"].isNull())
      pair(spec, "stride", &p.stride_h, &p.stride_w);
    pair(spec, "padding", &p.pad_h, &p.pad_w);
  } else if (type == "flatten") {
    s.kind = LayerKind::flatten;
  } else if (type == "batch_norm" || type == "layer_norm" || type == "group_norm" ||
             type == "instance_norm") {
    s.kind = LayerKind::norm;
    val options = val::global("Object").call<val>("assign", val::object(), spec);
    options.set("op", type);
    s.norm = norm_config_from(options);
  } else {
    fail("unknown layer type: " + type);
  }
  return s;
}

CrossEntropyConfig cross_entropy_config_from(const val& o) {
  CrossEntropyConfig c;
  if (o.isUndefined() || o.isNull()) return c;
  if (o.typeOf().as<std::string>() != "object" || o.isArray())
    fail("the loss must be an object {\"type\": \"cross_entropy\", ...}");
  const std::string type = text(o, "type", "cross_entropy");
  if (type != "cross_entropy") fail("unknown loss: " + type + " (expected cross_entropy)");
  c.reduction = reduction_from(text(o, "reduction", "mean"));
  if (has(o, "label_smoothing")) {
    if (!o["label_smoothing"].isNumber()) fail("label_smoothing must be a number");
    c.label_smoothing = o["label_smoothing"].as<double>();
  }
  c.ignore_index = integer(o, "ignore_index", -100);
  return c;
}

std::vector<int64_t> class_indices(uintptr_t address, int64_t count) {
  const double* v = heap_array<const double>(address, count, "target");
  std::vector<int64_t> out(static_cast<size_t>(count > 0 ? count : 0));
  for (size_t i = 0; i < out.size(); ++i) {
    if (v[i] != std::floor(v[i]) || std::fabs(v[i]) > 9.0e15)
      fail("expected scalar type Long but found Float");
    out[i] = static_cast<int64_t>(v[i]);
  }
  return out;
}

}  // namespace normlab::bindings
