// Reading the golden cases of tests/golden (written by scripts/gen_golden.py with PyTorch).
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "normlab/norm.hpp"

namespace golden {

using json = nlohmann::json;

// The parsed tests/golden/FAMILY.json.
const json& load(const std::string& family);

normlab::Shape shape_of(const json& tensor);
std::vector<float> data_of(const json& tensor);

// The module a norm case constructs (op and args as in torch.nn).
normlab::NormConfig norm_config(const json& golden_case);

// Every element within the file's tolerance: |want - got| <= atol + rtol * |want|.
::testing::AssertionResult close(const json& want, const float* got, size_t n,
                                 const json& tolerance);
::testing::AssertionResult close(const json& want, const double* got, size_t n,
                                 const json& tolerance);

// Runs every case of a normalization golden file through NormModule and checks, per step, the
// output, the statistics count (also as plan() counts it), the gradients, the running statistics,
// the parameter and buffer shapes, and PyTorch's error messages (from check_input() and forward(),
// with the module's state unchanged afterwards).
void check_norm_cases(const std::string& family);

}  // namespace golden
