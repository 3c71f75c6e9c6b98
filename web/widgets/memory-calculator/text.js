// <memory-calculator>'s words, zh and en.
import { MAX_PARAMS } from './model.js';

export const TEXT = {
  params: { zh: '参数量', en: 'Parameters' },
  paramsHint: {
    zh: '例如 7e9、7B、125M、1.3亿',
    en: 'e.g. 7e9, 7B, 125M, 130,000,000',
  },
  presets: { zh: '常见规模', en: 'Common sizes' },
  precision: { zh: '精度', en: 'Precision' },
  precisions: {
    fp32: { zh: 'fp32（全精度）', en: 'fp32 (full precision)' },
    'fp16-mixed': {
      zh: 'fp16 混合精度（fp32 主权重）',
      en: 'fp16 mixed precision (fp32 master weights)',
    },
    'bf16-mixed': {
      zh: 'bf16 混合精度（fp32 主权重）',
      en: 'bf16 mixed precision (fp32 master weights)',
    },
  },
  optimizer: { zh: '优化器', en: 'Optimizer' },
  part: { zh: '内容', en: 'What' },
  bytes: { zh: '字节', en: 'Bytes' },
  perParam: { zh: '每个参数', en: 'Per parameter' },
  parameters: { zh: '参数（权重）', en: 'parameters (weights)' },
  gradients: { zh: '梯度', en: 'gradients' },
  master_weights: { zh: 'fp32 主权重', en: 'fp32 master weights' },

  state: { zh: '优化器状态', en: 'optimizer state' },
  total: { zh: '合计', en: 'Total' },
  summary: {
    zh: (total, perParam, copies) =>
      `合计 ${total}：每个参数 ${perParam} 字节，相当于 ${copies} 份 fp32 参数的大小。`,
    en: (total, perParam, copies) =>
      `Total ${total}: ${perParam} bytes per parameter, the size of ${copies}× fp32 copies of the parameters.`,
  },
  chart: {
    zh: (parts) => `训练内存的构成：${parts}`,
    en: (parts) => `What the training memory is made of: ${parts}`,
  },
  notParams: {
    zh: '请输入一个正整数个参数，例如 7e9、7B 或 125M',
    en: 'Type a positive whole number of parameters, such as 7e9, 7B or 125M',
  },
  tooMany: {
    zh: `参数量最多为 ${MAX_PARAMS.toExponential()}`,
    en: `At most ${MAX_PARAMS.toExponential()} parameters`,
  },
  excluded: {
    zh: '不含激活值（取决于批大小和序列长度）、临时缓冲区和框架开销。',
    en: 'Not included: activations (they depend on batch size and sequence length), temporary buffers, framework overhead.',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
