// Codecs for the state table: each turns a URL-hash string into a value (throwing an Error with a
// readable message when the text is malformed or out of range) and a value back into a string.
// Nothing read from a hash is ever executed or inserted as HTML.
// Each codec also says what it takes (describe: {type, range}, zh and en), for the attribute
// reference docs.html builds from the widgets' schemas.
// The text rules are the fields' own (model/parse.js): a link, an attribute and a field refuse
// the same numbers and shapes ("0x10", "2,,3", " ", 1e400) for the same reasons.
import {
  parseNumber,
  parseInteger,
  parseShape,
  shortFloat32,
  LIST_WRAPPER,
  LIST_OPTIONS,
} from '../model/parse.js';
import { LIMITS } from '../model/shape.js';

export { LIMITS, shortFloat32 };

const span = (min, max) =>
  min === -Infinity && max === Infinity
    ? { zh: '任意有限数', en: 'any finite number' }
    : `${min === -Infinity ? '−∞' : min} … ${max === Infinity ? '∞' : max}`;

const fail = (message) => {
  throw new Error(message);
};

export const int = (min, max) => ({
  describe: { type: { zh: '整数', en: 'integer' }, range: span(min, max) },
  parse(text) {
    // 7e9 is the integer 7000000000; 1.5, 1e400 and 0x10 are no integers
    const v = parseInteger(text);
    if (v === null) fail(`"${text}" is not an integer`);
    if (v < min || v > max) fail(`${v} is outside ${min}…${max}`);
    return v;
  },
  format: (v) => String(v),
});

export const number = (min = -Infinity, max = Infinity) => ({
  describe: { type: { zh: '数', en: 'number' }, range: span(min, max) },
  parse(text) {
    const v = parseNumber(text);
    if (v === null) fail(`"${text}" is not a number`);
    if (v < min || v > max) fail(`${v} is outside ${min}…${max}`);
    return v;
  },
  format: (v) => String(v),
});

export const bool = {
  boolean: true,
  describe: { type: { zh: '0 或 1', en: '0 or 1' }, range: '0, 1' },
  parse(text) {
    if (text !== '0' && text !== '1') fail(`"${text}" is not 0 or 1`);
    return text === '1';
  },
  format: (v) => (v ? '1' : '0'),
};

export const oneOf = (choices) => ({
  describe: { type: { zh: '取值之一', en: 'one of' }, range: choices.join(' | ') },
  parse(text) {
    if (!choices.includes(text)) fail(`"${text}" is not one of ${choices.join(', ')}`);
    return text;
  },
  format: (v) => v,
});

/** A list of 1 to `count` integers, each in min…max ("4,2,3"). */
export const intList = (min, max, count) => ({
  describe: {
    type: { zh: '整数列表，如 4,2,3', en: 'list of integers, e.g. 4,2,3' },
    range: { zh: `1–${count} 个，每个 ${min}–${max}`, en: `1–${count} of ${min}–${max}` },
  },
  parse(text) {
    const parts = text.split(',');
    if (parts.length > count) fail(`more than ${count} values`);
    return parts.map((p) => int(min, max).parse(p.trim()));
  },
  format: (v) => v.join(','),
});

/** A tensor shape: 1 to 5 positive dims, at most 4096 elements. */
export const shape = {
  // an attribute may be spelled as the shape fields take it: "(2, 3, 4)", "[2,3,4]", "2x3x4",
  // "torch.Size([2, 3, 4])", "(6,)"; the hash keeps the one spelling format() writes
  normalize: (text) =>
    text
      .replace(/torch\.Size/g, '')
      .replace(/[()[\]]/g, ' ')
      .trim()
      .replace(/,\s*$/, '')
      .replace(/\s*[x×*]\s*|\s*,\s*|\s+/g, ','),
  describe: {
    type: { zh: '形状，如 2,3,4', en: 'shape, e.g. 2,3,4' },
    range: {
      zh: `1–${LIMITS.maxDims} 维，每维 1–${LIMITS.maxDim}，最多 ${LIMITS.maxElements} 个元素`,
      en: `1–${LIMITS.maxDims} dims of 1–${LIMITS.maxDim}, at most ${LIMITS.maxElements} elements`,
    },
  },
  parse(text) {
    const r = parseShape(text);
    if (r.shape) return r.shape;
    fail(
      {
        empty: 'a shape needs at least one dim',
        gap: 'a dim is missing between two commas',
        dims: `a shape has 1 to ${LIMITS.maxDims} dims`,
        dim: `"${r.token}" is not a positive integer`,
        size: `each dim is between 1 and ${LIMITS.maxDim}`,
        elements: `${r.count} elements is more than ${LIMITS.maxElements}`,
      }[r.error],
    );
  },
  format: (v) => v.join(','),
};

/** A list of finite numbers, as the shortest text that reads back to the same float32. */
export const floats = {
  // an attribute may be spelled as the tensor fields take it: "1 2 3", "[[1, 2], [3, 4]]",
  // "tensor([1., 2.])"
  normalize: (text) =>
    text
      .replace(LIST_WRAPPER, '$1')
      .replace(LIST_OPTIONS, '')
      .replace(/[()[\]]/g, ' ')
      .trim()
      .replace(/\s*[,;]\s*|\s+/g, ',')
      .replace(/\u2212/g, '-'),
  describe: {
    type: { zh: '数的列表，如 1,-2,0.5', en: 'list of numbers, e.g. 1,-2,0.5' },
    range: {
      zh: `有限数，最多 ${LIMITS.maxElements} 个`,
      en: `finite, at most ${LIMITS.maxElements}`,
    },
  },
  parse(text) {
    if (text.length > LIMITS.maxText) fail('the list is too long');
    const parts = text.split(',');
    if (parts.length > LIMITS.maxElements) fail(`more than ${LIMITS.maxElements} values`);
    return Float32Array.from(parts, (p) => {
      const v = parseNumber(p);
      if (v === null) fail(`"${p.slice(0, 20)}" is not a number`);
      return v;
    });
  },
  format: (v) => Array.from(v, shortFloat32).join(','),
};
