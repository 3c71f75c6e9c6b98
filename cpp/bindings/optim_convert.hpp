// JS values -> optimizer arguments: {lr: 0.01, betas: [0.9, 0.999], ...}, named as torch.optim's
// keywords. Bulk data never passes through here.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "normlab/optim/optimizer.hpp"

namespace normlab::bindings {

// `args` is an object of torch.optim keyword arguments (undefined or null: none). An absent or
// undefined key takes PyTorch's default; a key the class does not have throws Error with Python's
// message; a value of the wrong type throws Error naming the keyword. Values are not range-checked
// here: Optimizer and optimizer_memory raise PyTorch's messages for those.
OptimConfig optim_config_from(const std::string& op, const emscripten::val& args);

// A JS number that must be a whole number (within 2^53); `what` names it in the message. Ranges are
// the library's to check.
int64_t whole_number(double value, const char* what);

}  // namespace normlab::bindings
