// <norm-cube>'s words, in both languages.

export const TEXT = {
  kind: { zh: '归一化方式', en: 'Normalization' },
  shape: { zh: '形状 (N, C, H, W)', en: 'Shape (N, C, H, W)' },
  groups: { zh: '组数（GroupNorm 的 num_groups）', en: 'Groups (GroupNorm’s num_groups)' },
  groupsNumber: {
    zh: '组数必须是正整数',
    en: 'The number of groups must be a positive whole number',
  },
  edit: { zh: '编辑张量里的数', en: 'Edit the numbers in the tensor' },
  reset: { zh: '恢复初始数值', en: 'Reset the numbers' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  hint: {
    zh: '把鼠标移到某个格子上、点按它，或者聚焦立方体后用方向键（PageUp/PageDown 换样本）查看一个元素。',
    en: 'Hover or tap a cell, or focus the cube and use the arrow keys (PageUp/PageDown for another sample) to inspect an element.',
  },
  cubeRole: {
    zh: '立方体：用方向键选择元素',
    en: 'Cube: use the arrow keys to pick an element',
  },
  picture: {
    zh: (name, shape, count) =>
      `${name} 作用在形状 ${shape} 的输入上：每个样本一层，行是通道 C，列是空间位置 H·W；同一颜色的格子共享一组均值和方差，共 ${count} 组。`,
    en: (name, shape, count) =>
      `${name} on an input of shape ${shape}: one layer per sample, rows are channels C, columns are spatial positions H·W; cells of one colour share a mean and variance, ${count} groups in all.`,
  },
  summary: {
    zh: (name, count, size) => `${name}：计算 ${count} 组均值和方差，每组 ${size} 个元素`,
    en: (name, count, size) => `${name}: ${count} mean/variance pairs, each over ${size} elements`,
  },
  params: { zh: '可学习参数 γ、β：', en: 'Learnable γ, β: ' },
  noParams: {
    zh: '没有可学习的 γ、β（affine=False 是默认值）',
    en: 'no learnable γ, β (affine=False is the default)',
  },
  sample: { zh: '样本', en: 'sample' },
  samples: { zh: '样本', en: 'samples' },
  channel: { zh: '通道', en: 'channel' },
  channels: { zh: '通道', en: 'channels' },
  detail: {
    zh: (d) =>
      `${d.label} = ${d.x} → 输出 y = ${d.y}。它属于第 ${d.g} 组（组号从 0 数起，共 ${d.count} 组）：样本 ${d.samples}，通道 ${d.channels}，${d.positions} 个空间位置，共 ${d.size} 个元素；这组的均值 ${d.mean}，方差 ${d.variance}。`,
    en: (d) =>
      `${d.label} = ${d.x} → output y = ${d.y}. Its statistics group is #${d.g} (counting from 0, ${d.count} in all): ${d.sampleWord} ${d.samples}, ${d.channelWord} ${d.channels}, ${d.positions} spatial positions, ${d.size} elements; the group's mean is ${d.mean}, its variance ${d.variance}.`,
  },
  contrast: { zh: '对比度 ×2', en: 'Contrast ×2' },
  brightness: { zh: '亮度 +1', en: 'Brightness +1' },
  contrastOn: {
    zh: (label) => `作用于 ${label}（所选元素所在样本的那个通道）`,
    en: (label) => `on ${label} (the selected element's sample and channel)`,
  },
  contrastResult: {
    zh: (label, what, delta) => `${label} 已${what}。这些元素的输出 y 最多变化了 ${delta}。`,
    en: (label, what, delta) =>
      `${label} was ${what}. The outputs y of those elements moved by at most ${delta}.`,
  },
  scaled: { zh: '乘以 2', en: 'multiplied by 2' },
  shifted: { zh: '加上 1', en: 'shifted by +1' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  axisSpatial: { zh: '空间位置 H·W →', en: 'spatial H·W →' },
  axisChannel: { zh: 'C ↓', en: 'C ↓' },
};

/** A shape with a negative dim: the engine's message is about the tensor, this is about the field. */
export const NEGATIVE = { zh: '每一维都必须至少为 1', en: 'Every dim must be at least 1' };
