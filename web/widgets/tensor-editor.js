// <tensor-editor>: a tensor of up to 5 dims as grids of cells, the last dim across. Editable by
// mouse and keyboard (arrows, Enter, PageUp/PageDown, Ctrl+Home/End); text that is not a number is
// marked and explained while the tensor keeps the cell's last good value. A list pasted into a cell or typed
// into the paste field fills the tensor in order; "Random values" draws new ones; with
// `shape-editable` a shape field reshapes it, keeping as many values as fit. Large tensors are shown
// a page of at most PAGE_CELLS cells at a time, so a 4096-element tensor stays quick.
// `readonly` shows a result instead.
// The cells are an ARIA grid with one Tab stop (roving tabindex): Tab enters the tensor at the cell
// last visited and leaves it with the next Tab; the arrow keys move between cells. A result is a
// table of cells, not focusable.
// An edit costs what one page of cells costs, not what the whole tensor does: only the learner's
// typed texts are kept (the other cells show their value, formatted when their page is drawn).
// With `collapsible` the cells sit behind a disclosure (closed at first), for inputs whose shape
// matters more than their values; `no-tools` leaves out the paste field and the random button
// (small parameter vectors).
//   <tensor-editor shape="2,3,4" values="1,2,3,..." shape-editable></tensor-editor>
// Fires `tensor-change` with {values: Float32Array, shape} whenever the tensor changes, and
// `page-change` with {page} when another page is shown.
import { hostStyle } from './host-style.js';
import { formControls } from './lib/controls-style.js';
import { LitElement, html, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { t, formatNumber, formatFloat32 } from '../i18n.js';
import { parseNumber, parseList, parseShape } from '../model/parse.js';
import { numel, keepPrefix, unravel, formatShape } from '../model/shape.js';
import { LIMITS, shape as shapeCodec, floats as floatsCodec } from '../state/codecs.js';
import { HashStateController } from '../state/url-state.js';
import { markStart, markEnd } from './lib/measure.js';

export { parseNumber };

/** Cells drawn at once; more are reached page by page. */
export const PAGE_CELLS = 256;

const TEXT = {
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

const indexLabel = (idx) => `[${idx.join(', ')}]`;

/**
 * About how wide a number's text is, in ch (the width of a digit): signs and ∞ are wider than a
 * digit, the point narrower. A result's cells are made this wide so that its columns line up.
 */
function numberWidth(text) {
  let width = 0;
  for (const ch of text)
    width += /[0-9]/.test(ch) ? 1 : ch === '.' ? 0.6 : /[−+∞]/.test(ch) ? 1.4 : 1.2;
  return width;
}

/** The flat index of the cell an event came from, or null for anything else. */
const cellIndex = (event) => {
  const i = event.target?.dataset?.i;
  return i === undefined ? null : Number(i);
};

const shapeConverter = {
  fromAttribute: (text) => {
    const r = parseShape(text);
    return r.shape ?? [1];
  },
  toAttribute: (shape) => shape.join(','),
};

const valuesConverter = {
  fromAttribute: (text) => {
    const r = parseList(text);
    return r.values ? Float32Array.from(r.values) : new Float32Array(0);
  },
};

const sameValues = (a, b) => {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

/** Standard normal draws rounded to one decimal: inputs for a demo, easy to read in a cell. */
function randomValues(n) {
  return Float32Array.from({ length: n }, () => {
    const u = 1 - Math.random();
    const v = Math.random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.round(z * 10) / 10 || 0;
  });
}

export class TensorEditor extends LitElement {
  static properties = {
    shape: { converter: shapeConverter },
    values: { converter: valuesConverter },
    readonly: { type: Boolean, reflect: true },
    shapeEditable: { type: Boolean, attribute: 'shape-editable' },
    toolsOpen: { type: Boolean, attribute: 'tools-open' },
    collapsible: { type: Boolean }, // the cells behind a "Values" disclosure, closed at first
    noTools: { type: Boolean, attribute: 'no-tools' }, // no paste field or random button
    expanded: { state: true },
    lang: { type: String },
    label: { type: String },
    stateNotice: { state: true },
    groups: { attribute: false }, // optional group id per element, for colouring
    rowNotes: { attribute: false }, // optional text after each row (last-dim vector)
    page: { type: Number },
    shapeText: { state: true },
    shapeError: { state: true },
    listText: { state: true },
    listMessage: { state: true },
    status: { state: true },
  };

  static styles = [
    hostStyle,
    formControls,
    css`
      :host {
        display: block;
        max-width: 100%;
        overflow-x: auto;
        --cell-w: 4.6em;
      }
      .slices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75em 1.25em;
      }
      .slice {
        border: 1px solid var(--nl-border, #c8cdd6);
        border-radius: 6px;
        padding: 0.35em;
      }
      .slice-label {
        font-size: 0.8em;
        color: var(--nl-muted, #5b6472);
        margin: 0 0 0.2em 0.2em;
      }
      .row {
        display: flex;
        align-items: center;
        gap: 2px;
        margin: 2px 0;
      }
      output {
        font: inherit;
      }
      .cell {
        box-sizing: border-box;
        width: var(--cell-w);
        flex: none;
        padding: 0.25em 0.3em;
        font-variant-numeric: tabular-nums;
        text-align: right;
        border: 1px solid var(--nl-border, #c8cdd6);
        border-radius: 4px;
        background: var(--cell-bg, var(--nl-bg, #fff));
      }
      output.cell {
        display: block;
        width: auto;
        min-width: max(var(--out-w, 5.3em), var(--fit-w, 0px));
        border-color: transparent;
        white-space: nowrap;
      }
      :focus-visible {
        outline-offset: 1px;
      }
      .note {
        margin-left: 0.6em;
        font-size: 0.85em;
        color: var(--nl-muted, #5b6472);
        white-space: nowrap;
      }
      .error {
        color: var(--nl-error, #b3261e);
        font-size: 0.9em;
        margin: 0.3em 0 0;
      }
      .status {
        color: var(--nl-muted, #5b6472);
        font-size: 0.9em;
        margin: 0.3em 0 0;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4em 0.6em;
        margin: 0 0 0.4em;
      }
      .bar input {
        width: 9em;
      }
      .tools {
        margin: 0.4em 0 0;
        font-size: 0.95em;
      }
      .values summary {
        width: fit-content;
        margin: 0.2em 0;
      }
      .tools summary {
        width: fit-content;
      }
      .tools label {
        display: block;
        margin: 0.3em 0 0.2em;
        font-size: 0.9em;
      }
      .tools textarea {
        display: block;
        box-sizing: border-box;
        width: 100%;
        min-height: 3.2em;
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.9em;
      }
      .tools .bar {
        margin-top: 0.35em;
      }
    `,
  ];

  constructor() {
    super();
    this.shape = [2, 3, 4];
    this.values = [];
    this.readonly = false;
    this.shapeEditable = false;
    this.toolsOpen = false;
    this.collapsible = false;
    this.noTools = false;
    this.expanded = false;
    this.lang = 'en';
    new LangController(this);
    this.label = '';
    this.groups = null;
    this.rowNotes = null;
    this.page = 0;
    this.shapeText = '';
    this.shapeError = '';
    this.listText = '';
    this.listMessage = null;
    this.status = '';
    this.stateNotice = '';
    // a refused shape or values attribute is named, and the default kept (no 64^5 grid)
    new HashStateController(this, {}, null, {
      attributes: { shape: shapeCodec, values: floatsCodec },
    });
  }

  // Values and shapes this editor produced itself: they must not reset the learner's texts.
  #emitted = null;
  #ownShape = null;
  /** flat index → the text the learner typed there (kept as typed, even when it is no number) */
  #typed = new Map();
  /** The formatted value of each cell drawn so far, for the values they were formatted from. */
  #formatted = { values: null, readonly: false, texts: [] };
  /** Cell labels (x[0, 1]) by flat index, for the shape they were made for. */
  #labels = { shape: '', texts: [] };
  /** The cell that is the grid's one Tab stop: the one last focused. */
  #active = 0;

  willUpdate(changed) {
    markStart('tensor-editor');
    // a host that hands back (a copy of) what this editor emitted must not respell the learner's
    // text: "1." while typing "1.5" would lose its point
    const outsideValues = changed.has('values') && !sameValues(this.values, this.#emitted);
    const outsideShape =
      changed.has('shape') && this.shape.join() !== (this.#ownShape ?? []).join();
    if (outsideValues || outsideShape) this.#typed = new Map();
    if (this.#active >= numel(this.shape)) this.#active = 0;
    if (changed.has('shape')) this.shapeText = this.shape.join(', ');
    if (outsideShape) this.shapeError = '';
    const pages = this.#layout().pages;
    if (this.page >= pages || this.page < 0 || !Number.isInteger(this.page)) {
      this.page = Math.min(Math.max(0, Math.trunc(this.page) || 0), pages - 1);
    }
  }

  updated() {
    markEnd('tensor-editor');
  }

  get #cols() {
    return this.shape.length ? this.shape[this.shape.length - 1] : 1;
  }

  /** Rows (last-dim vectors) per page: whole 2-D slices when a slice fits, else part of one. */
  #layout() {
    const cols = this.#cols;
    const dims = this.shape.length;
    const rows = numel(this.shape) / cols;
    const sliceRows = dims >= 2 ? this.shape[dims - 2] : 1;
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

  #pageOf(flat) {
    const { cols, rowsPerPage } = this.#layout();
    return Math.floor(Math.floor(flat / cols) / rowsPerPage);
  }

  #label(flat) {
    const key = `${this.label}|${this.shape.join()}`;
    if (this.#labels.shape !== key) this.#labels = { shape: key, texts: [] };
    return (this.#labels.texts[flat] ??=
      `${this.label || 'x'}${indexLabel(unravel(flat, this.shape))}`);
  }

  #value(i) {
    return this.values?.[i] ?? 0;
  }

  /** What a cell shows: the learner's text, else its value, formatted once per values. */
  #text(flat) {
    const typed = this.#typed.get(flat);
    if (typed !== undefined) return typed;
    const f = this.#formatted;
    if (f.values !== this.values || f.readonly !== this.readonly) {
      this.#formatted = { values: this.values, readonly: this.readonly, texts: [] };
    }
    const v = this.#value(flat);
    return (this.#formatted.texts[flat] ??= this.readonly ? formatNumber(v) : formatFloat32(v));
  }

  /** The typed cells whose text is no number, in order. */
  #invalidCells() {
    const bad = [];
    for (const [flat, text] of this.#typed) if (parseNumber(text) === null) bad.push(flat);
    return bad.sort((a, b) => a - b);
  }

  /** A copy of the tensor's values, as many as its shape holds. */
  #copyValues() {
    const n = numel(this.shape);
    if (this.values instanceof Float32Array && this.values.length === n) return this.values.slice();
    return Float32Array.from({ length: n }, (_, i) => this.#value(i));
  }

  #emit(values, shape = this.shape) {
    this.#emitted = values;
    this.values = values;
    this.dispatchEvent(
      new CustomEvent('tensor-change', {
        detail: { values, shape },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #onInput(event) {
    const flat = cellIndex(event);
    if (flat === null) return;
    const text = event.target.value;
    this.#typed.set(flat, text);
    this.requestUpdate();
    this.status = '';
    // a list pasted earlier and refused is history once a cell is typed in
    this.listMessage = null;
    const v = parseNumber(text);
    if (v === null) return;
    const values = this.#copyValues();
    values[flat] = v;
    this.#emit(values);
  }

  #onPaste(event) {
    const text = event.clipboardData?.getData('text') ?? '';
    // one number pastes into the cell as usual; a list fills the tensor
    if (parseNumber(text) !== null || !/[\s,;[\]()]/.test(text.trim())) return;
    event.preventDefault();
    this.listText = text;
    this.#fillFromList(text);
  }

  #fillFromList(text) {
    const r = parseList(text);
    const n = numel(this.shape);
    this.status = '';
    if (r.error) {
      this.listMessage = { error: r.error, token: r.token, index: r.index };
      return;
    }
    if (r.values.length !== n) {
      const fits =
        this.shapeEditable &&
        r.shape &&
        numel(r.shape) === r.values.length &&
        !parseShape(r.shape.join()).error;
      this.listMessage = { error: 'count', count: r.values.length, suggest: fits ? r.shape : null };
      return;
    }
    this.listMessage = null;
    this.#replaceAll(Float32Array.from(r.values));
    this.status = t(this.lang, TEXT.filled)(n);
  }

  #replaceAll(values, shape = this.shape) {
    this.#typed = new Map();
    if (shape !== this.shape) {
      this.#ownShape = shape;
      this.shape = shape;
      this.shapeText = shape.join(', ');
      this.shapeError = '';
    }
    this.#emit(values, shape);
  }

  #useListShape(shape) {
    const r = parseList(this.listText);
    if (!r.values || r.values.length !== numel(shape)) return;
    this.listMessage = null;
    this.#replaceAll(Float32Array.from(r.values), [...shape]);
    this.status = t(this.lang, TEXT.filled)(r.values.length);
  }

  #random() {
    const n = numel(this.shape);
    this.listMessage = null;
    this.#replaceAll(randomValues(n));
    this.status = t(this.lang, TEXT.randomDone)(n);
  }

  #setShape(event) {
    event.preventDefault();
    const r = parseShape(this.shapeText);
    if (r.error) {
      this.shapeError = t(this.lang, TEXT.shapeErrors[r.error])(r);
      return;
    }
    this.shapeError = '';
    if (r.shape.join() === this.shape.join()) return;
    const n = numel(r.shape);
    const values = Float32Array.from(keepPrefix(this.#copyValues(), n, 0));
    // the learner's texts (even invalid ones) move with their values
    for (const flat of this.#typed.keys()) if (flat >= n) this.#typed.delete(flat);
    this.#ownShape = r.shape;
    this.shape = r.shape;
    this.page = 0;
    this.status = '';
    this.#emit(values, r.shape);
  }

  #onKeydown(event) {
    const flat = cellIndex(event);
    if (flat === null) return;
    const cols = this.#cols;
    const n = numel(this.shape);
    const pageCells = this.#layout().rowsPerPage * cols;
    const moves = {
      ArrowUp: -cols,
      ArrowDown: cols,
      Enter: cols,
      PageDown: pageCells,
      PageUp: -pageCells,
    };
    let target = null;
    if (event.key in moves) target = flat + moves[event.key];
    const input = event.target;
    if (event.key === 'ArrowLeft' && input.selectionStart === 0 && input.selectionEnd === 0)
      target = flat - 1;
    if (event.key === 'ArrowRight' && input.selectionStart === input.value.length)
      target = flat + 1;
    // Home and End move in the cell's text; with Ctrl (the grid pattern's keys) to the first and
    // last cell
    if (event.ctrlKey && event.key === 'Home') target = 0;
    if (event.ctrlKey && event.key === 'End') target = n - 1;
    if (target === null) return;
    if (event.key.startsWith('Page')) target = Math.min(Math.max(target, 0), n - 1);
    if (target < 0 || target >= n) return;
    event.preventDefault();
    this.focusCell(target);
  }

  /**
   * The focused cell becomes the grid's Tab stop. Set on the two cells directly: a render of the
   * whole page for one moved tabindex is what the arrow keys would pay on every press (the next
   * render computes the same tabindex from #active).
   */
  #onFocusin(event) {
    const flat = cellIndex(event);
    if (flat === null || flat === this.#active) return;
    this.#active = flat;
    for (const cell of event.currentTarget.querySelectorAll('input.cell[tabindex="0"]'))
      cell.tabIndex = -1;
    event.target.tabIndex = 0;
  }

  /** The Tab stop among the cells drawn: the last focused cell, else the page's first. */
  #tabStop(first, last) {
    return this.#active >= first && this.#active < last ? this.#active : first;
  }

  /** Focuses a cell, turning to its page first. */
  async focusCell(flat) {
    if (this.collapsible && !this.expanded) {
      this.expanded = true;
      await this.updateComplete;
    }
    const page = this.#pageOf(flat);
    if (page !== this.page) {
      this.#showPage(page);
      await this.updateComplete;
    }
    this.renderRoot.querySelector(`[data-i="${flat}"]`)?.focus();
  }

  #showPage(page) {
    if (page === this.page) return;
    this.page = page;
    this.dispatchEvent(
      new CustomEvent('page-change', { detail: { page }, bubbles: true, composed: true }),
    );
  }

  #cell(flat, tabStop, invalid) {
    const label = this.#label(flat);
    const text = this.#text(flat);
    const style = this.groups ? `--cell-bg: var(--nl-group-${this.groups[flat] % 8})` : nothing;
    if (this.readonly) {
      // role=cell, not output's implicit status: a recompute must not announce every cell
      return html`<output class="cell" role="cell" data-i=${flat} aria-label=${label} style=${style}
        >${text}</output
      >`;
    }
    return html`<span role="gridcell"
      ><input
        class="cell"
        data-i=${flat}
        tabindex=${flat === tabStop ? '0' : '-1'}
        inputmode="decimal"
        spellcheck="false"
        autocomplete="off"
        aria-label=${label}
        aria-invalid=${invalid.has(flat) ? 'true' : 'false'}
        style=${style}
        .value=${text}
    /></span>`;
  }

  #grid() {
    const { rows, cols, sliceRows, rowsPerPage } = this.#layout();
    const first = this.page * rowsPerPage;
    const last = Math.min(rows, first + rowsPerPage);
    const lead = this.shape.length - 2;
    const blocks = [];
    for (let r = first; r < last;) {
      const slice = Math.floor(r / sliceRows);
      const end = Math.min(last, (slice + 1) * sliceRows);
      blocks.push({ slice, from: r, to: end });
      r = end;
    }
    const tabStop = this.readonly ? -1 : this.#tabStop(first * cols, last * cols);
    // a result's cells are as wide as its widest number on this page (at least --out-w), so its
    // columns line up; each cell still grows with its text, which never overflows its box
    let widest = 0;
    if (this.readonly) {
      for (let i = first * cols; i < last * cols; i++)
        widest = Math.max(widest, numberWidth(this.#text(i)));
    }
    const invalid = new Set(this.readonly ? [] : this.#invalidCells());
    const cellRole = this.readonly ? 'cell' : 'gridcell';
    // one delegated listener per kind for the whole page of cells
    return html`<div
      class="slices"
      style=${this.readonly ? `--fit-w: calc(${widest.toFixed(1)}ch + 0.6em + 2px)` : nothing}
      role=${this.readonly ? 'table' : 'grid'}
      aria-label=${this.label || 'x'}
      @input=${this.readonly ? nothing : this.#onInput}
      @keydown=${this.readonly ? nothing : this.#onKeydown}
      @paste=${this.readonly ? nothing : this.#onPaste}
      @focusin=${this.readonly ? nothing : this.#onFocusin}
    >
      ${blocks.map(({ slice, from, to }) => {
        const idx = lead > 0 ? unravel(slice, this.shape.slice(0, lead)) : [];
        const partial = to - from < sliceRows;
        const rowsText = partial ? `${from % sliceRows}:${((to - 1) % sliceRows) + 1}` : ':';
        const sliceLabel = idx.length
          ? `${this.label || 'x'}[${idx.join(', ')}, ${rowsText}, :]`
          : '';
        return html`<div class="slice">
          ${sliceLabel ? html`<div class="slice-label" aria-hidden="true">${sliceLabel}</div>` : nothing}
          <div class="rows" role="rowgroup" aria-label=${sliceLabel || nothing}>
            ${Array.from({ length: to - from }, (_, k) => {
              const row = from + k;
              const note = this.rowNotes?.[row];
              return html`<div class="row" role="row">
                ${Array.from({ length: cols }, (_, c) => this.#cell(row * cols + c, tabStop, invalid))}
                ${note ? html`<span class="note" role=${cellRole}>${note}</span>` : nothing}
              </div>`;
            })}
          </div>
        </div>`;
      })}
    </div>`;
  }

  #pager() {
    const lang = this.lang;
    const { pages, rowsPerPage, rows, cols } = this.#layout();
    if (pages <= 1) return nothing;
    const range = (p) => {
      const a = p * rowsPerPage * cols;
      const b = Math.min(rows, (p + 1) * rowsPerPage) * cols - 1;
      return `${this.#label(a)} … ${this.#label(b)}`;
    };
    return html`<div class="bar pager">
      <button
        type="button"
        ?disabled=${this.page === 0}
        @click=${() => this.#showPage(this.page - 1)}
      >
        ◀ ${t(lang, TEXT.prev)}
      </button>
      <label for="page">${t(lang, TEXT.page)}</label>
      <select id="page" @change=${(e) => this.#showPage(Number(e.target.value))}>
        ${Array.from(
          { length: pages },
          (_, p) =>
            html`<option value=${p} ?selected=${p === this.page}>${p + 1}: ${range(p)}</option>`,
        )}
      </select>
      <button
        type="button"
        ?disabled=${this.page === pages - 1}
        @click=${() => this.#showPage(this.page + 1)}
      >
        ${t(lang, TEXT.next)} ▶
      </button>
      <span class="status">${t(lang, TEXT.pageOf)(this.page + 1, pages)}</span>
    </div>`;
  }

  #shapeField() {
    if (this.readonly || !this.shapeEditable) return nothing;
    const lang = this.lang;
    return html`<form class="bar shape" @submit=${this.#setShape}>
      <label
        >${t(lang, TEXT.shape)}
        <input
          name="shape"
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${this.shapeError ? 'true' : 'false'}
          aria-describedby="shape-error"
          .value=${this.shapeText}
          @input=${(e) => (this.shapeText = e.target.value)}
      /></label>
      <button type="submit">${t(lang, TEXT.setShape)}</button>
      <span id="shape-error" class="error" role="alert"
        >${this.shapeError ? this.shapeError + t(lang, TEXT.shapeKept) : ''}</span
      >
    </form>`;
  }

  #tools() {
    if (this.readonly || this.noTools) return nothing;
    const lang = this.lang;
    return html`<details
      class="tools"
      ?open=${this.toolsOpen}
      @toggle=${(e) => (this.toolsOpen = e.target.open)}
    >
      <summary>${t(lang, TEXT.tools)}</summary>
      <label for="list">${t(lang, TEXT.listLabel)}</label>
      <textarea
        id="list"
        spellcheck="false"
        .value=${this.listText}
        @input=${(e) => (this.listText = e.target.value)}
      ></textarea>
      <div class="bar">
        <button type="button" @click=${() => this.#fillFromList(this.listText)}>
          ${t(lang, TEXT.fill)}
        </button>
        <button type="button" @click=${() => this.#random()}>${t(lang, TEXT.random)}</button>
      </div>
    </details>`;
  }

  #listError() {
    const m = this.listMessage;
    if (!m) return nothing;
    const lang = this.lang;
    const text =
      m.error === 'count'
        ? t(lang, TEXT.count)(m.count, formatShape(this.shape), numel(this.shape))
        : m.error === 'number'
          ? t(lang, TEXT.listNumber)(m.token, m.index + 1)
          : m.error === 'brackets'
            ? t(lang, TEXT.listBrackets)
            : t(lang, TEXT.listEmpty);
    return html`<p class="error list-error" role="alert">
      ${text}
      ${
        m.suggest
          ? html`<button type="button" @click=${() => this.#useListShape(m.suggest)}>
              ${t(lang, TEXT.useShape)(formatShape(m.suggest))}
            </button>`
          : nothing
      }
    </p>`;
  }

  #cellError() {
    if (this.readonly) return nothing;
    const bad = this.#invalidCells();
    if (!bad.length) return nothing;
    const lang = this.lang;
    const i = bad[0];
    const cell = this.#label(i);
    const kept = formatFloat32(this.#value(i));
    const typed = this.#typed.get(i).trim();
    const text = typed
      ? t(lang, TEXT.invalid)(cell, typed.slice(0, 24), kept)
      : t(lang, TEXT.empty)(cell, kept);
    return html`<p class="error cell-error" role="alert">
      ${text}${bad.length > 1 ? t(lang, TEXT.more)(bad.length - 1) : ''}
    </p>`;
  }

  render() {
    const body = html`${this.#pager()}${this.#grid()}`;
    return html`${this.#shapeField()}
    ${
      this.collapsible
        ? html`<details
            class="values"
            ?open=${this.expanded}
            @toggle=${(e) => (this.expanded = e.target.open)}
          >
            <summary>${t(this.lang, TEXT.values)(numel(this.shape))}</summary>
            ${this.expanded ? body : nothing}
          </details>`
        : body
    }
    ${this.#cellError()} ${this.#listError()}${this.#tools()}
    ${this.stateNotice ? html`<p class="status" role="status">${this.stateNotice}</p>` : nothing}
    ${this.status ? html`<p class="status" role="status">${this.status}</p>` : nothing}`;
  }
}

customElements.define('tensor-editor', TensorEditor);
