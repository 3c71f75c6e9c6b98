// The benchmark's plain-JS baselines: the same algorithms as the C++ kernels (two passes per row,
// one fused loop per optimizer step), written straightforwardly on Float32Array, as a page
// without Wasm would compute them. Timed with the same sizes and repetition rule as the C++.
const now = () => performance.now() / 1000;

function randomBuffer(n, seed, scale = 1, shift = 0) {
  const v = new Float32Array(n);
  let s = (Math.imul(seed, 2654435761) + 1) >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = shift + scale * ((s >>> 8) / 16777216 - 0.5) * 3.4641;
  }
  return v;
}

function layerNormForward(y, mean, rstd, x, w, b, rows, cols, eps) {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += x[o + j];
    const m = s / cols;
    let q = 0;
    for (let j = 0; j < cols; j++) {
      const d = x[o + j] - m;
      q += d * d;
    }
    const inv = 1 / Math.sqrt(q / cols + eps);
    mean[r] = m;
    rstd[r] = inv;
    for (let j = 0; j < cols; j++) y[o + j] = (x[o + j] - m) * inv * w[j] + b[j];
  }
}

function layerNormBackward(dx, dw, db, dy, x, mean, rstd, w, rows, cols) {
  dw.fill(0);
  db.fill(0);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const m = mean[r];
    const s = rstd[r];
    let a = 0;
    let bsum = 0;
    for (let j = 0; j < cols; j++) {
      const xhat = (x[o + j] - m) * s;
      const g = dy[o + j] * w[j];
      a += g;
      bsum += g * xhat;
      dw[j] += dy[o + j] * xhat;
      db[j] += dy[o + j];
    }
    const ma = a / cols;
    const mb = bsum / cols;
    for (let j = 0; j < cols; j++) {
      const xhat = (x[o + j] - m) * s;
      dx[o + j] = s * (dy[o + j] * w[j] - ma - xhat * mb);
    }
  }
}

function batchNormTrainForward(y, x, w, b, n, c, hw, eps) {
  const count = n * hw;
  for (let ch = 0; ch < c; ch++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const o = (i * c + ch) * hw;
      for (let k = 0; k < hw; k++) s += x[o + k];
    }
    const m = s / count;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const o = (i * c + ch) * hw;
      for (let k = 0; k < hw; k++) {
        const d = x[o + k] - m;
        q += d * d;
      }
    }
    const scale = w[ch] / Math.sqrt(q / count + eps);
    for (let i = 0; i < n; i++) {
      const o = (i * c + ch) * hw;
      for (let k = 0; k < hw; k++) y[o + k] = (x[o + k] - m) * scale + b[ch];
    }
  }
}

function groupNormForward(y, x, w, b, n, c, hw, groups, eps) {
  const cpg = c / groups;
  const len = cpg * hw;
  for (let i = 0; i < n; i++) {
    for (let g = 0; g < groups; g++) {
      const o = (i * c + g * cpg) * hw;
      let s = 0;
      for (let k = 0; k < len; k++) s += x[o + k];
      const m = s / len;
      let q = 0;
      for (let k = 0; k < len; k++) {
        const d = x[o + k] - m;
        q += d * d;
      }
      const inv = 1 / Math.sqrt(q / len + eps);
      for (let cc = 0; cc < cpg; cc++) {
        const ch = g * cpg + cc;
        const scale = inv * w[ch];
        const base = o + cc * hw;
        for (let k = 0; k < hw; k++) y[base + k] = (x[base + k] - m) * scale + b[ch];
      }
    }
  }
}

function adamStep(p, g, m, v, step, lr, beta1, beta2, eps, weightDecay, decoupled) {
  const bc1 = 1 - beta1 ** step;
  const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
  const stepSize = lr / bc1;
  const decay = decoupled ? 1 - lr * weightDecay : 1;
  for (let i = 0; i < p.length; i++) {
    let gi = g[i];
    if (!decoupled && weightDecay) gi += weightDecay * p[i];
    if (decoupled) p[i] *= decay;
    m[i] = beta1 * m[i] + (1 - beta1) * gi;
    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
    p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2Sqrt + eps);
  }
}

function sgdMomentumStep(p, g, buf, lr, momentum) {
  for (let i = 0; i < p.length; i++) {
    buf[i] = momentum * buf[i] + g[i];
    p[i] -= lr * buf[i];
  }
}

function copyLoop(y, x) {
  for (let i = 0; i < x.length; i++) y[i] = x[i];
}

/** name -> () => call, with buffers allocated once, for the sizes of cpp/bench/kernel_bench.cpp. */
export function plainKernels() {
  const ln = (rows, cols) => {
    const x = randomBuffer(rows * cols, 2);
    const w = randomBuffer(cols, 3, 0.5, 1);
    const b = randomBuffer(cols, 4);
    const y = new Float32Array(rows * cols);
    const mean = new Float64Array(rows);
    const rstd = new Float32Array(rows);
    return () => layerNormForward(y, mean, rstd, x, w, b, rows, cols, 1e-5);
  };
  const lnBack = (rows, cols) => {
    const x = randomBuffer(rows * cols, 5);
    const dy = randomBuffer(rows * cols, 6);
    const w = randomBuffer(cols, 7, 0.5, 1);
    const y = new Float32Array(rows * cols);
    const dx = new Float32Array(rows * cols);
    const mean = new Float64Array(rows);
    const rstd = new Float32Array(rows);
    layerNormForward(y, mean, rstd, x, w, new Float32Array(cols), rows, cols, 1e-5);
    const dw = new Float32Array(cols);
    const db = new Float32Array(cols);
    return () => layerNormBackward(dx, dw, db, dy, x, mean, rstd, w, rows, cols);
  };
  const chan = (fn) => () => {
    const [n, c, hw] = [32, 64, 56 * 56];
    const x = randomBuffer(n * c * hw, 8);
    const y = new Float32Array(n * c * hw);
    const w = randomBuffer(c, 9, 0.5, 1);
    const b = randomBuffer(c, 10);
    return () => fn(y, x, w, b, n, c, hw);
  };
  const adam = (n, decoupled) => {
    const p = randomBuffer(n, 14);
    const g = randomBuffer(n, 15);
    const m = new Float32Array(n);
    const v = new Float32Array(n);
    let step = 0;
    return () =>
      adamStep(p, g, m, v, ++step, 1e-3, 0.9, 0.999, 1e-8, decoupled ? 0.01 : 0, decoupled);
  };
  const big768 = Math.floor((64 << 20) / 4 / 768);
  const big4096 = Math.floor((64 << 20) / 4 / 4096);
  return {
    'copy@64MB': () => {
      const x = randomBuffer((64 << 20) / 4, 1);
      const y = new Float32Array(x.length);
      return () => copyLoop(y, x);
    },
    'layer_norm_forward@64x768': () => ln(64, 768),
    [`layer_norm_forward@${big768}x768`]: () => ln(big768, 768),
    'layer_norm_forward@16x4096': () => ln(16, 4096),
    [`layer_norm_forward@${big4096}x4096`]: () => ln(big4096, 4096),
    [`layer_norm_backward@${big768}x768`]: () => lnBack(big768, 768),
    'batch_norm_train_forward@32x64x56x56': chan((y, x, w, b, n, c, hw) =>
      batchNormTrainForward(y, x, w, b, n, c, hw, 1e-5),
    ),
    'group_norm_forward@32x64x56x56': chan((y, x, w, b, n, c, hw) =>
      groupNormForward(y, x, w, b, n, c, hw, 32, 1e-5),
    ),
    'adam_step@1M': () => adam(1 << 20, false),
    'adam_step@16M': () => adam(16 << 20, false),
    'adamw_step@16M': () => adam(16 << 20, true),
    'sgd_momentum_step@16M': () => {
      const n = 16 << 20;
      const p = randomBuffer(n, 14);
      const g = randomBuffer(n, 15);
      const buf = new Float32Array(n);
      return () => sgdMomentumStep(p, g, buf, 0.01, 0.9);
    },
  };
}

/** Times every kernel like the C++ benchmark: min and median over repetitions. */
export function runPlainJs({ quick = false, only = '' } = {}) {
  const results = [];
  for (const [name, make] of Object.entries(plainKernels())) {
    if (only && !name.includes(only)) continue;
    const f = make();
    // warmed up as long as the C++ side: V8 optimizes a hot function only after some calls
    const warmUntil = now() + (quick ? 0.01 : 0.1);
    do f();
    while (now() < warmUntil);
    const times = [];
    let total = 0;
    const [minReps, maxReps, minSeconds] = quick ? [3, 10, 0.05] : [7, 1000, 0.4];
    while (times.length < maxReps && (times.length < minReps || total < minSeconds)) {
      const t0 = now();
      f();
      const dt = now() - t0;
      times.push(dt);
      total += dt;
    }
    times.sort((a, b) => a - b);
    results.push({ name, min_s: times[0], median_s: times[Math.floor(times.length / 2)] });
    process.stderr.write(`  ${name.padEnd(44)} min ${times[0].toPrecision(3)} s\n`);
  }
  return results;
}
