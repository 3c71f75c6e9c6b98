// Reading what a learner types, what a link carries and what an attribute says: one number, one
// integer, a list of numbers (flat, nested in brackets, or as PyTorch/NumPy print it), a shape.
// The fields, the attribute converters and the URL codecs (state/codecs.js) all read through these,
// so all three refuse the same inputs ("0x10", "1,5", " ", 1e400). Pure functions, no DOM: the
// widgets turn the {error} results into messages in the reader's language.
import { LIMITS, numel } from './shape.js';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A finite number from text ("1.5", "-2", "1e-3", "−0.5", "3.", "–2" with an en dash typed for a
 * minus), or null: no hex, no "Infinity", no blank, nothing that overflows.
 */
export function parseNumber(text) {
  const s = String(text ?? '')
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/^\u2013/, '-');
  if (!NUMBER.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/**
 * A safe integer from text ("3", "-2", "+4", "7e9", "−1"), or null: the number rule above, so
 * "1.5", "0x10", "1e400" and "" are no integers.
 */
export function parseInteger(text) {
  const v = parseNumber(text);
  return v !== null && Number.isSafeInteger(v) ? v : null;
}

/**
 * A Lit attribute converter that reads a number by parseNumber: the value when it is finite and
 * at most `limit` in size, else `fallback` (the widget's default).
 */
export const numberAttribute = (fallback = null, limit = Infinity) => ({
  fromAttribute: (text) => {
    const v = parseNumber(text);
    return v !== null && Math.abs(v) <= limit ? v : fallback;
  },
});

/** As numberAttribute, for an integer (parseInteger) between min and max. */
export const integerAttribute = (fallback = null, min = -Infinity, max = Infinity) => ({
  fromAttribute: (text) => {
    const v = parseInteger(text);
    return v !== null && v >= min && v <= max ? v : fallback;
  },
});

/** The words that turn a boolean attribute off: padding="false", compact="0", open="no". */
const OFF_WORDS = ['false', '0', 'no', 'off'];
export const isOffWord = (text) => OFF_WORDS.includes(String(text).trim().toLowerCase());

/**
 * A boolean attribute that is off by default: present means on, as in HTML, unless its value is
 * one of OFF_WORDS, so compact="false" is off just as padding="false" is. Use it beside
 * `type: Boolean` (which the docs' attribute reference reads).
 */
export const flagAttribute = { fromAttribute: (text) => text !== null && !isOffWord(text) };

/** "4, 2, 3" -> [4, 2, 3]; null when any part is no integer or the list is empty. */
export function parseIntegerList(text, separator = /\s*,\s*/) {
  const parts = String(text ?? '')
    .trim()
    .split(separator);
  const out = parts.map(parseInteger);
  return out.length && !out.includes(null) ? out : null;
}

// What PyTorch and NumPy wrap around a printed list: tensor([...]), torch.tensor([...],
// dtype=...), array([...], dtype=float32).
export const LIST_WRAPPER = /^\s*(?:(?:torch\.)?tensor|(?:np\.|numpy\.)?array)\(([\s\S]*)\)\s*$/;
/** The keyword arguments after the list inside such a wrapper: ", dtype=torch.float32". */
export const LIST_OPTIONS = /,\s*(dtype|requires_grad|device)\s*=[^\]]*$/;

/**
 * "1, 2, 3", "1 2\n3 4", "[[1,2],[3,4]]", "tensor([[1., 2.], [3., 4.]])" -> the numbers in order,
 * and the shape the brackets describe when they are regular (null without brackets).
 * On failure: {error: 'empty' | 'brackets' | 'number', token?, index?}.
 */
export function parseList(text) {
  let s = String(text ?? '');
  const wrapped = LIST_WRAPPER.exec(s);
  if (wrapped) s = wrapped[1].replace(LIST_OPTIONS, '');
  // Python's tuples nest like lists: ( and ) count as brackets
  const tokens = s.match(/[[\]()]|[^\s,;[\]()]+/g) ?? [];
  const values = [];
  const stack = [[]];
  let bracketed = false;
  for (const tok of tokens) {
    if (tok === '[' || tok === '(') {
      bracketed = true;
      const list = [];
      stack[stack.length - 1].push(list);
      stack.push(list);
    } else if (tok === ']' || tok === ')') {
      if (stack.length === 1) return { error: 'brackets' };
      stack.pop();
    } else {
      const v = parseNumber(tok);
      if (v === null) return { error: 'number', token: tok.slice(0, 24), index: values.length };
      values.push(v);
      stack[stack.length - 1].push(v);
    }
  }
  if (stack.length !== 1) return { error: 'brackets' };
  if (!values.length) return { error: 'empty' };
  return { values, shape: bracketed ? nestedShape(stack[0]) : null };
}

/** The shape of a regular nested list (one outer list unwrapped), or null when ragged. */
function nestedShape(top) {
  const root = top.length === 1 && Array.isArray(top[0]) ? top[0] : top;
  const shapeOf = (node) => {
    if (!Array.isArray(node)) return [];
    if (!node.length) return null;
    const inner = node.map(shapeOf);
    if (inner.some((s) => s === null || s.join() !== inner[0].join())) return null;
    return [node.length, ...inner[0]];
  };
  const shape = shapeOf(root);
  return shape && shape.length ? shape : null;
}

/**
 * "2, 3, 4", "(2, 3, 4)", "[2,3,4]", "2x3x4", "torch.Size([2, 3, 4])" -> [2, 3, 4].
 * On failure: {error: 'empty' | 'gap' | 'dims' | 'dim' | 'size' | 'elements', token?, count?},
 * checked against the page's limits (1 to 5 dims, each 1 to 64, at most 4096 elements).
 */
export function parseShape(text) {
  const s = String(text ?? '')
    .replace(/torch\.Size/g, '')
    .replace(/[()[\]]/g, ' ');
  // "2,,3" is no shape (Python refuses it too); a trailing comma, as in "(6,)", is fine
  if (EMPTY_DIM.test(s)) return { error: 'gap' };
  const parts = s.split(/[\s,x×*]+/).filter(Boolean);
  if (!parts.length) return { error: 'empty' };
  if (parts.length > LIMITS.maxDims) return { error: 'dims', count: parts.length };
  const shape = [];
  for (const p of parts) {
    const t = p.replace(/\u2212/g, '-');
    if (!/^[-+]?\d+$/.test(t)) return { error: 'dim', token: p.slice(0, 24) };
    const v = Number(t);
    if (v < 1 || v > LIMITS.maxDim) return { error: 'size', token: String(v) };
    shape.push(v);
  }
  const n = numel(shape);
  if (n > LIMITS.maxElements) return { error: 'elements', count: n };
  return { shape };
}

/** A comma with no dim before it: "2,,3", ", 3". */
export const EMPTY_DIM = /(^|,)\s*,/;

/**
 * The dims of a module argument or a big input, without the page's tensor limits: "20, 100, 35, 45",
 * "(3,)", "torch.Size([2, 3])" -> [20, 100, 35, 45]; 1 to 5 whole numbers, negatives kept (the
 * engine answers them with PyTorch's message); null otherwise.
 * @param {string} text
 * @returns {number[] | null}
 */
export function parseDims(text) {
  const stripped = String(text)
    .replace(/torch\.Size/g, '')
    .replace(/[()[\]]/g, ' ');
  if (EMPTY_DIM.test(stripped)) return null;
  const parts = stripped.split(/[\s,x×*]+/).filter(Boolean);
  if (!parts.length || parts.length > 5) return null;
  if (!parts.every((p) => /^[-\u2212]?\d+$/.test(p))) return null;
  return parts.map((p) => Number(p.replace('\u2212', '-')));
}

// ---- numbers back to text ----------------------------------------------------------------------

function shortestFloat32Text(value) {
  if (!Number.isFinite(value)) return String(value);
  for (let p = 1; p <= 9; p++) {
    const text = String(Number(value.toPrecision(p)));
    if (Math.fround(Number(text)) === Math.fround(value)) return text;
  }
  return String(value);
}

// After one typed cell a widget writes its whole tensor again (the link, the PyTorch code, the
// cells), though one value changed: the search above takes up to 9 toPrecision calls per value, a
// lookup here one (a 4096-element tensor cost about 10 ms per keystroke in the search). A memo of a
// pure function, bounded, that holds no widget's state.
const SHORT_FLOAT32_MEMO_SIZE = 1 << 16;
const shortFloat32Memo = new Map();

/** The shortest decimal text that reads back as the same float32. */
export function shortFloat32(value) {
  let text = shortFloat32Memo.get(value);
  if (text === undefined) {
    if (shortFloat32Memo.size >= SHORT_FLOAT32_MEMO_SIZE) shortFloat32Memo.clear();
    text = shortestFloat32Text(value);
    shortFloat32Memo.set(value, text);
  }
  return text;
}
