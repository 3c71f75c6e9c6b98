// Times the kernels the page runs, on fixed sizes. The same source is built natively (clang -O3,
// the native-release preset) and to Wasm (-O3 -msimd128, run by Node), so the two timings compare
// the same C++. Prints JSON: {"results": [{"name", "elements", "bytes", "min_s", "median_s"}]},
// where bytes is the modelled traffic of one call (for the bandwidth fraction).
//
// usage: normlab_bench [--quick] [--only SUBSTRING]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "normlab/norm.hpp"
#include "normlab/optim/optimizer.hpp"
#include "normlab/train/sequential.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
// This process's CPU seconds, from Node (Emscripten's clocks are wall clocks).
EM_JS(double, process_cpu_seconds, (), {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
});
#else
#include <ctime>
double process_cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}
#endif

using namespace normlab;

namespace {

using Clock = std::chrono::steady_clock;

struct Result {
  std::string name;
  int64_t elements;
  double bytes;
  double min_s, median_s;
};

bool quick = false;
std::string only;
std::vector<Result> results;

std::vector<float> random_buffer(size_t n, uint32_t seed, float scale = 1.0f, float shift = 0.0f) {
  std::vector<float> v(n);
  uint32_t s = seed * 2654435761u + 1;
  for (float& x : v) {
    s = s * 1664525u + 1013904223u;
    x = shift + scale * (static_cast<float>(s >> 8) / 16777216.0f - 0.5f) * 3.4641f;
  }
  return v;
}

// Runs f until `min_reps` repetitions and at least `min_seconds` (bounded by max_reps).
// With cpu_time, times are this process's CPU seconds rather than wall seconds: what an idle
// machine would show when other processes share the cores (the training steps use it; the
// memory-bound kernels keep wall time, which their bandwidth fractions need).
void measure(const std::string& name, int64_t elements, double bytes,
             const std::function<void()>& f, bool cpu_time = false) {
  if (!only.empty() && name.find(only) == std::string::npos) return;
  // Warm up for a while, not once: it pages in the buffers, and V8 first runs Wasm through its
  // baseline compiler (Liftoff) and swaps in optimized code only after calls (no on-stack
  // replacement), so one call leaves a short kernel timed as unoptimized code.
  const double warm_seconds = quick ? 0.01 : 0.1;
  for (auto t0 = Clock::now();
       std::chrono::duration<double>(Clock::now() - t0).count() < warm_seconds;) {
    f();
  }
  const int min_reps = quick ? 3 : 7, max_reps = quick ? 10 : 1000;
  const double min_seconds = quick ? 0.05 : 0.4;
  std::vector<double> times;
  double total = 0;
  while (static_cast<int>(times.size()) < max_reps &&
         (static_cast<int>(times.size()) < min_reps || total < min_seconds)) {
    const auto t0 = Clock::now();
    const double c0 = cpu_time ? process_cpu_seconds() : 0;
    f();
    const double dt = cpu_time ? process_cpu_seconds() - c0
                               : std::chrono::duration<double>(Clock::now() - t0).count();
    times.push_back(dt);
    total += dt;
  }
  std::sort(times.begin(), times.end());
  results.push_back({name, elements, bytes, times.front(), times[times.size() / 2]});
  std::fprintf(stderr, "  %-44s min %.3g s\n", name.c_str(), times.front());
}

// The bandwidth reference: a plain copy loop over the same kind of buffers.
void copy_loop(float* __restrict y, const float* __restrict x, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = x[i];
}

void bench_copy() {
  const int64_t n = (64 << 20) / 4;
  auto x = random_buffer(static_cast<size_t>(n), 1);
  std::vector<float> y(x.size());
  measure("copy@64MB", n, 8.0 * static_cast<double>(n), [&] { copy_loop(y.data(), x.data(), n); });
}

void bench_layer_norm(int64_t rows, int64_t cols, const std::string& label) {
  const auto n = static_cast<size_t>(rows * cols);
  auto x = random_buffer(n, 2), w = random_buffer(static_cast<size_t>(cols), 3, 0.5f, 1.0f);
  auto b = random_buffer(static_cast<size_t>(cols), 4);
  std::vector<float> y(n), rstd(static_cast<size_t>(rows));
  std::vector<double> mean(static_cast<size_t>(rows));
  measure("layer_norm_forward@" + label, rows * cols, 8.0 * static_cast<double>(n), [&] {
    layer_norm_forward(y.data(), mean.data(), rstd.data(), x.data(), w.data(), b.data(), rows, cols,
                       1e-5f);
  });
}

void bench_layer_norm_backward(int64_t rows, int64_t cols, const std::string& label) {
  const auto n = static_cast<size_t>(rows * cols);
  auto x = random_buffer(n, 5), dy = random_buffer(n, 6);
  auto w = random_buffer(static_cast<size_t>(cols), 7, 0.5f, 1.0f);
  std::vector<float> y(n), dx(n), dw(static_cast<size_t>(cols)), db(static_cast<size_t>(cols));
  std::vector<float> rstd(static_cast<size_t>(rows));
  std::vector<double> mean(static_cast<size_t>(rows));
  layer_norm_forward(y.data(), mean.data(), rstd.data(), x.data(), w.data(), nullptr, rows, cols,
                     1e-5f);
  // reads x and grad_output, writes grad_input
  measure("layer_norm_backward@" + label, rows * cols, 12.0 * static_cast<double>(n), [&] {
    layer_norm_backward(dx.data(), dw.data(), db.data(), dy.data(), x.data(), mean.data(),
                        rstd.data(), w.data(), rows, cols);
  });
}

// BatchNorm2d training forward: the batch statistics, then the normalization.
void bench_batch_norm(int64_t batch, int64_t channels, int64_t spatial, const std::string& label) {
  const auto n = static_cast<size_t>(batch * channels * spatial);
  auto x = random_buffer(n, 8), w = random_buffer(static_cast<size_t>(channels), 9, 0.5f, 1.0f);
  auto b = random_buffer(static_cast<size_t>(channels), 10);
  std::vector<float> y(n), var(static_cast<size_t>(channels)), rstd(static_cast<size_t>(channels));
  std::vector<double> mean(static_cast<size_t>(channels));
  ChannelLayout layout;
  layout.batch = batch;
  layout.channels = channels;
  layout.spatial = spatial;
  measure("batch_norm_train_forward@" + label, static_cast<int64_t>(n),
          8.0 * static_cast<double>(n), [&] {
            channel_moments(mean.data(), var.data(), x.data(), batch, channels, spatial);
            for (int64_t c = 0; c < channels; ++c) {
              rstd[static_cast<size_t>(c)] = 1.0f / std::sqrt(var[static_cast<size_t>(c)] + 1e-5f);
            }
            channel_norm_forward(y.data(), x.data(), mean.data(), rstd.data(), w.data(), b.data(),
                                 layout);
          });
}

void bench_group_norm(int64_t batch, int64_t channels, int64_t spatial, int64_t groups,
                      const std::string& label) {
  const auto n = static_cast<size_t>(batch * channels * spatial);
  const int64_t rows = batch * groups, cols = channels / groups * spatial;
  auto x = random_buffer(n, 11), w = random_buffer(static_cast<size_t>(channels), 12, 0.5f, 1.0f);
  auto b = random_buffer(static_cast<size_t>(channels), 13);
  std::vector<float> y(n), var(static_cast<size_t>(rows)), rstd(static_cast<size_t>(rows));
  std::vector<double> mean(static_cast<size_t>(rows));
  ChannelLayout layout;
  layout.batch = batch;
  layout.channels = channels;
  layout.spatial = spatial;
  layout.per_sample = groups;
  layout.channels_per_stat = channels / groups;
  measure("group_norm_forward@" + label, static_cast<int64_t>(n), 8.0 * static_cast<double>(n),
          [&] {
            row_moments(mean.data(), var.data(), x.data(), rows, cols);
            for (int64_t r = 0; r < rows; ++r) {
              rstd[static_cast<size_t>(r)] = 1.0f / std::sqrt(var[static_cast<size_t>(r)] + 1e-5f);
            }
            channel_norm_forward(y.data(), x.data(), mean.data(), rstd.data(), w.data(), b.data(),
                                 layout);
          });
}

void bench_optimizer(const char* op, OptimConfig config, int64_t n, const std::string& label,
                     double bytes_per_param) {
  auto p = random_buffer(static_cast<size_t>(n), 14), g = random_buffer(static_cast<size_t>(n), 15);
  Optimizer opt(config, n);
  measure(std::string(op) + "_step@" + label, n, bytes_per_param * static_cast<double>(n),
          [&] { opt.step(p.data(), g.data()); });
}

// One training step (forward, backward, Adam) of the training lab's default network, cnn8x8:
// Conv3x3 1->16, norm, ReLU, Conv3x3 16->32, norm, ReLU, AvgPool 2, Flatten, Linear 512->10,
// cross-entropy, Adam 1e-3, on a batch of 32 8x8 images. norm is "none", "bn" or "gn" (GroupNorm
// with 4 groups). Named train_step@cnn8x8-NORM@32; bytes 0 (not a bandwidth-bound kernel).
void bench_train_step(const std::string& norm, int64_t batch) {
  const std::string name = "train_step@cnn8x8-" + norm + "@" + std::to_string(batch);
  if (!only.empty() && name.find(only) == std::string::npos) return;
  auto conv = [](int64_t in, int64_t out) {
    LayerSpec s;
    s.kind = LayerKind::conv2d;
    s.conv2d.in_channels = in;
    s.conv2d.out_channels = out;
    s.conv2d.kernel_h = s.conv2d.kernel_w = 3;
    s.conv2d.pad_h = s.conv2d.pad_w = 1;
    return s;
  };
  auto norm_layer = [&](int64_t channels) {
    LayerSpec s;
    s.kind = LayerKind::norm;
    if (norm == "bn") {
      s.norm.kind = NormKind::batch_norm;
      s.norm.num_features = channels;
    } else {
      s.norm.kind = NormKind::group_norm;
      s.norm.num_features = channels;
      s.norm.num_groups = 4;
    }
    return s;
  };
  LayerSpec relu, pool, flatten, linear;
  relu.kind = LayerKind::relu;
  pool.kind = LayerKind::avg_pool2d;
  pool.pool.kernel_h = pool.pool.kernel_w = pool.pool.stride_h = pool.pool.stride_w = 2;
  flatten.kind = LayerKind::flatten;
  linear.kind = LayerKind::linear;
  linear.linear.in_features = 512;
  linear.linear.out_features = 10;
  std::vector<LayerSpec> layers{conv(1, 16)};
  if (norm != "none") layers.push_back(norm_layer(16));
  layers.push_back(relu);
  layers.push_back(conv(16, 32));
  if (norm != "none") layers.push_back(norm_layer(32));
  layers.push_back(relu);
  layers.push_back(pool);
  layers.push_back(flatten);
  layers.push_back(linear);
  OptimConfig adam(OptimKind::adam);
  adam.lr = 1e-3;
  Sequential net(layers, CrossEntropyConfig{}, adam, 0);
  const auto x = random_buffer(static_cast<size_t>(batch * 64), 16);
  std::vector<int64_t> target(static_cast<size_t>(batch));
  for (int64_t i = 0; i < batch; ++i) target[static_cast<size_t>(i)] = (i * 7) % 10;
  measure(
      name, batch, 0,
      [&] {
        net.step(x.data(), {batch, 1, 8, 8}, target.data(), {batch}, true);
      },
      true);
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
  }
  const int64_t big768 = (64 << 20) / 4 / 768, big4096 = (64 << 20) / 4 / 4096;
  bench_copy();
  bench_layer_norm(64, 768, "64x768");
  bench_layer_norm(big768, 768, std::to_string(big768) + "x768");
  bench_layer_norm(16, 4096, "16x4096");
  bench_layer_norm(big4096, 4096, std::to_string(big4096) + "x4096");
  bench_layer_norm_backward(big768, 768, std::to_string(big768) + "x768");
  bench_layer_norm_backward(big4096, 4096, std::to_string(big4096) + "x4096");
  bench_batch_norm(32, 64, 56 * 56, "32x64x56x56");
  bench_group_norm(32, 64, 56 * 56, 32, "32x64x56x56");
  OptimConfig adam(OptimKind::adam), adamw(OptimKind::adamw), sgd(OptimKind::sgd);
  adam.lr = 1e-3;
  adamw.lr = 1e-3;
  sgd.lr = 0.01;
  sgd.momentum = 0.9;
  // reads param, grad, exp_avg, exp_avg_sq and writes the three updated: 28 bytes a parameter
  bench_optimizer("adam", adam, 1 << 20, "1M", 28);
  bench_optimizer("adam", adam, 16 << 20, "16M", 28);
  bench_optimizer("adamw", adamw, 16 << 20, "16M", 28);
  // reads param, grad, momentum_buffer and writes two: 20 bytes a parameter
  bench_optimizer("sgd_momentum", sgd, 16 << 20, "16M", 20);
  for (const char* norm : {"none", "bn", "gn"}) bench_train_step(norm, 32);

  std::printf("{\"results\": [");
  for (size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    std::printf(
        "%s\n  {\"name\": \"%s\", \"elements\": %lld, \"bytes\": %.0f, \"min_s\": %.9g, "
        "\"median_s\": %.9g}",
        i ? "," : "", r.name.c_str(), static_cast<long long>(r.elements), r.bytes, r.min_s,
        r.median_s);
  }
  std::printf("\n]}\n");
  return 0;
}
