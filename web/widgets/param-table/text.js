// <param-table>'s words.
export const TEXT = {
  cls: { zh: '模块', en: 'Module' },
  num_features: { zh: 'num_features（通道数 C）', en: 'num_features (channels C)' },
  normalized_shape: { zh: 'normalized_shape', en: 'normalized_shape' },
  num_groups: { zh: 'num_groups', en: 'num_groups' },
  num_channels: { zh: 'num_channels', en: 'num_channels' },
  input: { zh: '输入形状（可选）', en: 'Input shape (optional)' },
  presets: { zh: '例子', en: 'Examples' },
  total: {
    zh: (n, parts) => `共 ${n} 个可学习参数${parts ? `（${parts}）` : ''}`,
    en: (n, parts) => `${n} learnable parameters${parts ? ` (${parts})` : ''}`,
  },
  buffers: {
    zh: (n) =>
      n ? `另有 ${n} 个缓冲区：它们随训练更新，但不是参数，优化器不会更新它们。` : '没有缓冲区。',
    en: (n) =>
      n
        ? `and ${n} buffers: they change during training but are not parameters; no optimizer updates them.`
        : 'No buffers.',
  },
  accepted: {
    zh: (s) => `输入 ${s} 可以通过这个模块；参数量与输入大小无关。`,
    en: (s) => `An input of shape ${s} is accepted; the parameter count does not depend on it.`,
  },
  whole: {
    zh: (name) => `${name} 必须是整数`,
    en: (name) => `${name} must be a whole number`,
  },
  tooBig: {
    zh: (name) => `${name} 太大了：这里最多 1000000 个元素`,
    en: (name) => `${name} is too big: at most 1000000 elements here`,
  },
  shapeBad: {
    zh: '形状须为 1 到 5 个整数，例如 20, 100, 35, 45',
    en: 'A shape is 1 to 5 whole numbers, e.g. 20, 100, 35, 45',
  },
  newer: {
    zh: 'bias=False 需要 PyTorch 2.1 及以上版本',
    en: 'bias=False needs PyTorch 2.1 or newer',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
