// Tensor shapes as plain arrays of dims, row-major: how many elements, where a flat index sits, how
// a shape is printed. No DOM; importable from node.

/** The page's limits on a tensor a learner types, a link carries or an attribute sets. */
export const LIMITS = { maxDims: 5, maxDim: 64, maxElements: 4096, maxText: 60_000 };

// numel: the engine's (its wrappers check inputs against their shapes), one definition for all
export { numel } from '../engine/shape.js';

/** Row-major multi-index of a flat position: unravel(5, [2, 3]) -> [1, 2]. */
export function unravel(flat, shape) {
  const idx = new Array(shape.length);
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return idx;
}

/** [n, c, h, w] of flat index i, for labels such as x[0, 2, 1, 3] (the same as unravel). */
export const fullIndex = (i, shape) => unravel(i, shape);

/** The first min(old, new) entries kept in row-major order, the rest filled with `fill`. */
export function keepPrefix(list, n, fill) {
  return Array.from({ length: n }, (_, i) => (i < list.length ? list[i] : fill));
}

/** A shape as Python prints a tuple, for the page's text: (6,) or (2, 3, 4). */
export const formatShape = (shape) =>
  shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
