#include <gtest/gtest.h>

#include "normlab/error.hpp"
#include "normlab/shape.hpp"

TEST(PyFloat, SpellsNumbersAsPythonRepr) {
  EXPECT_EQ(normlab::py_float(-1.0), "-1.0");
  EXPECT_EQ(normlab::py_float(1e-5), "1e-05");
  EXPECT_EQ(normlab::py_float(0.1), "0.1");
  EXPECT_EQ(normlab::py_float(1.0), "1.0");
  EXPECT_EQ(normlab::py_float(100.0), "100.0");
  EXPECT_EQ(normlab::py_float(0.0001), "0.0001");
  EXPECT_EQ(normlab::py_float(1e16), "1e+16");
  EXPECT_EQ(normlab::py_float(0.999), "0.999");
  EXPECT_EQ(normlab::py_float(-0.5), "-0.5");
}

TEST(Shape, FormatsAsPyTorchDoes) {
  EXPECT_EQ(normlab::format_shape({8, 6, 3, 4}), "[8, 6, 3, 4]");
  EXPECT_EQ(normlab::format_shape({}), "[]");
  EXPECT_EQ(normlab::format_torch_size({100}), "torch.Size([100])");
  EXPECT_EQ(normlab::numel({2, 3, 4}), 24);
  EXPECT_EQ(normlab::numel({}), 1);
}
