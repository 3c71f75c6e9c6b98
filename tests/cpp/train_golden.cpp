#include "train_golden.hpp"

#include <functional>
#include <memory>
#include <string>

#include "normlab/error.hpp"
#include "normlab/train/sequential.hpp"
#include "optim_golden.hpp"

namespace golden {

namespace {

void pair(const json& a, const char* key, int64_t* h, int64_t* w) {
  if (!a.contains(key) || a.at(key).is_null()) return;
  const json& v = a.at(key);
  if (v.is_array()) {
    *h = v.at(0);
    *w = v.at(v.size() - 1);
  } else {
    *h = *w = v.get<int64_t>();
  }
}

std::string message_of_call(const std::function<void()>& f) {
  try {
    f();
  } catch (const normlab::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

normlab::LayerSpec layer_spec(const json& spec) {
  using normlab::LayerKind;
  normlab::LayerSpec s;
  const std::string type = spec.at("type");
  if (type == "linear") {
    s.kind = LayerKind::linear;
    s.linear.in_features = spec.at("in_features");
    s.linear.out_features = spec.at("out_features");
    s.linear.bias = spec.value("bias", true);
  } else if (type == "conv2d") {
    s.kind = LayerKind::conv2d;
    auto& c = s.conv2d;
    c.in_channels = spec.at("in_channels");
    c.out_channels = spec.at("out_channels");
    pair(spec, "kernel_size", &c.kernel_h, &c.kernel_w);
    pair(spec, "stride", &c.stride_h, &c.stride_w);
    pair(spec, "padding", &c.pad_h, &c.pad_w);
    c.bias = spec.value("bias", true);
  } else if (type == "relu") {
    s.kind = LayerKind::relu;
  } else if (type == "gelu") {
    s.kind = LayerKind::gelu;
    s.approximate = spec.value("approximate", "none");
  } else if (type == "avg_pool2d") {
    s.kind = LayerKind::avg_pool2d;
    auto& p = s.pool;
    pair(spec, "kernel_size", &p.kernel_h, &p.kernel_w);
    p.stride_h = p.kernel_h;
    p.stride_w = p.kernel_w;
    pair(spec, "stride", &p.stride_h, &p.stride_w);
    pair(spec, "padding", &p.pad_h, &p.pad_w);
  } else if (type == "flatten") {
    s.kind = LayerKind::flatten;
  } else {
    s.kind = LayerKind::norm;
    json args = spec;
    args.erase("type");
    if ((type == "batch_norm" || type == "instance_norm") && !args.contains("dims"))
      args["dims"] = 2;
    s.norm = norm_config(json{{"op", type}, {"args", args}});
  }
  return s;
}

normlab::CrossEntropyConfig cross_entropy_config(const json& a) {
  normlab::CrossEntropyConfig c;
  c.reduction = normlab::reduction_from(a.value("reduction", "mean"));
  c.label_smoothing = a.value("label_smoothing", 0.0);
  c.ignore_index = a.value("ignore_index", -100);
  return c;
}

normlab::OptimConfig network_optim_config(const json& o) {
  json args = o;
  args.erase("op");
  return optim_config(json{{"op", o.at("op")}, {"args", args}});
}

std::vector<int64_t> targets_of(const json& t) {
  return t.at("data").get<std::vector<int64_t>>();
}

static void check_cross_entropy_case(const json& c, const json& tol) {
  for (const json& st : c.at("steps")) {
    normlab::CrossEntropyConfig config;
    const json& exp = st.at("expect");
    const normlab::Shape shape = shape_of(st.at("input")), tshape = shape_of(st.at("target"));
    const std::vector<float> x = data_of(st.at("input"));
    const std::vector<int64_t> t = targets_of(st.at("target"));
    normlab::Shape out;
    // as in torch, the reduction's name is checked when the loss runs
    const std::string msg = message_of_call([&] {
      config = cross_entropy_config(c.at("args"));
      out = normlab::cross_entropy_output_shape(config, shape, tshape, t.data());
    });
    if (exp.contains("error")) {
      EXPECT_EQ(msg, exp.at("error").get<std::string>()) << c.at("id");
      continue;
    }
    ASSERT_EQ(msg, "") << c.at("id");
    const int64_t rows = shape.size() == 1 ? 1 : shape[0];
    std::vector<double> loss(static_cast<size_t>(normlab::numel(out)));
    normlab::cross_entropy_forward(loss.data(), x.data(), t.data(), rows, shape.back(), config);
    EXPECT_TRUE(close(exp.at("output"), loss.data(), loss.size(), tol)) << c.at("id");
    const std::vector<float> go = data_of(st.at("grad_output"));
    std::vector<float> gx(x.size());
    normlab::cross_entropy_backward(gx.data(), go.data(), x.data(), t.data(), rows, shape.back(),
                                    config);
    EXPECT_TRUE(close(exp.at("grad_input"), gx.data(), gx.size(), tol)) << c.at("id");
  }
}

static void check_layer_case(const json& c, const json& tol) {
  const std::string id = c.at("id");
  json spec = c.at("args");
  spec["type"] = c.at("op");
  std::unique_ptr<normlab::Layer> layer;
  const std::string built = message_of_call([&] { layer = normlab::make_layer(layer_spec(spec)); });
  if (c.contains("expect") && c.at("expect").contains("error")) {
    EXPECT_EQ(built, c.at("expect").at("error").get<std::string>()) << id;
    return;
  }
  ASSERT_EQ(built, "") << id;
  auto params = layer->parameters();
  ASSERT_EQ(params.size(), c.at("expect_param_shapes").size()) << id;
  for (auto& p : params) {
    EXPECT_EQ(p.shape, c.at("expect_param_shapes").at(p.name).get<normlab::Shape>()) << id;
    if (c.contains("params") && c.at("params").contains(p.name))
      *p.value = data_of(c.at("params").at(p.name));
  }
  for (const json& st : c.at("steps")) {
    const json& exp = st.at("expect");
    layer->set_training(st.at("mode") == "train");
    const normlab::Shape shape = shape_of(st.at("input"));
    const std::vector<float> x = data_of(st.at("input"));
    normlab::Shape out;
    const std::string msg = message_of_call([&] { out = layer->output_shape(shape); });
    if (exp.contains("error")) {
      EXPECT_EQ(msg, exp.at("error").get<std::string>()) << id;
      // forward() refuses with the same message and writes nothing
      std::vector<float> y(64, 7.0f);
      EXPECT_EQ(message_of_call([&] { layer->forward(y.data(), x.data(), shape); }), msg) << id;
      EXPECT_EQ(y, std::vector<float>(64, 7.0f)) << id;
      continue;
    }
    ASSERT_EQ(msg, "") << id;
    EXPECT_EQ(out, shape_of(exp.at("output"))) << id;
    std::vector<float> y(static_cast<size_t>(normlab::numel(out)));
    layer->forward(y.data(), x.data(), shape);
    EXPECT_TRUE(close(exp.at("output"), y.data(), y.size(), tol)) << id;
    if (!st.contains("grad_output")) continue;
    const std::vector<float> go = data_of(st.at("grad_output"));
    std::vector<float> gx(x.size());
    layer->backward(gx.data(), go.data());
    EXPECT_TRUE(close(exp.at("grad_input"), gx.data(), gx.size(), tol)) << id;
    for (const auto& p : layer->parameters())
      EXPECT_TRUE(close(exp.at("grad_" + p.name), p.grad->data(), p.grad->size(), tol)) << id;
  }
}

void check_layer_cases() {
  const json& file = load("train_layers");
  const json& tol = file.at("tolerance");
  for (const json& c : file.at("cases")) {
    if (c.at("op") == "cross_entropy") {
      check_cross_entropy_case(c, tol);
    } else {
      check_layer_case(c, tol);
    }
  }
}

void check_network_cases() {
  const json& file = load("train_networks");
  const json& tol = file.at("tolerance");
  for (const json& c : file.at("cases")) {
    const std::string id = c.at("id");
    const json& a = c.at("args");
    std::unique_ptr<normlab::Sequential> net;
    const std::string built = message_of_call([&] {
      std::vector<normlab::LayerSpec> specs;
      for (const json& l : a.at("layers")) specs.push_back(layer_spec(l));
      net = std::make_unique<normlab::Sequential>(
          specs, cross_entropy_config(a.value("loss", json::object())),
          network_optim_config(a.at("optimizer")), 0);
    });
    if (c.contains("expect") && c.at("expect").contains("error")) {
      EXPECT_EQ(built, c.at("expect").at("error").get<std::string>()) << id;
      continue;
    }
    ASSERT_EQ(built, "") << id;
    ASSERT_EQ(net->parameters().size(), c.at("expect_param_shapes").size()) << id;
    for (const auto& p : net->parameters()) {
      EXPECT_EQ(p.shape, c.at("expect_param_shapes").at(p.name).get<normlab::Shape>()) << id;
      *net->parameter(p.name) = data_of(c.at("params").at(p.name));
    }
    for (const json& st : c.at("steps")) {
      const json& exp = st.at("expect");
      const std::vector<float> x = data_of(st.at("input"));
      const std::vector<int64_t> t = targets_of(st.at("target"));
      const int64_t before = net->steps();
      const std::string msg = message_of_call([&] {
        net->step(x.data(), shape_of(st.at("input")), t.data(), shape_of(st.at("target")),
                  st.at("mode") == "train");
      });
      if (exp.contains("error")) {
        EXPECT_EQ(msg, exp.at("error").get<std::string>()) << id;
        EXPECT_EQ(net->steps(), before) << id;
        continue;
      }
      ASSERT_EQ(msg, "") << id;
      EXPECT_EQ(net->output_shape(), shape_of(exp.at("output"))) << id;
      EXPECT_TRUE(close(exp.at("output"), net->output().data(), net->output().size(), tol)) << id;
      const double loss = net->loss();
      EXPECT_TRUE(close(exp.at("loss"), &loss, 1, tol)) << id;
      for (const auto& p : net->parameters()) {
        EXPECT_TRUE(close(exp.at("param:" + p.name), p.value->data(), p.value->size(), tol))
            << id << " " << p.name;
      }
      for (const auto& b : net->buffers()) {
        const json& want = exp.at("buffer:" + b.name);
        if (b.is_count) {
          EXPECT_EQ(b.count, want.get<int64_t>()) << id << " " << b.name;
        } else {
          EXPECT_TRUE(close(want, b.values->data(), b.values->size(), tol)) << id << " " << b.name;
        }
      }
    }
  }
}

}  // namespace golden
