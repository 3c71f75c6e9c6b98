// <padding-demo>'s words, zh and en.
import { MAX_T } from './model.js';

/** Example words for the token rows' notes, per language. */
export const WORDS = {
  en: [
    ['the', 'cat', 'sat', 'down', 'here', 'today'],
    ['hello', 'world', 'again'],
    ['I', 'like', 'green', 'tea'],
    ['we', 'read', 'books'],
  ],
  zh: [
    ['今天', '天气', '很', '好', '呀', '！'],
    ['你', '好', '啊'],
    ['我', '爱', '喝', '茶'],
    ['我们', '读', '书'],
  ],
};

export const TEXT = {
  padding: { zh: '把句子填充到相同长度', en: 'Pad the sentences to the same length' },
  padTo: { zh: '填充到长度 T', en: 'Pad to length T' },
  padBad: {
    zh: (lo) => `T 必须是 ${lo} 到 ${MAX_T} 之间的整数（不能短于最长的句子）；仍在使用上一个有效值`,
    en: (lo) =>
      `T must be a whole number from ${lo} to ${MAX_T} (no shorter than the longest sentence); the last valid value is still in use`,
  },
  tokens: {
    zh: (n, h) => `真实的 token 向量，形状 (${n}, ${h})：可以修改`,
    en: (n, h) => `The real tokens’ embeddings, shape (${n}, ${h}): edit them`,
  },
  padded: {
    zh: (b, tt, h) => `模型看到的张量 (B, T, H) = (${b}, ${tt}, ${h})；灰色的行是填充的 0`,
    en: (b, tt, h) =>
      `What the model sees, (B, T, H) = (${b}, ${tt}, ${h}); grey rows are the padding, all 0`,
  },
  packed: {
    zh: (n, h) => `不填充：只有真实的 token，(${n}, ${h})`,
    en: (n, h) => `No padding: only the real tokens, (${n}, ${h})`,
  },
  bnHeading: {
    zh: (h) => `BatchNorm1d(${h})：每个特征一组统计量，跨所有位置`,
    en: (h) => `BatchNorm1d(${h}): one mean and variance per feature, over every position`,
  },
  lnHeading: {
    zh: (h) => `LayerNorm(${h})：每个 token 一组统计量，只看它自己`,
    en: (h) => `LayerNorm(${h}): one mean and variance per token, over its own features`,
  },
  feature: { zh: '特征', en: 'feature' },
  token: { zh: 'token', en: 'token' },
  mean: { zh: '均值', en: 'mean' },
  var: { zh: '方差', en: 'var' },
  withoutPad: { zh: '（不填充时）', en: '(no padding)' },
  pad: { zh: '填充', en: 'pad' },
  sentence: { zh: '句', en: 'sentence' },
  summary: {
    zh: (bn, h, ln, n) =>
      `填充改变了 BatchNorm 的 ${bn}/${h} 个特征均值，以及 LayerNorm 的 ${ln}/${n} 个真实 token 均值。`,
    en: (bn, h, ln, n) =>
      `Padding changed ${bn} of ${h} BatchNorm feature means, and ${ln} of ${n} LayerNorm token means.`,
  },
  bnOut: { zh: 'BatchNorm 对真实 token 的输出', en: 'BatchNorm’s output for the real tokens' },
  lnOut: { zh: 'LayerNorm 对真实 token 的输出', en: 'LayerNorm’s output for the real tokens' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
