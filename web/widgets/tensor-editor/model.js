// <tensor-editor>'s DOM-free pieces: paging, attribute converters, cell widths, random fills.
import { parseList, parseShape } from '../../model/parse.js';
import { numel } from '../../model/shape.js';

/** Cells drawn at once; more are reached page by page. */
export const PAGE_CELLS = 256;

export const indexLabel = (idx) => `[${idx.join(', ')}]`;

/**
 * About how wide a number's text is, in ch (the width of a digit): signs and ∞ are wider than a
 * digit, the point narrower. A result's cells are made this wide so that its columns line up.
 */
export function numberWidth(text) {
  let width = 0;
  for (const ch of text)
    width += /[0-9]/.test(ch) ? 1 : ch === '.' ? 0.6 : /[−+∞]/.test(ch) ? 1.4 : 1.2;
  return width;
}

export const shapeConverter = {
  fromAttribute: (text) => {
    const r = parseShape(text);
    return r.shape ?? [1];
  },
  toAttribute: (shape) => shape.join(','),
};

export const valuesConverter = {
  fromAttribute: (text) => {
    const r = parseList(text);
    return r.values ? Float32Array.from(r.values) : new Float32Array(0);
  },
};

export const sameValues = (a, b) => {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

/** Standard normal draws rounded to one decimal: inputs for a demo, easy to read in a cell. */
export function randomValues(n) {
  return Float32Array.from({ length: n }, () => {
    const u = 1 - Math.random();
    const v = Math.random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.round(z * 10) / 10 || 0;
  });
}

/**
 * How a tensor of this shape is paged: rows (last-dim vectors) per page are whole 2-D slices when a
 * slice fits in PAGE_CELLS, else part of one.
 */
export function pageLayout(shape) {
  const dims = shape.length;
  const cols = dims ? shape[dims - 1] : 1;
  const rows = numel(shape) / cols;
  const sliceRows = dims >= 2 ? shape[dims - 2] : 1;
  const sliceCells = sliceRows * cols;
  const rowsPerPage =
    sliceCells <= PAGE_CELLS
      ? Math.max(1, Math.floor(PAGE_CELLS / sliceCells)) * sliceRows
      : Math.max(1, Math.floor(PAGE_CELLS / cols));
  return {
    rows,
    cols,
    sliceRows,
    rowsPerPage,
    pages: Math.max(1, Math.ceil(rows / rowsPerPage)),
  };
}
