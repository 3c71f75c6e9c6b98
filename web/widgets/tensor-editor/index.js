// <tensor-editor>: a tensor of up to 5 dims as grids of cells, the last dim across. Editable by
// mouse and keyboard (arrows, Enter, PageUp/PageDown, Ctrl+Home/End); text that is not a number is
// marked and explained while the tensor keeps the cell's last good value. A list pasted into a cell or typed
// into the paste field fills the tensor in order; "Random values" draws new ones; with
// `shape-editable` a shape field reshapes it, keeping as many values as fit. Large tensors are shown
// a page of at most PAGE_CELLS (model.js) cells at a time, so a 4096-element tensor stays quick.
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
import { LitElement } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { t, formatNumber, formatFloat32 } from '../../i18n.js';
import { parseNumber, parseList, parseShape, flagAttribute } from '../../model/parse.js';
import { numel, keepPrefix, unravel } from '../../model/shape.js';
import { shape as shapeCodec, floats as floatsCodec } from '../../state/codecs.js';
import { HashStateController } from '../../state/url-state.js';
import { markStart, markEnd } from '../shared/measure.js';
import {
  indexLabel,
  pageLayout,
  randomValues,
  sameValues,
  shapeConverter,
  valuesConverter,
} from './model.js';
import { styles } from './styles.js';
import { TEXT } from './text.js';
import { tensorEditorView } from './view.js';

/** The flat index of the cell an event came from, or null for anything else. */
const cellIndex = (event) => {
  const i = event.target?.dataset?.i;
  return i === undefined ? null : Number(i);
};

export class TensorEditor extends LitElement {
  static properties = {
    shape: { converter: shapeConverter },
    values: { converter: valuesConverter },
    readonly: { type: Boolean, converter: flagAttribute, reflect: true },
    shapeEditable: { type: Boolean, converter: flagAttribute, attribute: 'shape-editable' },
    toolsOpen: { type: Boolean, converter: flagAttribute, attribute: 'tools-open' },
    collapsible: { type: Boolean, converter: flagAttribute }, // the cells behind a "Values" disclosure, closed at first
    noTools: { type: Boolean, converter: flagAttribute, attribute: 'no-tools' }, // no paste field or random button
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

  static styles = styles;

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

  #layout() {
    return pageLayout(this.shape);
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
    /** @type {HTMLElement | null} */ (
      this.renderRoot.querySelector(`[data-i="${flat}"]`)
    )?.focus();
  }

  #showPage(page) {
    if (page === this.page) return;
    this.page = page;
    this.dispatchEvent(
      new CustomEvent('page-change', { detail: { page }, bubbles: true, composed: true }),
    );
  }

  /** The private readers and handlers the templates use. */
  #viewCallbacks = {
    layout: null,
    label: (flat) => this.#label(flat),
    text: (flat) => this.#text(flat),
    value: (flat) => this.#value(flat),
    typed: (flat) => this.#typed.get(flat),
    invalidCells: () => this.#invalidCells(),
    tabStop: (first, last) => this.#tabStop(first, last),
    showPage: (page) => this.#showPage(page),
    onInput: (e) => this.#onInput(e),
    onKeydown: (e) => this.#onKeydown(e),
    onPaste: (e) => this.#onPaste(e),
    onFocusin: (e) => this.#onFocusin(e),
    setShape: (e) => this.#setShape(e),
    setShapeText: (text) => (this.shapeText = text),
    setListText: (text) => (this.listText = text),
    setToolsOpen: (open) => (this.toolsOpen = open),
    setExpanded: (open) => (this.expanded = open),
    fillFromList: (text) => this.#fillFromList(text),
    random: () => this.#random(),
    useListShape: (shape) => this.#useListShape(shape),
  };

  render() {
    this.#viewCallbacks.layout = this.#layout();
    return tensorEditorView(this, this.#viewCallbacks);
  }
}

customElements.define('tensor-editor', TensorEditor);
