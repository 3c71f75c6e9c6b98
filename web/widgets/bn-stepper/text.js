// <bn-stepper>'s words, zh and en.
import { MAX_BATCH } from './model.js';

export const TEXT = {
  options: { zh: 'BatchNorm1d 的参数', en: 'BatchNorm1d options' },
  momentum: { zh: 'momentum（动量）', en: 'momentum' },
  cumulative: { zh: 'None：累计平均', en: 'None: cumulative average' },
  track: { zh: 'track_running_stats', en: 'track_running_stats' },
  batchSize: { zh: '批大小 N', en: 'Batch size N' },
  momentumBad: {
    zh: 'momentum 必须是 0 到 1 之间的数；仍在使用上一个有效值',
    en: 'momentum must be a number from 0 to 1; the last valid value is still in use',
  },
  batchBad: {
    zh: `批大小必须是 1 到 ${MAX_BATCH} 之间的整数；仍在使用上一个有效值`,
    en: `the batch size must be a whole number from 1 to ${MAX_BATCH}; the last valid value is still in use`,
  },
  trainHeading: { zh: '训练：model.train()', en: 'Training: model.train()' },
  batchCaption: {
    zh: (n, c) => `下一个批次 x，形状 (${n}, ${c})：可以直接修改，“训练一步”会把它送进 model(x)`,
    en: (n, c) =>
      `The next batch x, shape (${n}, ${c}): edit it if you like; “Train one step” feeds it to model(x)`,
  },
  drawn: {
    zh: (m, v) => `每个通道的数据来自固定分布：均值 ${m}，方差 ${v}`,
    en: (m, v) => `Each channel is drawn from a fixed distribution: mean ${m}, variance ${v}`,
  },
  step: { zh: '训练一步', en: 'Train one step' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  speed: { zh: '速度（步/秒）', en: 'Speed (steps/s)' },
  newBatch: { zh: '换一个批次', en: 'Draw another batch' },
  reset: { zh: '重新创建模块', en: 'New module' },
  tracked: { zh: 'num_batches_tracked（已训练的批次数）', en: 'num_batches_tracked' },
  noBuffers: {
    zh: 'track_running_stats=False：模块没有 running 统计量（named_buffers() 为空），评估时仍用批次统计量。',
    en: 'track_running_stats=False: the module keeps no running statistics (named_buffers() is empty) and uses the batch statistics in eval too.',
  },
  channel: { zh: '通道', en: 'channel' },
  chartLabel: {
    zh: (c, m, v, tm, tv) =>
      `通道 ${c}：running_mean ${m}（真实均值 ${tm}），running_var ${v}（真实方差 ${tv}）`,
    en: (c, m, v, tm, tv) =>
      `Channel ${c}: running_mean ${m} (true mean ${tm}), running_var ${v} (true variance ${tv})`,
  },
  legendMean: { zh: 'running_mean', en: 'running_mean' },
  legendVar: { zh: 'running_var', en: 'running_var' },
  legendTrue: { zh: '虚线：真实值', en: 'dashed: true value' },
  lastStep: {
    zh: '最近一步的批次统计量（全部来自引擎）',
    en: 'The last step’s batch statistics (all from the engine)',
  },
  colMean: { zh: '批次均值', en: 'batch mean' },
  colBiased: { zh: '有偏方差 ÷n（用于归一化）', en: 'biased var ÷n (normalizes)' },
  colUnbiased: {
    zh: '无偏方差 ÷(n−1)（进入 running_var）',
    en: 'unbiased var ÷(n−1) (into running_var)',
  },
  colRunMean: { zh: 'running_mean', en: 'running_mean' },
  colRunVar: { zh: 'running_var', en: 'running_var' },
  update: {
    zh: (f, old, u, now) => `running_var[0] = (1 − ${f}) × ${old} + ${f} × ${u} = ${now}`,
    en: (f, old, u, now) => `running_var[0] = (1 − ${f}) × ${old} + ${f} × ${u} = ${now}`,
  },
  noStep: {
    zh: '还没有训练过：点“训练一步”或“播放”。',
    en: 'No step yet: press “Train one step” or “Play”.',
  },
  evalHeading: { zh: '评估：model.eval()', en: 'Evaluation: model.eval()' },
  sampleCaption: {
    zh: '单独一个样本 (1, C)：可以修改',
    en: 'One sample on its own, shape (1, C): edit it',
  },
  evalOutput: {
    zh: '评估模式的输出：用 running 统计量归一化',
    en: 'Output in eval mode, normalized with the running statistics',
  },
  evalNoTrack: {
    zh: '没有 running 统计量，评估模式也要用批次统计量，单个样本就会报错：',
    en: 'With no running statistics eval mode needs batch statistics too, so one sample alone fails:',
  },
  trainAlone: {
    zh: '同一个样本在训练模式下（PyTorch 的报错）：',
    en: 'The same sample in training mode (PyTorch’s message):',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  stepped: {
    zh: (k) => `已训练步数：${k}`,
    en: (k) => `Training steps: ${k}`,
  },
};
