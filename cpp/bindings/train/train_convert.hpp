// JS values -> the training layers' and the loss's configs: {type: "conv2d", in_channels: 1,
// out_channels: 4, kernel_size: 3, padding: 1}, named as the golden schema and torch.nn name them.
// Bulk data never passes through here.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <vector>

#include "normlab/train/layers.hpp"
#include "normlab/train/loss.hpp"

namespace normlab::bindings {

// One layer spec: "type" is linear, conv2d, relu, gelu, avg_pool2d, flatten, batch_norm,
// layer_norm, group_norm or instance_norm, the other keys its torch.nn constructor arguments
// (kernel_size, stride and padding: a whole number or a pair). Absent keys take torch's defaults;
// a value of the wrong type throws Error naming the key.
LayerSpec layer_spec_from(const emscripten::val& spec);

// {type: "cross_entropy", reduction: "mean", label_smoothing: 0, ignore_index: -100}; undefined
// or null: the defaults.
CrossEntropyConfig cross_entropy_config_from(const emscripten::val& options);

// count class indices stored as doubles (JS numbers) at `address` in the heap -> int64.
std::vector<int64_t> class_indices(uintptr_t address, int64_t count);

}  // namespace normlab::bindings
