// Embind registration of the normalization modules. Registration only: the JS wrapper in
// web/engine/ owns every allocation and turns the returned messages into exceptions.
#include <emscripten/bind.h>

#include <cmath>
#include <memory>

#include "convert.hpp"

namespace normlab::bindings {

namespace {

// One torch.nn normalization module. Methods return "" or PyTorch's message.
class NormHandle {
 public:
  std::string configure(const val& options) {
    return guarded([&] {
      module_ = std::make_unique<NormModule>(norm_config_from(options));
      forward_size_ = 0;
    });
  }
  std::string set_training(bool training) {
    return guarded([&] { get().set_training(training); });
  }
  // y and x hold numel(shape) floats; PyTorch's message about the shape comes first.
  std::string forward(uintptr_t y, uintptr_t x, const val& shape) {
    return guarded([&] {
      const Shape s = shape_from(shape);
      NormModule& m = get();
      m.check_input(s);
      const int64_t n = numel(s);
      m.forward(heap_array<float>(y, n, "output"), heap_array<const float>(x, n, "input"), s);
      forward_size_ = n;
    });
  }
  // Both hold as many floats as the last successful forward's input.
  std::string backward(uintptr_t grad_input, uintptr_t grad_output) {
    return guarded([&] {
      get().backward(heap_array<float>(grad_input, forward_size_, "grad_input"),
                     heap_array<const float>(grad_output, forward_size_, "grad_output"));
    });
  }
  std::string plan(const val& shape) {
    return guarded([&] { plan_ = get().plan(shape_from(shape)); });
  }
  std::string check_input(const val& shape) {
    return guarded([&] { get().check_input(shape_from(shape)); });
  }

  double plan_stat_count() const { return static_cast<double>(plan_.stat_count); }
  uintptr_t plan_group() const { return reinterpret_cast<uintptr_t>(plan_.group.data()); }
  double plan_size() const { return static_cast<double>(plan_.group.size()); }

  double stat_count() const { return module_ ? static_cast<double>(module_->stat_count()) : 0; }
  uintptr_t stat_mean() const { return module_ ? ptr(module_->stat_mean()) : 0; }
  uintptr_t stat_rstd() const { return module_ ? ptr(module_->stat_rstd()) : 0; }
  uintptr_t weight() { return module_ ? ptr(module_->weight()) : 0; }
  uintptr_t bias() { return module_ ? ptr(module_->bias()) : 0; }
  uintptr_t grad_weight() const { return module_ ? ptr(module_->grad_weight()) : 0; }
  uintptr_t grad_bias() const { return module_ ? ptr(module_->grad_bias()) : 0; }
  double weight_size() const { return module_ ? static_cast<double>(module_->weight().size()) : 0; }
  double bias_size() const { return module_ ? static_cast<double>(module_->bias().size()) : 0; }
  val parameter_shapes() const {
    return module_ ? named_shapes_to_val(module_->parameter_shapes()) : val::array();
  }
  val buffer_shapes() const {
    return module_ ? named_shapes_to_val(module_->buffer_shapes()) : val::array();
  }
  bool has_running_stats() const { return module_ && module_->has_running_stats(); }
  uintptr_t running_mean() { return module_ ? ptr(module_->running_mean()) : 0; }
  uintptr_t running_var() { return module_ ? ptr(module_->running_var()) : 0; }
  double running_size() {
    return module_ ? static_cast<double>(module_->running_mean().size()) : 0;
  }
  double num_batches_tracked() const {
    return module_ ? static_cast<double>(module_->num_batches_tracked()) : 0;
  }
  std::string set_num_batches_tracked(double n) {
    return guarded([&] {
      if (!get().has_running_stats()) fail("this module has no num_batches_tracked buffer");
      if (n != std::floor(n) || n < 0 || n > 9.0e15)
        fail("num_batches_tracked must be an integer >= 0");
      get().set_num_batches_tracked(static_cast<int64_t>(n));
    });
  }

 private:
  template <typename V>
  static uintptr_t ptr(const V& v) {
    return reinterpret_cast<uintptr_t>(v.data());
  }
  NormModule& get() {
    if (!module_) fail("the module was not configured");
    return *module_;
  }
  std::unique_ptr<NormModule> module_;
  StatsPlan plan_;
  int64_t forward_size_ = 0;
};

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_norm) {
  emscripten::class_<NormHandle>("NormHandle")
      .constructor<>()
      .function("configure", &NormHandle::configure)
      .function("setTraining", &NormHandle::set_training)
      .function("forward", &NormHandle::forward)
      .function("backward", &NormHandle::backward)
      .function("plan", &NormHandle::plan)
      .function("checkInput", &NormHandle::check_input)
      .function("planStatCount", &NormHandle::plan_stat_count)
      .function("planGroup", &NormHandle::plan_group)
      .function("planSize", &NormHandle::plan_size)
      .function("statCount", &NormHandle::stat_count)
      .function("statMean", &NormHandle::stat_mean)
      .function("statRstd", &NormHandle::stat_rstd)
      .function("weight", &NormHandle::weight)
      .function("bias", &NormHandle::bias)
      .function("gradWeight", &NormHandle::grad_weight)
      .function("gradBias", &NormHandle::grad_bias)
      .function("weightSize", &NormHandle::weight_size)
      .function("biasSize", &NormHandle::bias_size)
      .function("parameterShapes", &NormHandle::parameter_shapes)
      .function("bufferShapes", &NormHandle::buffer_shapes)
      .function("hasRunningStats", &NormHandle::has_running_stats)
      .function("runningMean", &NormHandle::running_mean)
      .function("runningVar", &NormHandle::running_var)
      .function("runningSize", &NormHandle::running_size)
      .function("numBatchesTracked", &NormHandle::num_batches_tracked)
      .function("setNumBatchesTracked", &NormHandle::set_num_batches_tracked);
}

}  // namespace normlab::bindings
