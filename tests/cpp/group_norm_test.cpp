#include <gtest/gtest.h>

#include "golden.hpp"

TEST(GroupNorm, GoldenCasesFromPyTorch) {
  golden::check_norm_cases("group_norm");
}
