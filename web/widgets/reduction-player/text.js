// <reduction-player>'s words, in both languages.

export const TEXT = {
  group: { zh: '组号', en: 'Group' },
  groupRange: {
    zh: (n) => `组号是 0 到 ${n - 1} 之间的整数`,
    en: (n) => `The group is a whole number from 0 to ${n - 1}`,
  },
  gamma: { zh: 'γ（weight）', en: 'γ (weight)' },
  beta: { zh: 'β（bias）', en: 'β (bias)' },
  notNumber: { zh: '不是数字，仍使用上一个值', en: 'Not a number; the previous value is kept' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  step: { zh: '下一步', en: 'Step' },
  back: { zh: '上一步', en: 'Back' },
  reset: { zh: '重来', en: 'Reset' },
  speed: { zh: '速度', en: 'Speed' },
  position: { zh: '进度（步）', en: 'Progress (steps)' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  table: { zh: '每一步的部分和（C++ 计算）', en: 'Every partial sum (computed in C++)' },
  picture: {
    zh: (n, g) => `第 ${g} 组的 ${n} 个元素依次汇入求和、均值与方差`,
    en: (n, g) => `The ${n} elements of group ${g} flowing into the sum, the mean and the variance`,
  },
  heading: {
    zh: (name, g, n, count) => `${name}：第 ${g} 组（组号 0–${count - 1}），${n} 个元素`,
    en: (name, g, n, count) => `${name}: group ${g} of 0–${count - 1}, ${n} elements`,
  },
  sum: { zh: 'Σx', en: 'Σx' },
  mean: { zh: '均值 μ', en: 'mean μ' },
  sq: { zh: 'Σ(x − μ)²', en: 'Σ(x − μ)²' },
  variance: { zh: '方差 σ²', en: 'variance σ²' },
  start: {
    zh: (n) => `按“播放”或“下一步”：这 ${n} 个元素会先汇入均值，再汇入方差。`,
    en: (n) =>
      `Press Play or Step: these ${n} elements flow first into the mean, then into the variance.`,
  },
  pass1: {
    zh: (s) =>
      `第 1 遍（均值），第 ${s.k} / ${s.n} 个元素：${s.label} = ${s.x}。Σx = ${s.sum}，目前的均值 = ${s.mean}。`,
    en: (s) =>
      `Pass 1 (mean), element ${s.k} of ${s.n}: ${s.label} = ${s.x}. Σx = ${s.sum}, mean so far = ${s.mean}.`,
  },
  meanDone: {
    zh: (m) => ` 均值 μ = ${m}。`,
    en: (m) => ` The mean μ = ${m}.`,
  },
  pass2: {
    zh: (s) =>
      `第 2 遍（方差），第 ${s.k} / ${s.n} 个元素：(${s.label} − μ)² = ${s.dev}。Σ(x − μ)² = ${s.sq}。`,
    en: (s) =>
      `Pass 2 (variance), element ${s.k} of ${s.n}: (${s.label} − μ)² = ${s.dev}. Σ(x − μ)² = ${s.sq}.`,
  },
  varDone: {
    zh: (n, v) => ` 方差 σ² = Σ(x − μ)² / ${n} = ${v}（有偏估计：除以 n）。`,
    en: (n, v) => ` The variance σ² = Σ(x − μ)² / ${n} = ${v} (biased: divided by n).`,
  },
  normalize: {
    zh: (r) => `归一化：x̂ = (x − μ) / √(σ² + ε)，其中 1 / √(σ² + ε) = ${r}。`,
    en: (r) => `Normalize: x̂ = (x − μ) / √(σ² + ε), with 1 / √(σ² + ε) = ${r}.`,
  },
  affine: {
    zh: (g, b) => `仿射变换：y = γ · x̂ + β，γ = ${g}，β = ${b}。完成。`,
    en: (g, b) => `Affine: y = γ · x̂ + β with γ = ${g}, β = ${b}. Done.`,
  },
  colK: { zh: '步', en: 'k' },
  colElement: { zh: '元素', en: 'element' },
  colRunMean: { zh: '目前的均值', en: 'mean so far' },
  colDev: { zh: '(x − μ)²', en: '(x − μ)²' },
};
