#include <gtest/gtest.h>

#include "golden.hpp"

TEST(InstanceNorm, GoldenCasesFromPyTorch) {
  golden::check_norm_cases("instance_norm");
}
