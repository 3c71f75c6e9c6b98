// <batch-spread>'s words, zh and en.
import { MAX_BATCHES } from './model.js';

export const TEXT = {
  batches: { zh: '每种批大小抽取的批数 K', en: 'Batches K per batch size' },
  batchesRange: {
    zh: `K 是 2 到 ${MAX_BATCHES} 之间的整数`,
    en: `K is a whole number from 2 to ${MAX_BATCHES}`,
  },
  groups: { zh: 'GroupNorm 的组数 G（C = 8）', en: 'GroupNorm groups G (C = 8)' },
  groupsNumber: {
    zh: '组数必须是整数',
    en: 'The number of groups must be a whole number',
  },
  spread: { zh: '样本之间的差异', en: 'How different the samples are' },
  redraw: { zh: '重新抽取批次', en: 'Draw new batches' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  xAxis: { zh: '批大小 B（对数坐标）', en: 'batch size B (log scale)' },
  yAxis: { zh: '均值在批次间的标准差', en: 'std of the mean across batches' },
  bn: { zh: 'BN：批内每个通道的均值', en: 'BN: the batch’s mean of each channel' },
  gn: { zh: 'GN：样本自己每组的均值', en: 'GN: the sample’s own mean of each group' },
  picture: {
    zh: (s) =>
      `折线图：BN 的均值波动从 B = 1 时的 ${s.bn1} 降到 B = 64 时的 ${s.bn64}；GN 的均值波动在 ${s.gnMin} 到 ${s.gnMax} 之间，与批大小无关。`,
    en: (s) =>
      `Line chart: BN's spread falls from ${s.bn1} at B = 1 to ${s.bn64} at B = 64; GN's stays between ${s.gnMin} and ${s.gnMax} whatever the batch size.`,
  },
  table: { zh: '图中的数值', en: 'The numbers in the chart' },
  colB: { zh: '批大小 B', en: 'batch size B' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
