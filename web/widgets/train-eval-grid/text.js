// <train-eval-grid>'s words, zh and en.
import { MAX_ROWS } from './model.js';

export const TEXT = {
  input: {
    zh: (n, c) => `输入 x，形状 (${n}, ${c})：可以修改`,
    en: (n, c) => `Input x, shape (${n}, ${c}): edit it`,
  },
  rows: { zh: '批大小 N', en: 'Batch size N' },
  rowsBad: {
    zh: `批大小必须是 1 到 ${MAX_ROWS} 之间的整数；仍在使用上一个有效值`,
    en: `the batch size must be a whole number from 1 to ${MAX_ROWS}; the last valid value is still in use`,
  },
  train: { zh: '训练模式 model.train()', en: 'model.train()' },
  eval: { zh: '评估模式 model.eval()', en: 'model.eval()' },
  bnEvalNote: {
    zh: '（评估在训练步之后：running 统计量 = 0.9 × 初始值 + 0.1 × 这个批次的统计量）',
    en: '(eval comes after the training step: running statistics = 0.9 × initial + 0.1 × this batch’s)',
  },
  bnEvalFresh: {
    zh: '（训练步失败了，状态没有改变：评估用的是初始的 running 统计量，均值 0、方差 1）',
    en: '(the training step failed and changed nothing: eval uses the initial running statistics, mean 0 and variance 1)',
  },
  buffers: { zh: '缓冲区 named_buffers()：', en: 'Buffers, named_buffers(): ' },
  none: { zh: '无', en: 'none' },
  differ: {
    zh: 'BatchNorm：训练和评估的输出不同。',
    en: 'BatchNorm: train and eval outputs differ.',
  },
  same: {
    zh: 'BatchNorm：训练和评估的输出相同。',
    en: 'BatchNorm: train and eval outputs are the same.',
  },
  lnSame: {
    zh: 'LayerNorm：训练和评估的输出完全相同（逐位一致）。',
    en: 'LayerNorm: train and eval outputs are identical, bit for bit.',
  },
  lnDiffer: {
    zh: 'LayerNorm：训练和评估的输出不同。',
    en: 'LayerNorm: train and eval outputs differ.',
  },
  bnFailed: {
    zh: 'BatchNorm 在训练模式下拒绝了这个批次。',
    en: 'BatchNorm refused this batch in training mode.',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
