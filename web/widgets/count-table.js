// <count-table>: how many mean/variance pairs a module computes on an input shape, over how many
// elements each, and the shapes of γ and β: one row per (module, shape), all from the engine's
// statistics plan. The reader adds rows of their own.
//   <count-table rows="nn.LayerNorm(4) | 2,3,4; nn.BatchNorm2d(3) | 2,3,4,4"></count-table>
import { hostStyle } from './host-style.js';
import { formControls } from './lib/controls-style.js';
import { fieldInput, fieldError } from './lib/text-field.js';
import { LitElement, html, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { getEngine } from '../engine/shared.js';
import { HashStateController } from '../state/url-state.js';
import { t } from '../i18n.js';
import { EMPTY_DIM } from '../model/parse.js';
import { numel, formatShape } from '../model/shape.js';
import { parseModule, specMessage } from '../model/module-spec.js';
import { planSummary } from '../model/run-module.js';
import { markStart, markEnd } from './lib/measure.js';

const TEXT = {
  module: { zh: '模块', en: 'Module' },
  input: { zh: '输入形状', en: 'Input shape' },
  count: { zh: '均值/方差计算次数', en: 'mean/variance pairs' },
  each: { zh: '每次的元素数', en: 'elements each' },
  params: { zh: 'γ、β 的形状', en: 'shape of γ, β' },
  // LayerNorm's switch is elementwise_affine; the other norms' is affine
  none: { zh: (arg) => `无（${arg}=False）`, en: (arg) => `none (${arg}=False)` },
  add: { zh: '添加一行', en: 'Add row' },
  remove: { zh: '删除', en: 'Remove' },
  removeRow: { zh: (m, s) => `删除 ${m} ${s} 这一行`, en: (m, s) => `Remove the row ${m} on ${s}` },
  caption: {
    zh: '每一行的数字都来自 C++ 内核的统计计划（plan）',
    en: 'Every number comes from the C++ kernels’ statistics plan',
  },
  full: { zh: '最多 8 行；先删掉一行', en: 'At most 8 rows; remove one first' },
  shapeBad: { zh: '形状须为 1 到 5 个正整数', en: 'A shape is 1 to 5 positive whole numbers' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

const MAX_ROWS = 8;
// the plan lists a group id per element: keep a row's input within what that costs little
const MAX_ELEMENTS = 1 << 20;

/** "nn.LayerNorm(4) | 2,3,4; ..." <-> [{module, shape}] */
function parseRows(text) {
  return String(text ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(0, MAX_ROWS)
    .map((part) => {
      const [module, shapeText] = part.split('|').map((s) => s.trim());
      parseModule(module);
      const shape = parseBigShape(shapeText ?? '');
      if (!shape) throw new Error(`"${shapeText}" is not a shape`);
      if (numel(shape) > MAX_ELEMENTS) throw new Error(`${shapeText}: too many elements`);
      return { module, shape };
    });
}
/** The name of the module's argument that turns γ and β off. */
function affineArgument(module) {
  try {
    return parseModule(module).options.op === 'layer_norm' ? 'elementwise_affine' : 'affine';
  } catch {
    return 'affine';
  }
}
const formatRows = (rows) => rows.map((r) => `${r.module} | ${r.shape.join(',')}`).join('; ');
const rowsCodec = { parse: parseRows, format: formatRows };

/** Shapes of up to 5 dims of up to 2^20 elements (bigger dims than the editor allows). */
function parseBigShape(text) {
  const stripped = String(text)
    .replace(/torch\.Size/g, '')
    .replace(/[()[\]]/g, ' ');
  if (EMPTY_DIM.test(stripped)) return null;
  const parts = stripped.split(/[\s,x×*]+/).filter(Boolean);
  if (!parts.length || parts.length > 5 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const shape = parts.map(Number);
  return shape.every((d) => d >= 1) ? shape : null;
}

export class CountTable extends LitElement {
  static properties = {
    // a refused rows attribute is named by the state controller (same check as the link's)
    rows: {
      converter: {
        fromAttribute: (text) => {
          try {
            return parseRows(text);
          } catch {
            return undefined;
          }
        },
      },
    },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    moduleDraft: { state: true },
    shapeDraft: { state: true },
    formError: { state: true },
    formErrorField: { state: true }, // which field the message is about: 'module', 'shape' or ''
    computed: { state: true },
  };

  static styles = [
    hostStyle,
    formControls,
    css`
      :host {
        display: block;
        margin: 0.6em 0;
      }
      .wrap {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        font-size: 0.92em;
        font-variant-numeric: tabular-nums;
      }
      caption {
        caption-side: bottom;
        text-align: left;
        font-size: 0.85em;
        color: var(--nl-muted, #5b6472);
        padding-top: 0.3em;
      }
      th,
      td {
        padding: 0.25em 0.6em;
        border-bottom: 1px solid var(--nl-border, #c8cdd6);
        text-align: left;
        vertical-align: top;
      }
      td.n {
        text-align: right;
        font-weight: 600;
      }
      code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.95em;
      }
      .error {
        color: var(--nl-error, #b3261e);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em 0.8em;
        align-items: center;
        margin-top: 0.6em;
      }
      input[name='module'] {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        width: 14em;
      }
      input[name='shape'] {
        width: 8em;
      }
      .field-error {
        flex-basis: 100%;
      }
    `,
  ];

  constructor() {
    super();
    this.rows = [];
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.moduleDraft = 'nn.GroupNorm(3, 3)';
    this.shapeDraft = '2, 3, 4, 4';
    this.formError = '';
    this.formErrorField = '';
    this.computed = null;
    this.engine = null;
    new HashStateController(this, { rows: rowsCodec });
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    this.#compute();
  }

  willUpdate(changed) {
    if (this.engine && changed.has('rows')) this.#compute();
  }

  updated() {
    markEnd('count-table');
  }

  /** One row's numbers, or its error: PyTorch's message from the engine, or the parser's. */
  #measure({ module, shape }) {
    let options;
    try {
      options = parseModule(module).options;
    } catch (err) {
      return { error: specMessage(err, this.lang) };
    }
    try {
      const p = planSummary(this.engine, options, shape);
      return { statCount: p.statCount, each: p.count[0], params: p.paramShapes };
    } catch (err) {
      if (err.name !== 'NormLabError') throw err;
      return { error: err.message };
    }
  }

  #compute() {
    markStart('count-table');
    this.computed = this.rows.map((row) => ({ ...row, ...this.#measure(row) }));
  }

  #add(event) {
    event.preventDefault();
    if (this.rows.length >= MAX_ROWS) {
      this.#setFormError('', t(this.lang, TEXT.full));
      return;
    }
    try {
      parseModule(this.moduleDraft);
    } catch (err) {
      this.#setFormError('module', specMessage(err, this.lang));
      return;
    }
    const shape = parseBigShape(this.shapeDraft);
    if (!shape) {
      this.#setFormError('shape', t(this.lang, TEXT.shapeBad));
      return;
    }
    if (numel(shape) > MAX_ELEMENTS) {
      this.#setFormError(
        'shape',
        this.lang === 'zh'
          ? `共 ${numel(shape)} 个元素，超过了这张表的上限 ${MAX_ELEMENTS}`
          : `${numel(shape)} elements is more than this table's limit of ${MAX_ELEMENTS}`,
      );
      return;
    }
    this.#setFormError('', '');
    this.rows = [...this.rows, { module: this.moduleDraft.trim(), shape }];
  }

  /** Why a row was not added (empty once one is), and the field it is about (marked invalid). */
  #setFormError(field, message) {
    this.formError = message;
    this.formErrorField = field;
  }

  #remove(i) {
    this.rows = this.rows.filter((_, k) => k !== i);
  }

  render() {
    const lang = this.lang;
    if (!this.computed) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    return html`<div class="wrap">
        <table>
          <caption>
            ${t(lang, TEXT.caption)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.module)}</th>
              <th scope="col">${t(lang, TEXT.input)}</th>
              <th scope="col">${t(lang, TEXT.count)}</th>
              <th scope="col">${t(lang, TEXT.each)}</th>
              <th scope="col">${t(lang, TEXT.params)}</th>
              <th scope="col">${t(lang, TEXT.remove)}</th>
            </tr>
          </thead>
          <tbody aria-live="polite">
            ${this.computed.map(
              (r, i) =>
                html`<tr>
                  <td><code>${r.module}</code></td>
                  <td>${formatShape(r.shape)}</td>
                  ${
                    r.error
                      ? html`<td colspan="3" class="error">${r.error}</td>`
                      : html`<td class="n">${r.statCount}</td>
                          <td class="n">${r.each}</td>
                          <td>
                            ${
                              r.params.length
                                ? formatShape(r.params[0][1])
                                : t(lang, TEXT.none)(affineArgument(r.module))
                            }
                          </td>`
                  }
                  <td>
                    <button
                      type="button"
                      aria-label=${t(lang, TEXT.removeRow)(r.module, formatShape(r.shape))}
                      @click=${() => this.#remove(i)}
                    >
                      ${t(lang, TEXT.remove)}
                    </button>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <form @submit=${this.#add}>
        <label
          >${t(lang, TEXT.module)}
          ${fieldInput({
            name: 'module',
            value: this.moduleDraft,
            invalid: this.formErrorField === 'module',
            errorId: 'add-error',
            onInput: (e) => (this.moduleDraft = e.target.value),
          })}</label
        >
        <label
          >${t(lang, TEXT.input)}
          ${fieldInput({
            name: 'shape',
            value: this.shapeDraft,
            invalid: this.formErrorField === 'shape',
            errorId: 'add-error',
            onInput: (e) => (this.shapeDraft = e.target.value),
          })}</label
        >
        <button type="submit">${t(lang, TEXT.add)}</button>
        ${fieldError('add-error', this.formError)}
      </form>
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }`;
  }
}

customElements.define('count-table', CountTable);
