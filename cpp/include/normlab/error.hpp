// Errors: every precondition failure carries the message PyTorch 1.13 raises for the same input,
// word for word, so the page can show a learner exactly what PyTorch would have said.
#pragma once

#include <stdexcept>
#include <string>

namespace normlab {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& message);

// A double the way Python's repr() prints it: 1e-05, 0.1, -1.0, inf, nan.
std::string py_float(double value);

}  // namespace normlab
