// Reading what a learner types into a tensor: one number, a list of numbers (flat, nested in
// brackets, or as PyTorch/NumPy print it), a shape. Pure functions, no DOM: the editor turns the
// {error} results into messages in the reader's language.
import { LIMITS } from '../../state/codecs.js';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A finite number from text ("1.5", "-2", "1e-3", "−0.5", "3."), or null. */
export function parseNumber(text) {
  const s = String(text)
    .trim()
    .replace(/\u2212/g, '-');
  if (!NUMBER.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

// What PyTorch and NumPy wrap around a printed list: tensor([...]), torch.tensor([...],
// dtype=...), array([...], dtype=float32).
const WRAPPER = /^\s*(?:(?:torch\.)?tensor|(?:np\.|numpy\.)?array)\(([\s\S]*)\)\s*$/;

/**
 * "1, 2, 3", "1 2\n3 4", "[[1,2],[3,4]]", "tensor([[1., 2.], [3., 4.]])" -> the numbers in order,
 * and the shape the brackets describe when they are regular (null without brackets).
 * On failure: {error: 'empty' | 'brackets' | 'number', token?, index?}.
 */
export function parseList(text) {
  let s = String(text ?? '');
  const wrapped = WRAPPER.exec(s);
  if (wrapped) s = wrapped[1].replace(/,\s*(dtype|requires_grad|device)\s*=[^\]]*$/, '');
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

export const numel = (shape) => shape.reduce((a, b) => a * b, 1);

/** The first min(old, new) entries kept in row-major order, the rest filled with `fill`. */
export function keepPrefix(list, n, fill) {
  return Array.from({ length: n }, (_, i) => (i < list.length ? list[i] : fill));
}

/** Row-major multi-index of a flat position. */
export function unravel(flat, shape) {
  const idx = new Array(shape.length);
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return idx;
}
