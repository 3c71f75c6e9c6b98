#include <gtest/gtest.h>

#include "golden.hpp"

TEST(BatchNorm, GoldenCasesFromPyTorch) {
  golden::check_norm_cases("batch_norm");
}
