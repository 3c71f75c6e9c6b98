#include "normlab/error.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace normlab {

void fail(const std::string& message) {
  throw Error(message);
}

std::string py_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // Python prints the shortest digits that read back to the same double.
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::string text(buf);
  // %g writes 1e-05 and 1e+20 as Python does, but Python only switches to exponent notation at
  // 1e16 and spells the integers below that with a ".0".
  const auto e = text.find('e');
  if (e != std::string::npos) {
    const int exponent = std::atoi(text.c_str() + e + 1);
    if (exponent >= 0 && exponent < 16) {
      std::snprintf(buf, sizeof buf, "%.1f", value);
      return buf;
    }
    return text;
  }
  if (text.find('.') == std::string::npos) text += ".0";
  return text;
}

}  // namespace normlab
