// <norm-playground>'s words, in both languages.

export const TEXT = {
  input: { zh: (x) => `输入 ${x}`, en: (x) => `Input ${x}` },
  output: {
    zh: (y) => `输出 ${y}（C++ 内核计算）`,
    en: (y) => `Output ${y} (computed by the C++ kernels)`,
  },
  stale: {
    zh: (y) => `输出 ${y}（上一次有效输入的结果）`,
    en: (y) => `Output ${y} (from the last valid input)`,
  },
  stats: { zh: '每组的统计量', en: 'Statistics of each group' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  mean: { zh: '均值', en: 'mean' },
  var: { zh: '方差', en: 'var' },
  unbiased: { zh: '÷(n−1)', en: '÷(n−1)' },
  count: {
    zh: (n) => `共计算了 ${n} 组均值和方差`,
    en: (n) => `${n} mean/variance pairs computed`,
  },
  each: {
    zh: (k) => `，每组 ${k} 个元素`,
    en: (k) => `, each over ${k} elements`,
  },
  sizes: {
    zh: (list) => `，各组元素个数：${list}`,
    en: (list) => `; elements per group: ${list}`,
  },
  params: { zh: '可学习参数：', en: 'Learnable parameters: ' },
  noParams: { zh: '没有可学习参数', en: 'no learnable parameters' },
  module: { zh: '模块', en: 'Module' },
  apply: { zh: '应用', en: 'Apply' },
  eps: { zh: 'ε（eps）', en: 'ε (eps)' },
  epsBad: {
    zh: 'ε 必须是 0 到 1 之间的数，已保留原值',
    en: 'ε must be a number from 0 to 1; the previous value is kept',
  },
  weight: { zh: 'γ（weight）', en: 'γ (weight)' },
  bias: { zh: 'β（bias）', en: 'β (bias)' },
  group: { zh: '组', en: 'group' },
  elements: { zh: '元素数', en: 'elements' },
  varN: { zh: '方差（÷n）', en: 'variance (÷n)' },
  varN1: { zh: '无偏方差（÷(n−1)）', en: 'unbiased (÷(n−1))' },
  firstGroups: {
    zh: (k, n) => `只列出前 ${k} 组，共 ${n} 组`,
    en: (k, n) => `first ${k} of ${n} groups`,
  },
};
