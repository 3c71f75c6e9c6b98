// What the fuzzer (cpp/fuzz/) found, pinned down: sizes whose products overflow int64, a
// remainder that traps, sizes the address space cannot hold, and options that slipped past the
// checks into a float-to-int conversion of infinity. Each case must end in a normlab::Error (or
// std::bad_alloc, which the bindings report as "out of memory") before anything is computed;
// under the native-debug preset, UBSan turns any overflow on the way into a failure.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "norm_testing.hpp"
#include "normlab/demos/batch_spread.hpp"
#include "normlab/demos/deep_stack.hpp"
#include "normlab/demos/surfaces.hpp"
#include "normlab/error.hpp"
#include "normlab/norm.hpp"
#include "normlab/optim/optimizer.hpp"

using normlab::NormConfig;
using normlab::NormKind;
using normlab::NormModule;
using normlab::Shape;
using normtest::message_of;  // "" when nothing is thrown

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

NormConfig layer_norm(Shape normalized_shape, bool affine = true) {
  NormConfig c;
  c.kind = NormKind::layer_norm;
  c.normalized_shape = std::move(normalized_shape);
  c.affine = affine;
  return c;
}

NormConfig channel_norm(NormKind kind, int64_t features, bool affine, bool track, int dims = 1) {
  NormConfig c;
  c.kind = kind;
  c.dims = dims;
  c.num_features = features;
  c.affine = affine;
  c.track_running_stats = track;
  return c;
}

NormConfig group_norm(int64_t groups, int64_t channels, bool affine) {
  NormConfig c;
  c.kind = NormKind::group_norm;
  c.num_groups = groups;
  c.num_features = channels;
  c.affine = affine;
  return c;
}

}  // namespace

// torch.empty counts float32 bytes: 2**61 elements are 2**63 bytes, one past int64.
TEST(Robustness, ParameterSizesThatOverflowGiveTorchsMessage) {
  EXPECT_EQ(message_of([] {
              NormModule m(layer_norm({int64_t{1} << 31, int64_t{1} << 31, 4}));
            }),
            "Storage size calculation overflowed with sizes=[2147483648, 2147483648, 4]");
  EXPECT_EQ(message_of([] { NormModule m(layer_norm({int64_t{1} << 61})); }),
            "Storage size calculation overflowed with sizes=[2305843009213693952]");
  EXPECT_EQ(message_of([] {
              NormModule m(channel_norm(NormKind::batch_norm, int64_t{1} << 62, true, true));
            }),
            "Storage size calculation overflowed with sizes=[4611686018427387904]");
  // negative sizes are still reported first, as torch does
  EXPECT_EQ(message_of([] {
              NormModule m(layer_norm({-1, int64_t{1} << 62, int64_t{1} << 62}));
            }),
            "Trying to create tensor with negative dimension -1: [-1, 4611686018427387904, "
            "4611686018427387904]");
}

TEST(Robustness, InputShapesThatOverflowAreRefusedBeforeAnyProduct) {
  const NormModule ln(layer_norm({4}, false));
  for (const Shape& shape : {Shape{int64_t{1} << 40, int64_t{1} << 30, 4},
                             Shape{int64_t{1} << 60, 4}, Shape{kMax, kMax, 4}}) {
    EXPECT_EQ(message_of([&] { ln.check_input(shape); }),
              "Storage size calculation overflowed with sizes=" + normlab::format_shape(shape));
    EXPECT_EQ(message_of([&] { ln.plan(shape); }), message_of([&] { ln.check_input(shape); }));
  }
  // A zero size does not hide an overflowing product of the others, so that BatchNorm2d's
  // N * H * W check and every layout product stay inside int64 (torch, computing in Python
  // integers, would return an empty tensor here).
  const NormModule bn(channel_norm(NormKind::batch_norm, 4, false, false, 2));
  const Shape empty{2, 0, int64_t{1} << 62, int64_t{1} << 62};
  EXPECT_EQ(message_of([&] { bn.check_input(empty); }),
            "Storage size calculation overflowed with sizes=" + normlab::format_shape(empty));
  // an empty input whose other sizes fit is fine
  EXPECT_EQ(message_of([&] { bn.check_input({0, 4, int64_t{1} << 20, int64_t{1} << 20}); }), "");
}

// Python's -2**63 % -1 is 0; C++'s traps (SIGFPE on x86).
TEST(Robustness, GroupNormRemainderByMinusOneDoesNotTrap) {
  EXPECT_EQ(message_of([] { NormModule m(group_norm(-1, kMin, false)); }), "");
  EXPECT_EQ(message_of([] { NormModule m(group_norm(-1, kMin, true)); }),
            "Trying to create tensor with negative dimension " + std::to_string(kMin) + ": [" +
                std::to_string(kMin) + "]");
}

// GroupNorm's mean and rstd are [N, G]: torch sizes them even for an empty input.
TEST(Robustness, GroupNormStatisticsThatOverflowAreRefused) {
  const NormModule gn(group_norm(int64_t{1} << 62, 0, false));
  EXPECT_EQ(message_of([&] {
              gn.check_input({2, 0});
            }),
            "Storage size calculation overflowed with sizes=[2, 4611686018427387904]");
  EXPECT_EQ(message_of([&] {
              gn.plan({2, 0, 3});
            }),
            "Storage size calculation overflowed with sizes=[2, 4611686018427387904]");
  EXPECT_EQ(message_of([&] { gn.check_input({0, 0}); }), "");
}

// InstanceNorm repeats weight and running statistics N times: N * num_features must fit.
TEST(Robustness, InstanceNormRepeatedParametersThatOverflowAreRefused) {
  const NormModule in(channel_norm(NormKind::instance_norm, 1 << 20, true, false));
  EXPECT_EQ(message_of([&] {
              in.check_input({int64_t{1} << 44, 5, 0});
            }),
            "Storage size calculation overflowed with sizes=[17592186044416, 1048576]");
  // without affine and running statistics num_features is never used, whatever it is
  const NormModule bare(channel_norm(NormKind::instance_norm, kMin, false, false));
  EXPECT_EQ(message_of([&] { bare.check_input({3, 5, 0}); }), "");
}

// dataset * channels * spatial once wrapped around int64 and passed the size check; on wasm32 the
// experiment then wrote past its buffers and trapped the module.
TEST(Robustness, BatchSpreadDatasetSizeCannotOverflowPastItsBound) {
  normlab::BatchSpreadConfig c;
  c.dataset_size = int64_t{1} << 22;
  c.channels = int64_t{1} << 21;
  c.spatial = int64_t{1} << 21;
  const int64_t sizes[] = {1};
  double bn[1], gn[1];
  EXPECT_EQ(message_of([&] { normlab::batch_spread(bn, gn, sizes, c, 1); }),
            "the dataset is too large: at most 16777216 elements");
  c.dataset_size = kMax;
  c.channels = 3;
  c.spatial = 5;
  EXPECT_EQ(message_of([&] { normlab::batch_spread(bn, gn, sizes, c, 1); }),
            "the dataset is too large: at most 16777216 elements");
}

// range 5e-324 made bins / (2 range) infinite, and the histogram converted inf to an integer.
TEST(Robustness, DeepStackRefusesARangeTooSmallForItsBins) {
  normlab::DeepStackConfig c;
  c.depth = 2;
  c.width = 4;
  c.range = std::numeric_limits<double>::denorm_min();
  EXPECT_EQ(message_of([&] { normlab::deep_stack_check(c, 2); }),
            "range must be a finite number > 0, got 5e-324");
  c.range = 1e-300;  // tiny, but its bins are still finite
  EXPECT_EQ(message_of([&] { normlab::deep_stack_check(c, 2); }), "");
}

// x_max - x_min overflowed to inf, so every grid point was x_min + j * inf: NaN.
TEST(Robustness, SurfaceGridRefusesAViewWiderThanADouble) {
  std::vector<float> values(16);
  EXPECT_EQ(message_of([&] {
              normlab::surface_grid(values.data(), normlab::SurfaceKind::bowl,
                                    {-1e308, 1e308, 0, 1}, 4, 4);
            }),
            "the view box must be finite with x_min < x_max and y_min < y_max");
}

// An optimizer whose state the address space cannot hold must fail as an allocation fails: on
// wasm32 the count was cut to size_t (2**32 + 1 became 1) and step() wrote past the buffers.
TEST(Robustness, OptimizerSizesBeyondTheAddressSpaceFailLikeAnAllocation) {
  normlab::OptimConfig c(normlab::OptimKind::adagrad);
  EXPECT_THROW(normlab::Optimizer(c, kMax), std::bad_alloc);
  c = normlab::OptimConfig(normlab::OptimKind::sgd);
  c.lr = 0.1;
  EXPECT_THROW(normlab::Optimizer(c, kMax), std::bad_alloc);
  EXPECT_EQ(message_of([&] { normlab::Optimizer(c, -1); }),
            "Trying to create tensor with negative dimension -1: [-1]");
}
