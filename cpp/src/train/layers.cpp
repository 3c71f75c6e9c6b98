// The Layer objects above the training kernels: parameters and their gradients, the shape checks
// before any work, and what backward() needs from the last forward(). A refused forward() changes
// nothing: the checks come first, and a layer's state moves only after its kernel ran.
#include <memory>
#include <utility>

#include "normlab/error.hpp"
#include "normlab/train/layers.hpp"

namespace normlab {

namespace {

size_t count(int64_t n) {
  return buffer_length(n, sizeof(float));
}

const float* data_or_null(const std::vector<float>& v) {
  return v.empty() ? nullptr : v.data();
}

class LayerBase : public Layer {
 public:
  explicit LayerBase(const LayerSpec& spec) : spec_(spec) {}
  const LayerSpec& spec() const override { return spec_; }

 protected:
  void need_forward() const {
    if (!has_forward_) fail("backward() needs a successful forward() first");
  }
  LayerSpec spec_;
  Shape in_shape_, out_shape_;
  bool has_forward_ = false;
};

// Linear and Conv2d: a weight, an optional bias, and the last input.
class AffineLayer : public LayerBase {
 public:
  AffineLayer(const LayerSpec& spec, const NamedShapes& shapes) : LayerBase(spec), shapes_(shapes) {
    weight_.assign(count(numel(shapes[0].second)), 0.0f);
    grad_weight_.assign(weight_.size(), 0.0f);
    if (shapes.size() > 1) {
      bias_.assign(count(numel(shapes[1].second)), 0.0f);
      grad_bias_.assign(bias_.size(), 0.0f);
    }
  }
  std::vector<ParameterRef> parameters() override {
    std::vector<ParameterRef> refs{{"weight", shapes_[0].second, &weight_, &grad_weight_}};
    if (shapes_.size() > 1) refs.push_back({"bias", shapes_[1].second, &bias_, &grad_bias_});
    return refs;
  }

 protected:
  float* grad_bias_or_null() { return grad_bias_.empty() ? nullptr : grad_bias_.data(); }
  void keep_input(const float* x, const Shape& shape, const Shape& out) {
    input_.assign(x, x + numel(shape));
    in_shape_ = shape;
    out_shape_ = out;
    has_forward_ = true;
  }
  NamedShapes shapes_;
  std::vector<float> weight_, bias_, grad_weight_, grad_bias_, input_;
};

class LinearLayer : public AffineLayer {
 public:
  explicit LinearLayer(const LayerSpec& spec)
      : AffineLayer(spec, linear_parameter_shapes(spec.linear)) {}
  Shape output_shape(const Shape& shape) const override {
    return linear_output_shape(spec_.linear, shape);
  }
  void forward(float* y, const float* x, const Shape& shape) override {
    check_tensor_sizes(shape);
    const Shape out = output_shape(shape);
    const LinearConfig& c = spec_.linear;
    linear_forward(y, x, weight_.data(), data_or_null(bias_), numel(shape, 0, shape.size() - 1),
                   c.in_features, c.out_features);
    keep_input(x, shape, out);
  }
  void backward(float* grad_input, const float* grad_output) override {
    need_forward();
    const LinearConfig& c = spec_.linear;
    linear_backward(grad_input, grad_weight_.data(), grad_bias_or_null(), grad_output,
                    input_.data(), weight_.data(), numel(in_shape_, 0, in_shape_.size() - 1),
                    c.in_features, c.out_features);
  }
};

class Conv2dLayer : public AffineLayer {
 public:
  explicit Conv2dLayer(const LayerSpec& spec)
      : AffineLayer(spec, conv2d_parameter_shapes(spec.conv2d)) {}
  Shape output_shape(const Shape& shape) const override {
    const Conv2dGeometry g = conv2d_geometry(spec_.conv2d, shape);
    if (shape.size() == 3) return {g.out_channels, g.out_h, g.out_w};
    return {g.batch, g.out_channels, g.out_h, g.out_w};
  }
  void forward(float* y, const float* x, const Shape& shape) override {
    check_tensor_sizes(shape);
    const Shape out = output_shape(shape);
    const Conv2dGeometry g = conv2d_geometry(spec_.conv2d, shape);
    conv2d_forward(y, x, weight_.data(), data_or_null(bias_), g);
    keep_input(x, shape, out);
    geometry_ = g;
  }
  void backward(float* grad_input, const float* grad_output) override {
    need_forward();
    conv2d_backward(grad_input, grad_weight_.data(), grad_bias_or_null(), grad_output,
                    input_.data(), weight_.data(), geometry_);
  }

 private:
  Conv2dGeometry geometry_;
};

class ReluLayer : public LayerBase {
 public:
  using LayerBase::LayerBase;
  Shape output_shape(const Shape& shape) const override { return shape; }
  void forward(float* y, const float* x, const Shape& shape) override {
    check_tensor_sizes(shape);
    const int64_t n = numel(shape);
    relu_forward(y, x, n);
    output_.assign(y, y + n);
    in_shape_ = out_shape_ = shape;
    has_forward_ = true;
  }
  void backward(float* grad_input, const float* grad_output) override {
    need_forward();
    if (grad_input)
      relu_backward(grad_input, grad_output, output_.data(), static_cast<int64_t>(output_.size()));
  }

 private:
  std::vector<float> output_;
};

class GeluLayer : public LayerBase {
 public:
  using LayerBase::LayerBase;
  Shape output_shape(const Shape& shape) const override {
    gelu_approximate_from(spec_.approximate);
    return shape;
  }
  void forward(float* y, const float* x, const Shape& shape) override {
    check_tensor_sizes(shape);
    approximate_ = gelu_approximate_from(spec_.approximate);
    const int64_t n = numel(shape);
    gelu_forward(y, x, n, approximate_);
    input_.assign(x, x + n);
    in_shape_ = out_shape_ = shape;
    has_forward_ = true;
  }
  void backward(float* grad_input, const float* grad_output) override {
    need_forward();
    if (grad_input) {
      gelu_backward(grad_input, grad_output, input_.data(), static_cast<int64_t>(input_.size()),
                    approximate_);
    }
  }

 private:
  GeluApproximate approximate_ = GeluApproximate::none;
  std::vector<float> input_;
};

class AvgPoolLayer : public LayerBase {
 public:
  using LayerBase::LayerBase;
  Shape output_shape(const Shape& shape) const override {
    const Pool2dGeometry g = avg_pool2d_geometry(spec_.pool, shape);
    if (shape.size() == 3) return {g.channels, g.out_h, g.out_w};
    return {g.batch, g.channels, g.out_h, g.out_w};
  }
  void forward(float* y, const float* x, const Shape& shape) override {
    check_tensor_sizes(shape);
    out_shape_ = output_shape(shape);
    geometry_ = avg_pool2d_geometry(spec_.pool, shape);
    avg_pool2d_forward(y, x, geometry_);
    in_shape_ = shape;
    has_forward_ = true;
  }
  void backward(float* grad_input, const float* grad_output) override {
    need_forward();
    if (grad_input) avg_pool2d_backward(grad_input, grad_output, geometry_);
  }

 private:
  Pool2dGeometry geometry_;
};

class FlattenLayer : public LayerBase {
 public:
  using LayerBase::LayerBase;
  Shape output_shape(const Shape& shape) const override { return flatten_output_shape(shape); }
  void forward(float* y, const float* x, const Shape& shape) override {
    check_tensor_sizes(shape);
    out_shape_ = output_shape(shape);
    const int64_t n = numel(shape);
    for (int64_t i = 0; i < n; ++i) y[i] = x[i];
    in_shape_ = shape;
    has_forward_ = true;
  }
  void backward(float* grad_input, const float* grad_output) override {
    need_forward();
    if (!grad_input) return;
    const int64_t n = numel(in_shape_);
    for (int64_t i = 0; i < n; ++i) grad_input[i] = grad_output[i];
  }
};

// A NormModule as a layer. Its backward always computes the input gradient, so one that is not
// wanted goes to a scratch buffer.
class NormLayer : public LayerBase {
 public:
  explicit NormLayer(const LayerSpec& spec) : LayerBase(spec), module_(spec.norm) {}
  Shape output_shape(const Shape& shape) const override {
    module_.check_input(shape);
    return shape;
  }
  void forward(float* y, const float* x, const Shape& shape) override {
    module_.forward(y, x, shape);
    in_shape_ = out_shape_ = shape;
    has_forward_ = true;
  }
  void backward(float* grad_input, const float* grad_output) override {
    need_forward();
    if (grad_input) {
      module_.backward(grad_input, grad_output);
    } else {
      scratch_.resize(count(numel(in_shape_)));
      module_.backward(scratch_.data(), grad_output);
    }
  }
  std::vector<ParameterRef> parameters() override {
    std::vector<ParameterRef> refs;
    for (const auto& [name, shape] : module_.parameter_shapes()) {
      const bool w = name == "weight";
      refs.push_back({name, shape, w ? &module_.weight() : &module_.bias(),
                      w ? &module_.grad_weight() : &module_.grad_bias()});
    }
    return refs;
  }
  std::vector<BufferRef> buffers() override {
    std::vector<BufferRef> refs;
    for (const auto& [name, shape] : module_.buffer_shapes()) {
      BufferRef b{name, shape, nullptr, false, 0};
      if (name == "running_mean") b.values = &module_.running_mean();
      if (name == "running_var") b.values = &module_.running_var();
      if (name == "num_batches_tracked") {
        b.is_count = true;
        b.count = module_.num_batches_tracked();
      }
      refs.push_back(b);
    }
    return refs;
  }
  void set_training(bool training) override { module_.set_training(training); }
  NormModule& module() { return module_; }

 private:
  NormModule module_;
  std::vector<float> scratch_;
};

}  // namespace

std::unique_ptr<Layer> make_layer(const LayerSpec& spec) {
  switch (spec.kind) {
    case LayerKind::linear:
      return std::make_unique<LinearLayer>(spec);
    case LayerKind::conv2d:
      return std::make_unique<Conv2dLayer>(spec);
    case LayerKind::relu:
      return std::make_unique<ReluLayer>(spec);
    case LayerKind::gelu:
      return std::make_unique<GeluLayer>(spec);
    case LayerKind::avg_pool2d:
      return std::make_unique<AvgPoolLayer>(spec);
    case LayerKind::flatten:
      return std::make_unique<FlattenLayer>(spec);
    case LayerKind::norm:
      return std::make_unique<NormLayer>(spec);
  }
  fail("unknown layer kind");
}

}  // namespace normlab
