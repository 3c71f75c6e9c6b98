// <affine-plot>'s words.
export const TEXT = {
  activation: { zh: '激活函数', en: 'Activation' },
  gamma: { zh: 'γ（weight）', en: 'γ (weight)' },
  beta: { zh: 'β（bias）', en: 'β (bias)' },
  exact: { zh: '数值', en: 'value' },
  reset: { zh: '恢复 γ = 1, β = 0', en: 'Reset to γ = 1, β = 0' },
  input: {
    zh: (x) => `输入 ${x}：每一行由 LayerNorm 归一化成 x̂`,
    en: (x) => `Input ${x}: LayerNorm normalizes each row to x̂`,
  },
  bad: {
    zh: (name) => `${name} 必须是 −100 到 100 之间的数，已保留原值`,
    en: (name) => `${name} must be a number from −100 to 100; the previous value is kept`,
  },
  base: { zh: 'f(x̂)：γ = 1, β = 0', en: 'f(x̂): γ = 1, β = 0' },
  curve: { zh: 'f(γ·x̂ + β)', en: 'f(γ·x̂ + β)' },
  dots: { zh: '你的数值', en: 'your values' },
  axis: { zh: '归一化后的值 x̂', en: 'normalized value x̂' },
  slope: {
    zh: (n, f, lo, hi) => `在你的 ${n} 个数值处，${f}(γ·x̂ + β) 的斜率从 ${lo} 到 ${hi}。`,
    en: (n, f, lo, hi) =>
      `At your ${n} values the slope of ${f}(γ·x̂ + β) runs from ${lo} to ${hi}.`,
  },
  linear: {
    zh: '斜率变化不到 2 倍：在这一段上激活函数接近一条直线，这一层几乎只做了线性变换。',
    en: 'The slope changes by less than a factor of 2: on this stretch the activation is close to a straight line, so the layer acts almost linearly.',
  },
  curved: {
    zh: '斜率变化超过 2 倍：数值进入了激活函数弯曲的区域，非线性起作用了。',
    en: 'The slope changes by more than a factor of 2: the values reach the curved part of the activation, where it is non-linear.',
  },
  saturated: {
    zh: '有些数值落在平坦的饱和区：那里的梯度几乎为 0。',
    en: 'Some values sit on the flat, saturated ends, where the gradient is almost 0.',
  },
  allSaturated: {
    zh: '所有数值都落在饱和区：梯度几乎消失。',
    en: 'Every value sits on a flat, saturated end: the gradient almost vanishes.',
  },
  plot: {
    zh: (f, g, b) => `${f}(${g}·x̂ + ${b}) 与 ${f}(x̂) 的曲线，以及你的数值`,
    en: (f, g, b) => `Curves of ${f}(${g}·x̂ + ${b}) and ${f}(x̂), with your values`,
  },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
};
