// Reading the training golden cases (tests/golden/train_layers.json and train_networks.json,
// written by scripts/gen_golden.py with PyTorch) into the library's types, and running them.
#pragma once

#include <vector>

#include "golden.hpp"
#include "normlab/optim/optimizer.hpp"
#include "normlab/train/layers.hpp"
#include "normlab/train/loss.hpp"

namespace golden {

// {"type": "conv2d", ...} (or a layer case's op and args) -> LayerSpec.
normlab::LayerSpec layer_spec(const json& spec);
normlab::CrossEntropyConfig cross_entropy_config(const json& args);
// args.optimizer ({"op": "sgd", "lr": 0.1, ...}) -> OptimConfig.
normlab::OptimConfig network_optim_config(const json& optimizer);
std::vector<int64_t> targets_of(const json& tensor);

// Every layer case of train_layers.json through make_layer (cross_entropy through loss.hpp):
// outputs, gradients, parameter shapes and PyTorch's messages.
void check_layer_cases();

// Every network of train_networks.json through Sequential: logits, loss, every parameter and
// buffer after each step, and PyTorch's messages (a refused step changes nothing).
void check_network_cases();

}  // namespace golden
