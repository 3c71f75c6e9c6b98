// <count-table>'s words.
export const TEXT = {
  module: { zh: '模块', en: 'Module' },
  input: { zh: '输入形状', en: 'Input shape' },
  count: { zh: '均值/方差计算次数', en: 'mean/variance pairs' },
  each: { zh: '每次的元素数', en: 'elements each' },
  params: { zh: 'γ、β 的形状', en: 'shape of γ, β' },
  // LayerNorm's switch is elementwise_affine; the other norms' is affine
  none: { zh: (arg) => `无（${arg}=False）`, en: (arg) => `none (${arg}=False)` },
  add: { zh: '添加一行', en: 'Add row' },
  remove: { zh: '删除', en: 'Remove' },
  removeRow: { zh: (m, s) => `删除 ${m} ${s} 这一行`, en: (m, s) => `Remove the row ${m} on ${s}` },
  caption: {
    zh: '每一行的数字都来自 C++ 内核的统计计划（plan）',
    en: 'Every number comes from the C++ kernels’ statistics plan',
  },
  full: { zh: '最多 8 行；先删掉一行', en: 'At most 8 rows; remove one first' },
  shapeBad: { zh: '形状须为 1 到 5 个正整数', en: 'A shape is 1 to 5 positive whole numbers' },
  tooMany: {
    zh: (n, max) => `共 ${n} 个元素，超过了这张表的上限 ${max}`,
    en: (n, max) => `${n} elements is more than this table's limit of ${max}`,
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
