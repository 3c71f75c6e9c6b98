#include "optim_golden.hpp"

#include <algorithm>

#include "normlab/error.hpp"

namespace golden {

normlab::OptimConfig optim_config(const json& c) {
  const normlab::OptimKind kind = normlab::optim_kind(c.at("op").get<std::string>());
  normlab::OptimConfig config(kind);
  for (const auto& [keyword, value] : c.at("args").items()) {
    switch (normlab::optim_arg_type(kind, keyword)) {
      case normlab::OptimArgType::number:
        normlab::set_optim_number(config, keyword, value.get<double>());
        break;
      case normlab::OptimArgType::flag:
        normlab::set_optim_flag(config, keyword, value.get<bool>());
        break;
      case normlab::OptimArgType::pair:
        normlab::set_optim_pair(config, keyword, value.at(0).get<double>(),
                                value.at(1).get<double>());
        break;
    }
  }
  return config;
}

int check_optim_cases(const std::string& family) {
  static const std::vector<std::string> ops{"sgd", "adam", "adamw", "adagrad", "rmsprop"};
  const json& file = load(family);
  const json& tol = file.at("tolerance");
  int checked = 0;
  for (const json& c : file.at("cases")) {
    if (std::find(ops.begin(), ops.end(), c.at("op").get<std::string>()) == ops.end()) continue;
    ++checked;
    SCOPED_TRACE(c.at("id").get<std::string>());
    const json& param_json = c.at("params").at("param");
    std::vector<float> param = data_of(param_json);
    const auto numel = static_cast<int64_t>(param.size());
    if (c.contains("expect") && c.at("expect").contains("error")) {
      try {
        normlab::Optimizer opt(optim_config(c), numel);
        ADD_FAILURE() << "constructed, want " << c.at("expect").at("error");
      } catch (const normlab::Error& e) {
        EXPECT_EQ(std::string(e.what()), c.at("expect").at("error").get<std::string>());
      }
      continue;
    }
    normlab::Optimizer opt(optim_config(c), numel);
    int index = 0;
    for (const json& st : c.at("steps")) {
      SCOPED_TRACE("step " + std::to_string(index++));
      const std::vector<float> grad = data_of(st.at("grad"));
      if (grad.size() != param.size()) {
        ADD_FAILURE() << grad.size() << " gradient values for " << param.size() << " parameters";
        break;
      }
      opt.step(param.data(), grad.data());
      const json& exp = st.at("expect");
      EXPECT_TRUE(close(exp.at("param"), param.data(), param.size(), tol)) << "param";
      size_t buffers = 0;
      for (const auto& [name, want] : exp.items()) {
        if (name == "param") continue;
        if (name == "step") {
          EXPECT_EQ(opt.steps(), want.get<int64_t>());
          continue;
        }
        ++buffers;
        const normlab::StateBuffer* got = opt.find_state(name);
        if (!got) {
          ADD_FAILURE() << "no state buffer " << name;
          continue;
        }
        EXPECT_TRUE(close(want, got->values.data(), got->values.size(), tol)) << name;
      }
      // where the file records torch's state, it holds exactly these buffers (files written
      // before the state was recorded, such as examples.json, expect the parameter only)
      if (exp.size() > 1) EXPECT_EQ(opt.state().size(), buffers);
    }
  }
  return checked;
}

}  // namespace golden
