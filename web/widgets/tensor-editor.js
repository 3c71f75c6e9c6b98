// <tensor-editor>: a tensor of up to 5 dims as grids of cells, the last dim across. Editable by
// mouse and keyboard (arrows move between cells); text that is not a number is marked and
// explained while the tensor keeps the cell's last good value. `readonly` shows a result instead.
// Fires `tensor-change` with {values, shape} whenever a cell changes to a valid number.
import { hostStyle } from './host-style.js';
import { LitElement, html, css, nothing } from 'lit';
import { t, formatNumber, formatFloat32 } from '../i18n.js';

const MESSAGES = {
  invalid: { zh: '不是数字，已保留原值', en: 'not a number; the previous value is kept' },
};

export function parseNumber(text) {
  const s = String(text).trim().replace('−', '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

const indexLabel = (idx) => `[${idx.join(', ')}]`;

export class TensorEditor extends LitElement {
  static properties = {
    shape: { type: Array },
    values: { attribute: false },
    readonly: { type: Boolean, reflect: true },
    lang: { type: String },
    label: { type: String },
    groups: { attribute: false }, // optional group id per element, for colouring
    rowNotes: { attribute: false }, // optional text after each row (last-dim vector)
    texts: { state: true },
  };

  static styles = [
    hostStyle,
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
      input,
      output {
        box-sizing: border-box;
        width: var(--cell-w);
        padding: 0.25em 0.3em;
        font: inherit;
        font-variant-numeric: tabular-nums;
        text-align: right;
        border: 1px solid var(--nl-border, #c8cdd6);
        border-radius: 4px;
        background: var(--cell-bg, var(--nl-bg, #fff));
        color: var(--nl-fg, #1d2330);
      }
      output {
        display: inline-block;
        border-color: transparent;
      }
      input:focus-visible {
        outline: 3px solid var(--nl-focus, #1f6feb);
        outline-offset: 1px;
      }
      input[aria-invalid='true'] {
        border-color: var(--nl-error, #c62828);
        background: var(--nl-error-bg, #fdecea);
      }
      .note {
        margin-left: 0.6em;
        font-size: 0.85em;
        color: var(--nl-muted, #5b6472);
        white-space: nowrap;
      }
      .error {
        color: var(--nl-error, #c62828);
        font-size: 0.9em;
        margin-top: 0.3em;
      }
    `,
  ];

  constructor() {
    super();
    this.shape = [2, 3, 4];
    this.values = [];
    this.readonly = false;
    this.lang = 'en';
    this.label = '';
    this.texts = null;
    this.groups = null;
    this.rowNotes = null;
  }

  #emitted = null; // the values this editor produced itself: they must not reset the texts

  willUpdate(changed) {
    // new values from outside replace the texts; the editor's own edits keep the learner's spelling
    const outside = changed.has('values') && this.values !== this.#emitted;
    if (outside || changed.has('shape') || this.texts === null) {
      this.texts = Array.from(this.values ?? [], (v) =>
        this.readonly ? formatNumber(v) : formatFloat32(v),
      );
    }
  }

  get #cols() {
    return this.shape.length ? this.shape[this.shape.length - 1] : 1;
  }

  /** Slices: every index of the leading dims but the last two, each a (rows x cols) grid. */
  #slices() {
    const dims = this.shape.length;
    const rows = dims >= 2 ? this.shape[dims - 2] : 1;
    const lead = this.shape.slice(0, Math.max(0, dims - 2));
    const count = lead.reduce((a, b) => a * b, 1);
    const slices = [];
    for (let s = 0; s < count; s++) {
      const idx = [];
      let rest = s;
      for (let d = lead.length - 1; d >= 0; d--) {
        idx.unshift(rest % lead[d]);
        rest = Math.floor(rest / lead[d]);
      }
      slices.push({ idx, start: s * rows * this.#cols, rows });
    }
    return slices;
  }

  #cellIndex(flat) {
    const idx = [];
    let rest = flat;
    for (let d = this.shape.length - 1; d >= 0; d--) {
      idx.unshift(rest % this.shape[d]);
      rest = Math.floor(rest / this.shape[d]);
    }
    return idx;
  }

  #onInput(flat, event) {
    const text = event.target.value;
    const texts = [...this.texts];
    texts[flat] = text;
    this.texts = texts;
    const v = parseNumber(text);
    if (v === null) return;
    const values = Float32Array.from(this.values);
    values[flat] = v;
    this.#emitted = values;
    this.values = values;
    this.dispatchEvent(
      new CustomEvent('tensor-change', {
        detail: { values, shape: this.shape },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #onKeydown(flat, event) {
    const cols = this.#cols;
    const n = this.texts.length;
    const moves = { ArrowUp: -cols, ArrowDown: cols, Enter: cols };
    let target = null;
    if (event.key in moves) target = flat + moves[event.key];
    const input = event.target;
    if (event.key === 'ArrowLeft' && input.selectionStart === 0) target = flat - 1;
    if (event.key === 'ArrowRight' && input.selectionEnd === input.value.length) target = flat + 1;
    if (target === null || target < 0 || target >= n) return;
    event.preventDefault();
    this.focusCell(target);
  }

  focusCell(flat) {
    this.renderRoot.querySelector(`[data-i="${flat}"]`)?.focus();
  }

  #cell(flat) {
    const label = `${this.label || 'x'}${indexLabel(this.#cellIndex(flat))}`;
    const text = this.texts[flat] ?? '';
    const style = this.groups ? `--cell-bg: var(--nl-group-${this.groups[flat] % 8})` : nothing;
    if (this.readonly) {
      return html`<output data-i=${flat} aria-label=${label} style=${style}>${text}</output>`;
    }
    const invalid = parseNumber(text) === null;
    return html`<input
      data-i=${flat}
      inputmode="decimal"
      spellcheck="false"
      autocomplete="off"
      aria-label=${label}
      aria-invalid=${invalid ? 'true' : 'false'}
      title=${invalid ? t(this.lang, MESSAGES.invalid) : nothing}
      style=${style}
      .value=${text}
      @input=${(e) => this.#onInput(flat, e)}
      @keydown=${(e) => this.#onKeydown(flat, e)}
    />`;
  }

  render() {
    const cols = this.#cols;
    const invalid = !this.readonly && this.texts.some((s) => parseNumber(s) === null);
    return html`<div class="slices" role="group" aria-label=${this.label || nothing}>
        ${this.#slices().map(
          ({ idx, start, rows }) =>
            html`<div class="slice">
              ${idx.length ? html`<div class="slice-label">${this.label}[${idx.join(', ')}, :, :]</div>` : nothing}
              ${Array.from({ length: rows }, (_, r) => {
                const rowStart = start + r * cols;
                const note = this.rowNotes?.[rowStart / cols];
                return html`<div class="row">
                  ${Array.from({ length: cols }, (_, c) => this.#cell(rowStart + c))}
                  ${note ? html`<span class="note">${note}</span>` : nothing}
                </div>`;
              })}
            </div>`,
        )}
      </div>
      ${invalid ? html`<div class="error" role="alert">${t(this.lang, MESSAGES.invalid)}</div>` : nothing}`;
  }
}

customElements.define('tensor-editor', TensorEditor);
