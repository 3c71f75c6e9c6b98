// Every word <bn-batch-rule> shows, in both languages.
export const TEXT = {
  layout: { zh: '输入', en: 'Input' },
  layout2d: { zh: '(N, C, H, W) → BatchNorm2d(3)', en: '(N, C, H, W) → BatchNorm2d(3)' },
  layout1d: { zh: '(N, C) → BatchNorm1d(3)', en: '(N, C) → BatchNorm1d(3)' },
  n: { zh: '批大小 N', en: 'Batch size N' },
  h: { zh: '高 H', en: 'Height H' },
  w: { zh: '宽 W', en: 'Width W' },
  intBad: {
    zh: (lo, hi) => `要一个 ${lo} 到 ${hi} 之间的整数；仍在使用上一个有效值`,
    en: (lo, hi) =>
      `needs a whole number from ${lo} to ${hi}; the last valid value is still in use`,
  },
  perChannel: { zh: '每个通道的值数 N·H·W = ', en: 'Values per channel N·H·W = ' },
  perChannel1d: { zh: '每个通道的值数 N = ', en: 'Values per channel N = ' },
  trainOk: { zh: 'model.train()：可以训练。', en: 'model.train(): trains.' },
  trainFails: {
    zh: 'model.train()：PyTorch 报错（由我们的引擎给出，逐字相同）：',
    en: 'model.train(): PyTorch refuses, word for word from our engine:',
  },
  evalOk: {
    zh: 'model.eval()：同一个输入可以运行（用 running 统计量，不需要批次统计量）。',
    en: 'model.eval(): the same input runs (it uses the running statistics, not the batch’s).',
  },
  pm1: {
    zh: '每个通道只有 2 个值：归一化后只能是 ±1（两个值相等时是 0），ε = 1e-5 让它略小于 1。BN 能训练，但输出只剩下“两个值中哪个更大”这一点信息。',
    en: '2 values per channel: after normalizing they can only be ±1 (0 where the two are equal); ε = 1e-5 keeps them a hair under 1. BN trains, but its output says only which of the two values is larger.',
  },
  outputs: { zh: '训练模式的输出，按通道：', en: 'Training-mode output, per channel:' },
  channel: { zh: '通道', en: 'channel' },
  rule: {
    zh: '规则不是 N > 1，而是每个通道的值数 N·H·W > 1：N = 1 的特征图可以训练，全局池化之后的 (1, C, 1, 1) 不行。',
    en: 'The rule is not N > 1 but values per channel N·H·W > 1: a feature map with N = 1 trains, (1, C, 1, 1) after global pooling does not.',
  },
  loader: { zh: 'DataLoader 的最后一个批次', en: 'The DataLoader’s last batch' },
  samples: { zh: '数据集大小', en: 'Dataset size' },
  batchSize: { zh: 'batch_size', en: 'batch_size' },
  dropLast: { zh: 'drop_last=True', en: 'drop_last=True' },
  batches: {
    zh: (full, b, last) =>
      last
        ? `${full} 个大小为 ${b} 的批次，最后一个批次大小 ${last}`
        : `${full} 个大小为 ${b} 的批次，没有不完整的批次`,
    en: (full, b, last) =>
      last
        ? `${full} batches of ${b}, then a last batch of ${last}`
        : `${full} batches of ${b}, no partial batch`,
  },
  dropped: {
    zh: (last) =>
      `drop_last=True：最后 ${last} 个样本每个 epoch 被丢掉（shuffle=True 时每次丢的不同），所有批次都能训练。`,
    en: (last) =>
      `drop_last=True: the last ${last} samples are left out each epoch (different ones each epoch with shuffle=True), and every batch trains.`,
  },
  lastFails: { zh: '最后一个批次在训练时报错：', en: 'The last batch fails in training:' },
  fullFails: {
    zh: (b) =>
      `每个大小为 ${b} 的批次在训练时都报错（drop_last 帮不了，要换 batch_size 或去掉这一层的 BN）：`,
    en: (b) =>
      `Every batch of ${b} fails in training (drop_last cannot help: change batch_size, or this layer's BN):`,
  },
  lastOk: { zh: '每个批次都能训练。', en: 'Every batch trains.' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  failed: { zh: '计算引擎加载失败：', en: 'The engine failed to load: ' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
