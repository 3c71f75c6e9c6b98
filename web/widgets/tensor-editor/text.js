// <tensor-editor>'s words, in both languages.
import { LIMITS } from '../../state/codecs.js';

export const TEXT = {
  invalid: {
    zh: (cell, text, kept) => `${cell}：“${text}”不是数字，已保留原值 ${kept}`,
    en: (cell, text, kept) =>
      `${cell}: “${text}” is not a number; the previous value ${kept} is kept`,
  },
  empty: {
    zh: (cell, kept) => `${cell} 是空的，已保留原值 ${kept}`,
    en: (cell, kept) => `${cell} is empty; the previous value ${kept} is kept`,
  },
  more: { zh: (n) => `（另有 ${n} 个格子同样无效）`, en: (n) => ` (and ${n} more cells)` },
  shape: { zh: '形状', en: 'Shape' },
  setShape: { zh: '应用形状', en: 'Set shape' },
  tools: { zh: '粘贴列表 · 随机填充', en: 'Paste a list · random values' },
  values: { zh: (n) => `查看和编辑 ${n} 个数值`, en: (n) => `Show and edit the ${n} values` },
  listLabel: {
    zh: '按顺序填入的数值（如 1, 2, 3 或 [[1,2],[3,4]]）',
    en: 'Values in order (e.g. 1, 2, 3 or [[1,2],[3,4]])',
  },
  fill: { zh: '填入', en: 'Fill' },
  random: { zh: '随机填充', en: 'Random values' },
  filled: { zh: (n) => `已填入 ${n} 个数。`, en: (n) => `Filled ${n} values.` },
  randomDone: {
    zh: (n) => `已随机生成 ${n} 个数（标准正态，保留一位小数）。`,
    en: (n) => `Drew ${n} random values (standard normal, one decimal).`,
  },
  count: {
    zh: (k, shape, n) => `读到 ${k} 个数，但形状为 ${shape} 的张量需要 ${n} 个。张量未改变。`,
    en: (k, shape, n) =>
      `${k} values were given, but a tensor of shape ${shape} holds ${n}. Nothing was changed.`,
  },
  useShape: { zh: (s) => `改用形状 ${s}`, en: (s) => `Use shape ${s}` },
  listNumber: {
    zh: (tok, i) => `第 ${i} 个值“${tok}”不是数字。张量未改变。`,
    en: (tok, i) => `Value ${i}, “${tok}”, is not a number. Nothing was changed.`,
  },
  listBrackets: {
    zh: '括号不配对。张量未改变。',
    en: 'The brackets do not match. Nothing was changed.',
  },
  listEmpty: { zh: '没有读到任何数。', en: 'No values were found.' },
  shapeErrors: {
    empty: { zh: () => '请输入形状，例如 2, 3, 4', en: () => 'Type a shape, e.g. 2, 3, 4' },
    gap: { zh: () => '两个逗号之间少了一维', en: () => 'A dim is missing between two commas' },
    dims: {
      zh: (e) => `最多 ${LIMITS.maxDims} 维，这里有 ${e.count} 维`,
      en: (e) => `At most ${LIMITS.maxDims} dims; this has ${e.count}`,
    },
    dim: {
      zh: (e) => `“${e.token}”不是正整数`,
      en: (e) => `“${e.token}” is not a positive whole number`,
    },
    size: {
      zh: (e) => `每一维须在 1 到 ${LIMITS.maxDim} 之间，${e.token} 不行`,
      en: (e) => `Each dim must be 1 to ${LIMITS.maxDim}; ${e.token} is not`,
    },
    elements: {
      zh: (e) => `共 ${e.count} 个元素，超过了上限 ${LIMITS.maxElements}`,
      en: (e) => `${e.count} elements is more than the limit of ${LIMITS.maxElements}`,
    },
  },
  shapeKept: { zh: '（张量保持原形状）', en: ' (the tensor keeps its shape)' },
  page: { zh: '页', en: 'Page' },
  prev: { zh: '上一页', en: 'Previous page' },
  next: { zh: '下一页', en: 'Next page' },
  pageOf: { zh: (p, n) => `第 ${p} / ${n} 页`, en: (p, n) => `page ${p} of ${n}` },
};
