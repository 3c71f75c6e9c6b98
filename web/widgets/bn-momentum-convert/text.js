// Every word <bn-momentum-convert> shows, in both languages.
export const TEXT = {
  value: { zh: 'momentum 的值', en: 'Momentum value' },
  valueBad: {
    zh: 'momentum 要是 0 到 1 之间的数；仍在使用上一个有效值',
    en: 'momentum must be a number from 0 to 1; the last valid value is still in use',
  },
  from: { zh: '这个数来自', en: 'This number is' },
  pytorch: { zh: 'PyTorch 的 momentum', en: 'PyTorch’s momentum' },
  keras: { zh: 'Keras 的 momentum', en: 'Keras’s momentum' },
  converter: { zh: '换算', en: 'Converted' },
  rule: {
    zh: 'PyTorch：running = (1 − m)·running + m·批次均值（m 是新批次的权重）。Keras：moving = k·moving + (1 − k)·批次均值（k 是旧平均值的权重）。所以 PyTorch 的 m 等于 Keras 的 1 − m。',
    en: 'PyTorch: running = (1 − m)·running + m·batch mean (m weighs the new batch). Keras: moving = k·moving + (1 − k)·batch mean (k weighs the old average). So PyTorch’s m is Keras’s 1 − m.',
  },
  sameNumber: {
    zh: (m) =>
      `把同一个数 ${m} 填进两个框架，50 步，每步一个 (4, 1) 批次，数据均值 2（我们的 BN 内核计算）：`,
    en: (m) =>
      `The same number ${m} typed into both frameworks, 50 steps of one (4, 1) batch each, data mean 2 (our BN kernel):`,
  },
  asTorch: {
    zh: (m) => `PyTorch BatchNorm1d(momentum=${m})`,
    en: (m) => `PyTorch BatchNorm1d(momentum=${m})`,
  },
  asKeras: {
    zh: (m, p) => `Keras BatchNormalization(momentum=${m})，即 PyTorch momentum=${p}`,
    en: (m, p) => `Keras BatchNormalization(momentum=${m}), that is PyTorch momentum=${p}`,
  },
  after: {
    zh: (k) => `第 ${k} 步后的 running_mean：`,
    en: (k) => `running_mean after step ${k}: `,
  },
  startWeight: {
    zh: (w) => `初始值 0 仍占的权重：${w}`,
    en: (w) => `weight the initial 0 still has: ${w}`,
  },
  trueMean: { zh: '虚线：数据的真实均值 2', en: 'dashed: the data’s true mean, 2' },
  step: { zh: '步数', en: 'step' },
  chartLabel: {
    zh: (a, b) => `两条 running_mean 曲线，50 步后分别为 ${a} 和 ${b}`,
    en: (a, b) => `Two running_mean curves, ${a} and ${b} after 50 steps`,
  },
  bug: {
    zh: '常见错误：把 Keras 的默认值 0.99 原样写进 PyTorch。PyTorch 会把 99% 的权重给每个新批次，running 统计量几乎就是最后一个批次的统计量，评估时噪声很大。反过来，把 PyTorch 的 0.1 写进 Keras，统计量也几乎只看最后一个批次。',
    en: 'The common bug: Keras’s default 0.99 copied into PyTorch as is. PyTorch then gives each new batch 99% of the weight, so the running statistics are nearly the last batch’s own, and eval is noisy. The other way round, PyTorch’s 0.1 typed into Keras also tracks little more than the last batch.',
  },
  fix: {
    zh: '修正：移植时换算 m → 1 − m：Keras 的 0.99 是 PyTorch 的 0.01，PyTorch 的默认 0.1 是 Keras 的 0.9。两个框架的默认值差 10 倍：0.1 对 0.01。',
    en: 'The fix: convert m → 1 − m when porting: Keras’s 0.99 is PyTorch’s 0.01, PyTorch’s default 0.1 is Keras’s 0.9. The two frameworks’ defaults differ 10 times: 0.1 against 0.01.',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  failed: { zh: '计算引擎加载失败：', en: 'The engine failed to load: ' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
