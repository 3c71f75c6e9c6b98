// Optimizer golden cases (tests/golden/optim.json and the optimizer cases of examples.json)
// through normlab::Optimizer. Reading the files is golden.hpp's; this adds the optimizer side.
#pragma once

#include <string>

#include "golden.hpp"
#include "normlab/optim/optimizer.hpp"

namespace golden {

// The optimizer a case constructs: op and args as torch.optim keywords. Throws normlab::Error
// with Python's message for a keyword the class does not have.
normlab::OptimConfig optim_config(const json& golden_case);

// Runs every optimizer case of a golden file and checks, per step, the parameter, each state
// buffer and the step counter PyTorch recorded, and the constructor's messages. Returns how many
// cases were checked.
int check_optim_cases(const std::string& family);

}  // namespace golden
