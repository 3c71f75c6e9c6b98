// Embind registration of the training layers, the cross-entropy loss and Sequential, for the
// training module (normlab-train.{js,wasm}). Registration only: the JS wrapper owns every
// allocation and turns the returned messages into exceptions.
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include "../convert.hpp"
#include "../optim_convert.hpp"
#include "normlab/train/sequential.hpp"
#include "train_convert.hpp"

namespace normlab::bindings {

namespace {

template <typename V>
uintptr_t ptr(const V& v) {
  return reinterpret_cast<uintptr_t>(v.data());
}

// One layer (torch.nn.Linear, Conv2d, ..., or a norm). Methods return "" or PyTorch's message.
class LayerHandle {
 public:
  std::string configure(const val& spec) {
    return guarded([&] {
      layer_ = make_layer(layer_spec_from(spec));
      params_ = layer_->parameters();
      in_size_ = out_size_ = 0;
    });
  }
  std::string set_training(bool training) {
    return guarded([&] { get().set_training(training); });
  }
  // The output shape for `shape` (checked as forward() checks it) in last_shape().
  std::string check_input(const val& shape) {
    return guarded([&] {
      const Shape s = shape_from(shape);
      check_tensor_sizes(s);
      last_shape_ = get().output_shape(s);
    });
  }
  val last_shape() const { return shape_to_val(last_shape_); }
  // x holds numel(shape) floats, y numel(output shape).
  std::string forward(uintptr_t y, uintptr_t x, const val& shape) {
    return guarded([&] {
      const Shape s = shape_from(shape);
      Layer& l = get();
      check_tensor_sizes(s);
      const Shape out = l.output_shape(s);
      const int64_t n = numel(s), m = numel(out);
      l.forward(heap_array<float>(y, m, "output"), heap_array<const float>(x, n, "input"), s);
      in_size_ = n;
      out_size_ = m;
      last_shape_ = out;
    });
  }
  // grad_input: as many floats as the last forward's input (0: not wanted); grad_output: as its
  // output.
  std::string backward(uintptr_t grad_input, uintptr_t grad_output) {
    return guarded([&] {
      get().backward(optional_heap_array<float>(grad_input, in_size_, "grad_input"),
                     heap_array<const float>(grad_output, out_size_, "grad_output"));
    });
  }
  int parameter_count() const { return static_cast<int>(params_.size()); }
  std::string parameter_name(int i) const { return param(i).name; }
  val parameter_shape(int i) const { return shape_to_val(param(i).shape); }
  uintptr_t parameter(int i) const { return ptr(*param(i).value); }
  uintptr_t parameter_grad(int i) const { return ptr(*param(i).grad); }
  double parameter_size(int i) const { return static_cast<double>(param(i).value->size()); }

 private:
  Layer& get() {
    if (!layer_) fail("the layer was not configured");
    return *layer_;
  }
  const ParameterRef& param(int i) const { return params_.at(static_cast<size_t>(i)); }
  std::unique_ptr<Layer> layer_;
  std::vector<ParameterRef> params_;
  Shape last_shape_;
  int64_t in_size_ = 0, out_size_ = 0;
};

// {shape} of the loss for logits of `shape` and `target_shape` class indices (doubles at
// `target`), or {error}.
val cross_entropy_shape(const val& options, const val& shape, const val& target_shape,
                        uintptr_t target) {
  Shape out;
  const std::string message = guarded([&] {
    const CrossEntropyConfig c = cross_entropy_config_from(options);
    const Shape s = shape_from(shape), t = shape_from(target_shape);
    check_tensor_sizes(s);
    check_tensor_sizes(t);
    out = cross_entropy_output_shape(c, s, t, class_indices(target, numel(t)).data());
  });
  val r = val::object();
  if (message.empty()) {
    r.set("shape", shape_to_val(out));
  } else {
    r.set("error", message);
  }
  return r;
}

// loss (doubles, numel of the loss shape) and, when grad_logits is not 0, grad_logits (floats,
// as the logits) from grad_output (floats, as the loss).
std::string cross_entropy_run(const val& options, uintptr_t loss, uintptr_t grad_logits,
                              uintptr_t logits, uintptr_t target, uintptr_t grad_output,
                              const val& shape, const val& target_shape) {
  return guarded([&] {
    const CrossEntropyConfig c = cross_entropy_config_from(options);
    const Shape s = shape_from(shape), t = shape_from(target_shape);
    check_tensor_sizes(s);
    check_tensor_sizes(t);
    const std::vector<int64_t> idx = class_indices(target, numel(t));
    const Shape out = cross_entropy_output_shape(c, s, t, idx.data());
    const int64_t classes = s.back(), rows = s.size() == 1 ? 1 : s[0];
    const float* z = heap_array<const float>(logits, numel(s), "logits");
    cross_entropy_forward(heap_array<double>(loss, numel(out), "loss"), z, idx.data(), rows,
                          classes, c);
    if (grad_logits) {
      cross_entropy_backward(heap_array<float>(grad_logits, numel(s), "grad_logits"),
                             heap_array<const float>(grad_output, numel(out), "grad_output"), z,
                             idx.data(), rows, classes, c);
    }
  });
}

// A network: layers, loss and optimizer, trained one step per call.
class SequentialHandle {
 public:
  std::string configure(const val& layers, const val& loss, const std::string& op, const val& args,
                        double seed) {
    return guarded([&] {
      if (!layers.isArray()) fail("layers must be a list of layer specs");
      std::vector<LayerSpec> specs;
      const int n = layers["length"].as<int>();
      for (int i = 0; i < n; ++i) specs.push_back(layer_spec_from(layers[i]));
      const CrossEntropyConfig c = cross_entropy_config_from(loss);
      const OptimConfig o = optim_config_from(op, args);
      const int64_t s = count_from(seed, "seed");
      net_ = std::make_unique<Sequential>(specs, c, o, static_cast<uint64_t>(s));
    });
  }
  // x: numel(shape) floats; target: numel(target_shape) class indices as doubles.
  std::string step(uintptr_t x, const val& shape, uintptr_t target, const val& target_shape,
                   bool training) {
    return guarded([&] {
      Sequential& net = get();
      const Shape s = shape_from(shape), t = shape_from(target_shape);
      check_tensor_sizes(s);
      check_tensor_sizes(t);
      const std::vector<int64_t> idx = class_indices(target, numel(t));
      net.step(heap_array<const float>(x, numel(s), "input"), s, idx.data(), t, training);
    });
  }
  uintptr_t output() const { return net_ ? ptr(net_->output()) : 0; }
  double output_size() const { return net_ ? static_cast<double>(net_->output().size()) : 0; }
  val output_shape() const { return net_ ? shape_to_val(net_->output_shape()) : val::array(); }
  double loss() const { return net_ ? net_->loss() : 0; }
  double steps() const { return net_ ? static_cast<double>(net_->steps()) : 0; }

  int parameter_count() const { return net_ ? static_cast<int>(net_->parameters().size()) : 0; }
  std::string parameter_name(int i) const { return param(i).name; }
  val parameter_shape(int i) const { return shape_to_val(param(i).shape); }
  uintptr_t parameter(int i) const { return ptr(*param(i).value); }
  double parameter_size(int i) const { return static_cast<double>(param(i).value->size()); }

  int buffer_count() const { return net_ ? static_cast<int>(net_->buffers().size()) : 0; }
  std::string buffer_name(int i) const { return buffer(i).name; }
  val buffer_shape(int i) const { return shape_to_val(buffer(i).shape); }
  bool buffer_is_count(int i) const { return buffer(i).is_count; }
  double buffer_count_value(int i) const { return static_cast<double>(buffer(i).count); }
  uintptr_t buffer_data(int i) const {
    const BufferRef b = buffer(i);
    return b.values ? ptr(*b.values) : 0;
  }
  double buffer_size(int i) const {
    const BufferRef b = buffer(i);
    return b.values ? static_cast<double>(b.values->size()) : 0;
  }

 private:
  Sequential& get() {
    if (!net_) fail("the network was not configured");
    return *net_;
  }
  const ParameterRef& param(int i) const { return net_->parameters().at(static_cast<size_t>(i)); }
  BufferRef buffer(int i) const { return net_->buffers().at(static_cast<size_t>(i)); }
  std::unique_ptr<Sequential> net_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_train) {
  emscripten::class_<LayerHandle>("LayerHandle")
      .constructor<>()
      .function("configure", &LayerHandle::configure)
      .function("setTraining", &LayerHandle::set_training)
      .function("checkInput", &LayerHandle::check_input)
      .function("lastShape", &LayerHandle::last_shape)
      .function("forward", &LayerHandle::forward)
      .function("backward", &LayerHandle::backward)
      .function("parameterCount", &LayerHandle::parameter_count)
      .function("parameterName", &LayerHandle::parameter_name)
      .function("parameterShape", &LayerHandle::parameter_shape)
      .function("parameter", &LayerHandle::parameter)
      .function("parameterGrad", &LayerHandle::parameter_grad)
      .function("parameterSize", &LayerHandle::parameter_size);
  emscripten::function("crossEntropyShape", &cross_entropy_shape);
  emscripten::function("crossEntropy", &cross_entropy_run);
  emscripten::class_<SequentialHandle>("SequentialHandle")
      .constructor<>()
      .function("configure", &SequentialHandle::configure)
      .function("step", &SequentialHandle::step)
      .function("output", &SequentialHandle::output)
      .function("outputSize", &SequentialHandle::output_size)
      .function("outputShape", &SequentialHandle::output_shape)
      .function("loss", &SequentialHandle::loss)
      .function("steps", &SequentialHandle::steps)
      .function("parameterCount", &SequentialHandle::parameter_count)
      .function("parameterName", &SequentialHandle::parameter_name)
      .function("parameterShape", &SequentialHandle::parameter_shape)
      .function("parameter", &SequentialHandle::parameter)
      .function("parameterSize", &SequentialHandle::parameter_size)
      .function("bufferCount", &SequentialHandle::buffer_count)
      .function("bufferName", &SequentialHandle::buffer_name)
      .function("bufferShape", &SequentialHandle::buffer_shape)
      .function("bufferIsCount", &SequentialHandle::buffer_is_count)
      .function("bufferCountValue", &SequentialHandle::buffer_count_value)
      .function("bufferData", &SequentialHandle::buffer_data)
      .function("bufferSize", &SequentialHandle::buffer_size);
}

}  // namespace normlab::bindings
