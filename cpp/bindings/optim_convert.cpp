#include "optim_convert.hpp"

#include <cmath>

#include "normlab/error.hpp"

namespace normlab::bindings {

using emscripten::val;

OptimConfig optim_config_from(const std::string& op, const val& args) {
  OptimConfig config(optim_kind(op));
  if (args.isUndefined() || args.isNull()) return config;
  if (args.typeOf().as<std::string>() != "object" || args.isArray()) {
    fail("optimizer arguments must be an object of torch.optim keyword arguments");
  }
  const val keys = val::global("Object").call<val>("keys", args);
  const int n = keys["length"].as<int>();
  for (int i = 0; i < n; ++i) {
    const std::string key = keys[i].as<std::string>();
    const val value = args[key];
    if (value.isUndefined()) continue;  // as if absent: PyTorch's default
    switch (optim_arg_type(config.kind, key)) {
      case OptimArgType::number:
        if (!value.isNumber()) fail(key + " must be a number");
        set_optim_number(config, key, value.as<double>());
        break;
      case OptimArgType::flag:
        if (!value.isTrue() && !value.isFalse()) fail(key + " must be true or false");
        set_optim_flag(config, key, value.isTrue());
        break;
      case OptimArgType::pair:
        if (!value.isArray() || value["length"].as<int>() != 2 || !value[0].isNumber() ||
            !value[1].isNumber()) {
          fail(key + " must be a pair of numbers, such as [0.9, 0.999]");
        }
        set_optim_pair(config, key, value[0].as<double>(), value[1].as<double>());
        break;
    }
  }
  return config;
}

int64_t whole_number(double value, const char* what) {
  if (!(std::fabs(value) <= 9007199254740992.0) || value != std::floor(value)) {
    fail(std::string(what) + " must be a whole number, got " + py_float(value));
  }
  return static_cast<int64_t>(value);
}

}  // namespace normlab::bindings
