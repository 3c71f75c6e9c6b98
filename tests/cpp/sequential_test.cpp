// Sequential (sequential.hpp): PyTorch's whole-network golden runs, the seeded initialisation,
// refused steps that change nothing, eval steps, and an SGD step that equals minus the finite-
// difference gradient of the loss.
#include "normlab/train/sequential.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "normlab/error.hpp"
#include "train_golden.hpp"

using namespace normlab;

namespace {

LayerSpec linear(int64_t in, int64_t out, bool bias = true) {
  LayerSpec s;
  s.kind = LayerKind::linear;
  s.linear = {in, out, bias};
  return s;
}

LayerSpec conv(int64_t in, int64_t out) {
  LayerSpec s;
  s.kind = LayerKind::conv2d;
  s.conv2d = {in, out, 3, 3, 1, 1, 1, 1, false};
  return s;
}

LayerSpec of(LayerKind kind) {
  LayerSpec s;
  s.kind = kind;
  return s;
}

LayerSpec norm(NormKind kind, int64_t c) {
  LayerSpec s;
  s.kind = LayerKind::norm;
  s.norm.kind = kind;
  s.norm.num_features = c;
  s.norm.dims = kind == NormKind::batch_norm ? 1 : 2;
  s.norm.normalized_shape = {c};
  return s;
}

OptimConfig sgd(double lr, double momentum = 0) {
  OptimConfig c(OptimKind::sgd);
  c.lr = lr;
  c.momentum = momentum;
  return c;
}

std::vector<float> random_floats(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// parameters and buffers, flattened, to compare two states
std::vector<float> state_of(const Sequential& net) {
  std::vector<float> s;
  for (const auto& p : net.parameters()) s.insert(s.end(), p.value->begin(), p.value->end());
  for (const auto& b : net.buffers()) {
    if (b.is_count) {
      s.push_back(static_cast<float>(b.count));
    } else {
      s.insert(s.end(), b.values->begin(), b.values->end());
    }
  }
  return s;
}

std::vector<LayerSpec> bn_mlp() {
  return {linear(6, 5, false), norm(NormKind::batch_norm, 5), of(LayerKind::gelu), linear(5, 3)};
}

}  // namespace

TEST(Sequential, GoldenNetworksMatchPyTorch) {
  golden::check_network_cases();
}

TEST(Sequential, NamesParametersAndBuffersAsTorch) {
  LayerSpec bn2d = norm(NormKind::batch_norm, 2);
  bn2d.norm.dims = 2;
  Sequential net(
      {conv(1, 2), bn2d, of(LayerKind::relu), of(LayerKind::flatten), linear(2 * 3 * 3, 4)}, {},
      sgd(0.1), 1);
  std::vector<std::string> names;
  for (const auto& p : net.parameters()) names.push_back(p.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"0.weight", "1.weight", "1.bias", "4.weight", "4.bias"}));
  std::vector<std::string> buffers;
  for (const auto& b : net.buffers()) buffers.push_back(b.name);
  EXPECT_EQ(buffers,
            (std::vector<std::string>{"1.running_mean", "1.running_var", "1.num_batches_tracked"}));
  EXPECT_EQ(net.parameters()[0].shape, (Shape{2, 1, 3, 3}));
  EXPECT_EQ(net.output_shape({5, 1, 3, 3}, true), (Shape{5, 4}));
}

TEST(Sequential, SeededInitFollowsTorchsBoundsAndRepeats) {
  const std::vector<LayerSpec> layers{conv(3, 4), norm(NormKind::group_norm, 4),
                                      of(LayerKind::flatten), linear(4 * 2 * 2, 7)};
  std::vector<LayerSpec> fixed = layers;
  fixed[1].norm.num_groups = 2;
  Sequential a(fixed, {}, sgd(0.1), 42), b(fixed, {}, sgd(0.1), 42), c(fixed, {}, sgd(0.1), 43);
  EXPECT_EQ(state_of(a), state_of(b));
  EXPECT_NE(state_of(a), state_of(c));
  const float conv_bound = 1.0f / std::sqrt(27.0f), linear_bound = 1.0f / 4.0f;
  float conv_max = 0, linear_max = 0;
  for (float v : *a.parameter("0.weight")) conv_max = std::max(conv_max, std::fabs(v));
  for (float v : *a.parameter("3.weight")) linear_max = std::max(linear_max, std::fabs(v));
  for (float v : *a.parameter("3.bias")) linear_max = std::max(linear_max, std::fabs(v));
  EXPECT_LE(conv_max, conv_bound);
  EXPECT_GT(conv_max, 0.8f * conv_bound);  // uniform over the range, not a narrower one
  EXPECT_LE(linear_max, linear_bound);
  EXPECT_GT(linear_max, 0.8f * linear_bound);
  EXPECT_EQ(*a.parameter("1.weight"), std::vector<float>(4, 1.0f));
  EXPECT_EQ(*a.parameter("1.bias"), std::vector<float>(4, 0.0f));
}

TEST(Sequential, RefusedStepsChangeNothing) {
  Sequential net(bn_mlp(), {}, sgd(0.1, 0.9), 3), twin(bn_mlp(), {}, sgd(0.1, 0.9), 3);
  const auto x = random_floats(4 * 6, 1);
  const std::vector<int64_t> t{0, 2, 1, 1};
  net.step(x.data(), {4, 6}, t.data(), {4}, true);
  twin.step(x.data(), {4, 6}, t.data(), {4}, true);
  const std::vector<float> before = state_of(net);
  const std::vector<int64_t> out_of_range{0, 3, 1, 1};
  EXPECT_EQ(message_of([&] {
              net.step(x.data(), {4, 6}, out_of_range.data(), {4}, true);
            }),
            "Target 3 is out of bounds.");
  const auto wide = random_floats(4 * 7, 2);
  EXPECT_EQ(message_of([&] {
              net.step(wide.data(), {4, 7}, t.data(), {4}, true);
            }),
            "mat1 and mat2 shapes cannot be multiplied (4x7 and 6x5)");
  EXPECT_EQ(message_of([&] {
              net.step(x.data(), {1, 6}, t.data(), {1}, true);
            }),
            "Expected more than 1 value per channel when training, got input size "
            "torch.Size([1, 5])");
  EXPECT_EQ(message_of([&] {
              net.step(x.data(), {4, 6}, t.data(), {3}, true);
            }),
            "Expected input batch_size (4) to match target batch_size (3).");
  EXPECT_EQ(state_of(net), before);
  EXPECT_EQ(net.steps(), 1);
  // and the next good step is the twin's, which never saw the refused ones (momentum included)
  net.step(x.data(), {4, 6}, t.data(), {4}, true);
  twin.step(x.data(), {4, 6}, t.data(), {4}, true);
  EXPECT_EQ(state_of(net), state_of(twin));
  EXPECT_EQ(net.loss(), twin.loss());
}

TEST(Sequential, EvalStepsUseRunningStatisticsAndChangeNoParameter) {
  Sequential net(bn_mlp(), {}, sgd(0.1), 5);
  const auto x = random_floats(4 * 6, 3);
  const std::vector<int64_t> t{0, 2, 1, 1};
  net.step(x.data(), {4, 6}, t.data(), {4}, true);
  const std::vector<float> train_out = net.output();
  const std::vector<float> before = state_of(net);
  net.step(x.data(), {4, 6}, t.data(), {4}, false);
  EXPECT_EQ(state_of(net), before);
  EXPECT_EQ(net.steps(), 1);
  EXPECT_NE(net.output(), train_out);  // running statistics, not the batch's
  // a batch of one is fine in eval mode
  net.step(x.data(), {1, 6}, t.data(), {1}, false);
  EXPECT_EQ(net.output_shape(), (Shape{1, 3}));
}

TEST(Sequential, SgdStepIsMinusTheFiniteDifferenceGradient) {
  // LayerNorm and GELU: no mode difference, so an eval step's loss is the training loss
  const std::vector<LayerSpec> layers{linear(5, 6), norm(NormKind::layer_norm, 6),
                                      of(LayerKind::gelu), linear(6, 3)};
  Sequential net(layers, {}, sgd(1.0), 9), probe(layers, {}, sgd(1.0), 9);
  const auto x = random_floats(4 * 5, 4);
  const std::vector<int64_t> t{2, 0, 1, 2};
  const std::vector<float> before = *net.parameter("0.weight");
  net.step(x.data(), {4, 5}, t.data(), {4}, true);  // w -= 1 * grad
  const std::vector<float>& after = *net.parameter("0.weight");
  const float h = 1e-2f;
  for (size_t i = 0; i < before.size(); i += 3) {
    std::vector<float>& w = *probe.parameter("0.weight");
    w[i] = before[i] + h;
    probe.step(x.data(), {4, 5}, t.data(), {4}, false);
    const double up = probe.loss();
    w[i] = before[i] - h;
    probe.step(x.data(), {4, 5}, t.data(), {4}, false);
    const double down = probe.loss();
    w[i] = before[i];
    const double fd = (up - down) / (2 * h);
    EXPECT_NEAR(before[i] - after[i], fd, 2e-3 + 1e-2 * std::fabs(fd)) << i;
  }
}

TEST(Sequential, RefusedNetworksGivePyTorchsMessages) {
  std::vector<LayerSpec> gn{conv(1, 4), norm(NormKind::group_norm, 4)};
  gn[1].norm.num_groups = 3;
  EXPECT_EQ(message_of([&] { Sequential(gn, {}, sgd(0.1), 0); }),
            "num_channels must be divisible by num_groups");
  OptimConfig bad(OptimKind::adam);
  bad.lr = -1;
  EXPECT_EQ(message_of([&] { Sequential({linear(2, 2)}, {}, bad, 0); }),
            "Invalid learning rate: -1.0");
  EXPECT_EQ(message_of([&] { Sequential({linear(2, 2)}, {}, OptimConfig(OptimKind::sgd), 0); }),
            "parameter group didn't specify a value of required optimization parameter lr");
  EXPECT_EQ(message_of([&] { Sequential({of(LayerKind::relu)}, {}, sgd(0.1), 0); }),
            "optimizer got an empty parameter list");
  CrossEntropyConfig per_row;
  per_row.reduction = Reduction::none;
  Sequential net({linear(2, 2)}, per_row, sgd(0.1), 0);
  const std::vector<float> x{1, 2};
  const std::vector<int64_t> t{1};
  EXPECT_EQ(message_of([&] {
              net.step(x.data(), {1, 2}, t.data(), {1}, true);
            }),
            "grad can be implicitly created only for scalar outputs");
}
