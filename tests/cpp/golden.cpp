#include "golden.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <map>

#include "normlab/error.hpp"

namespace golden {

const json& load(const std::string& family) {
  static std::map<std::string, json> cache;
  auto it = cache.find(family);
  if (it == cache.end()) {
    std::ifstream in(std::string(NORMLAB_GOLDEN_DIR) + "/" + family + ".json");
    if (!in) throw std::runtime_error("no golden file for " + family);
    it = cache.emplace(family, json::parse(in)).first;
  }
  return it->second;
}

normlab::Shape shape_of(const json& tensor) {
  return tensor.at("shape").get<normlab::Shape>();
}

std::vector<float> data_of(const json& tensor) {
  std::vector<float> data;
  for (const auto& v : tensor.at("data")) data.push_back(static_cast<float>(v.get<double>()));
  return data;
}

normlab::NormConfig norm_config(const json& c) {
  using normlab::NormKind;
  const std::string op = c.at("op");
  const json& a = c.at("args");
  normlab::NormConfig config;
  config.kind = op == "batch_norm"      ? NormKind::batch_norm
                : op == "layer_norm"    ? NormKind::layer_norm
                : op == "instance_norm" ? NormKind::instance_norm
                : op == "rms_norm"      ? NormKind::rms_norm
                                        : NormKind::group_norm;
  if (config.kind != NormKind::rms_norm) config.eps = a.value("eps", 1e-5);
  if (config.kind == NormKind::rms_norm) {
    // eps null or absent: torch.nn.RMSNorm's eps=None, float32's machine epsilon
    config.eps = a.contains("eps") && !a.at("eps").is_null() ? a.at("eps").get<double>()
                                                             : normlab::kRmsNormDefaultEps;
    config.normalized_shape = a.at("normalized_shape").get<normlab::Shape>();
    config.affine = a.value("elementwise_affine", true);
  } else if (config.kind == NormKind::layer_norm) {
    config.normalized_shape = a.at("normalized_shape").get<normlab::Shape>();
    config.affine = a.value("elementwise_affine", true);
    config.bias = a.value("bias", true);
  } else if (config.kind == NormKind::group_norm) {
    config.num_groups = a.at("num_groups");
    config.num_features = a.at("num_channels");
    config.affine = a.value("affine", true);
  } else {
    const bool batch = config.kind == NormKind::batch_norm;
    config.dims = a.at("dims");
    config.num_features = a.at("num_features");
    config.affine = a.value("affine", batch);
    config.track_running_stats = a.value("track_running_stats", batch);
    if (a.contains("momentum") && a.at("momentum").is_null()) {
      config.momentum.reset();
    } else {
      config.momentum = a.value("momentum", 0.1);
    }
  }
  return config;
}

template <typename T>
static ::testing::AssertionResult close_impl(const json& want, const T* got, size_t n,
                                             const json& tolerance) {
  const double rtol = tolerance.at("rtol"), atol = tolerance.at("atol");
  const json& data = want.at("data");
  if (data.size() != n) {
    return ::testing::AssertionFailure() << n << " values, want " << data.size();
  }
  for (size_t i = 0; i < n; ++i) {
    const double w = data[i].get<double>(), g = static_cast<double>(got[i]);
    if (std::isnan(g) || std::fabs(w - g) > atol + rtol * std::fabs(w)) {
      return ::testing::AssertionFailure() << "[" << i << "]: " << g << " != " << w;
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult close(const json& want, const float* got, size_t n,
                                 const json& tolerance) {
  return close_impl(want, got, n, tolerance);
}
::testing::AssertionResult close(const json& want, const double* got, size_t n,
                                 const json& tolerance) {
  return close_impl(want, got, n, tolerance);
}

static bool same_bytes(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

void check_norm_cases(const std::string& family) {
  const json& file = load(family);
  const json& tol = file.at("tolerance");
  ASSERT_GT(file.at("cases").size(), 0u);
  for (const json& c : file.at("cases")) {
    SCOPED_TRACE(c.at("id").get<std::string>());
    const normlab::NormConfig config = norm_config(c);
    if (c.contains("expect") && c.at("expect").contains("error")) {
      try {
        normlab::NormModule m(config);
        ADD_FAILURE() << "constructed, want " << c.at("expect").at("error");
      } catch (const normlab::Error& e) {
        EXPECT_EQ(std::string(e.what()), c.at("expect").at("error").get<std::string>());
      }
      continue;
    }
    normlab::NormModule m(config);
    json shapes = json::object();
    for (const auto& [name, shape] : m.parameter_shapes()) shapes[name] = shape;
    EXPECT_EQ(shapes, c.at("expect_param_shapes"));
    json buffers = json::object();
    for (const auto& [name, shape] : m.buffer_shapes()) buffers[name] = shape;
    EXPECT_EQ(buffers, c.at("expect_buffer_shapes"));
    if (c.contains("params")) {
      for (const auto& [name, t] : c.at("params").items()) {
        const std::vector<float> values = data_of(t);
        (name == "weight" ? m.weight() : m.bias()) = values;
      }
    }
    int index = 0;
    for (const json& st : c.at("steps")) {
      SCOPED_TRACE("step " + std::to_string(index++));
      const json& exp = st.at("expect");
      m.set_training(st.at("mode") == "train");
      const normlab::Shape shape = shape_of(st.at("input"));
      const std::vector<float> x = data_of(st.at("input"));
      std::vector<float> y(x.size());
      if (exp.contains("error")) {
        const auto running_mean = m.running_mean(), running_var = m.running_var();
        const auto batches = m.num_batches_tracked();
        const auto stat_mean = m.stat_mean();
        try {
          m.check_input(shape);
          ADD_FAILURE() << "check_input accepted it, want " << exp.at("error");
        } catch (const normlab::Error& e) {
          EXPECT_EQ(std::string(e.what()), exp.at("error").get<std::string>()) << "check_input";
        }
        try {
          m.forward(y.data(), x.data(), shape);
          ADD_FAILURE() << "ran, want " << exp.at("error");
        } catch (const normlab::Error& e) {
          EXPECT_EQ(std::string(e.what()), exp.at("error").get<std::string>());
        }
        // A refused call changes nothing (NaN == NaN here: compare the bytes).
        EXPECT_TRUE(same_bytes(running_mean, m.running_mean())) << "running_mean changed";
        EXPECT_TRUE(same_bytes(running_var, m.running_var())) << "running_var changed";
        EXPECT_EQ(batches, m.num_batches_tracked());
        EXPECT_EQ(stat_mean.size(), m.stat_mean().size());
        continue;
      }
      EXPECT_NO_THROW(m.check_input(shape));
      // plan() agrees with the forward pass on the number of statistics groups
      EXPECT_EQ(m.plan(shape).stat_count, exp.at("stat_count").get<int64_t>()) << "plan";
      m.forward(y.data(), x.data(), shape);
      EXPECT_TRUE(close(exp.at("output"), y.data(), y.size(), tol)) << "output";
      EXPECT_EQ(m.stat_count(), exp.at("stat_count").get<int64_t>());
      if (st.contains("grad_output")) {
        const std::vector<float> dy = data_of(st.at("grad_output"));
        std::vector<float> dx(x.size());
        m.backward(dx.data(), dy.data());
        EXPECT_TRUE(close(exp.at("grad_input"), dx.data(), dx.size(), tol)) << "grad_input";
        if (exp.contains("grad_weight")) {
          EXPECT_TRUE(
              close(exp.at("grad_weight"), m.grad_weight().data(), m.grad_weight().size(), tol))
              << "grad_weight";
        }
        if (exp.contains("grad_bias")) {
          EXPECT_TRUE(close(exp.at("grad_bias"), m.grad_bias().data(), m.grad_bias().size(), tol))
              << "grad_bias";
        }
      }
      EXPECT_EQ(m.has_running_stats(), exp.contains("running_mean"));
      if (m.has_running_stats()) {
        EXPECT_TRUE(
            close(exp.at("running_mean"), m.running_mean().data(), m.running_mean().size(), tol))
            << "running_mean";
        EXPECT_TRUE(
            close(exp.at("running_var"), m.running_var().data(), m.running_var().size(), tol))
            << "running_var";
        EXPECT_EQ(m.num_batches_tracked(), exp.at("num_batches_tracked").get<int64_t>());
      }
    }
  }
}

}  // namespace golden
