// <deep-stack>'s words, zh and en.
import { KIND_NAMES } from '../../model/norms.js';

export const TEXT = {
  depth: { zh: '层数', en: 'Depth (layers)' },
  width: { zh: '宽度（每层特征数）', en: 'Width (features per layer)' },
  gain: { zh: '权重尺度 g：W ~ N(0, g²/宽度)', en: 'Weight scale g: W ~ N(0, g²/width)' },
  batch: { zh: '批大小', en: 'Batch size' },
  norm: { zh: '每层之后的归一化', en: 'Normalization after each layer' },
  normNames: {
    none: { zh: '无', en: 'None' },
    batch_norm: KIND_NAMES.batch,
    layer_norm: KIND_NAMES.layer,
  },
  activation: { zh: '激活函数', en: 'Activation' },
  actNames: {
    linear: { zh: '无（纯线性）', en: 'None (linear)' },
    tanh: { zh: 'tanh', en: 'tanh' },
    relu: { zh: 'ReLU', en: 'ReLU' },
  },
  range: { zh: '直方图范围 ±', en: 'Histogram range ±' },
  slider: { zh: '滑块', en: 'slider' },
  newWeights: { zh: '重新抽取权重', en: 'New weights' },
  newInput: { zh: '重新抽取输入', en: 'New input' },
  bad: {
    depth: {
      zh: '层数必须是 1 到 60 之间的整数；仍在使用上一个有效值',
      en: 'the depth must be a whole number from 1 to 60; the last valid value is still in use',
    },
    gain: {
      zh: '权重尺度必须是 0 到 4 之间的数；仍在使用上一个有效值',
      en: 'the weight scale must be a number from 0 to 4; the last valid value is still in use',
    },
    batch: {
      zh: '批大小必须是 1 到 64 之间的整数；仍在使用上一个有效值',
      en: 'the batch size must be a whole number from 1 to 64; the last valid value is still in use',
    },
  },
  ridge: {
    zh: (norm) => `每一层数值的直方图（${norm}）：从上到下是输入 x 和第 1、2、… 层`,
    en: (norm) =>
      `Histogram of every layer’s values (${norm}): the input x at the top, then layers 1, 2, …`,
  },
  ridgeLabel: {
    zh: (norm, n, s0, sl) => `${norm}：输入的标准差 ${s0}，第 ${n} 层的标准差 ${sl}`,
    en: (norm, n, s0, sl) => `${norm}: standard deviation ${s0} at the input, ${sl} at layer ${n}`,
  },
  outside: { zh: '范围外', en: 'outside' },
  stdChart: {
    zh: '每层的标准差（对数坐标），三种设置使用同一组权重',
    en: 'Standard deviation per layer (log scale), the same weights for all three',
  },
  layer: { zh: '层', en: 'layer' },
  summary: {
    zh: (name, s0, n, sl) => `${name}：标准差从输入的 ${s0} 变为第 ${n} 层的 ${sl}。`,
    en: (name, s0, n, sl) => `${name}: standard deviation ${s0} at the input, ${sl} at layer ${n}.`,
  },
  failed: { zh: (name, m) => `${name}：${m}`, en: (name, m) => `${name}: ${m}` },
  table: { zh: '每层的数值（当前设置）', en: 'Numbers per layer (current setting)' },
  mean: { zh: '均值', en: 'mean' },
  std: { zh: '标准差', en: 'std' },
  below: { zh: '< −范围', en: '< −range' },
  above: { zh: '> 范围', en: '> range' },
  nan: { zh: 'NaN', en: 'NaN' },
  input: {
    zh: (n, w) => `修改输入批次 x (${n}, ${w})`,
    en: (n, w) => `Edit the input batch x (${n}, ${w})`,
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
