// <memory-calculator>: how much memory training keeps per parameter: the weights, their gradients,
// fp32 master weights under mixed precision, and each state buffer the optimizer holds, with the
// bytes counted by the engine (engine.optimizerMemory). Activations are not part of it.
//   <memory-calculator params="7e9" precision="fp32" optimizer="adam"></memory-calculator>
import { hostStyle } from '../shared/host-style.js';
import { fieldInput, fieldError } from '../shared/text-field.js';
import { formStyles } from '../shared/optim-controls.js';
import { markStart, markEnd } from '../shared/measure.js';
import { LitElement, html, svg, css, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { scaleLinear } from 'd3-scale';
import { getEngine } from '../../engine/shared.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t, formatNumber } from '../../i18n.js';
import { MEMORY_OPTIMIZERS, BUFFER_NAMES } from '../../model/optimizers.js';

// the menu lives in model/optimizers.js; re-exported for the tests that read it from here
export { MEMORY_OPTIMIZERS };
export const PRECISIONS = ['fp32', 'fp16-mixed', 'bf16-mixed'];
const MAX_PARAMS = 1e14;

const TEXT = {
  params: { zh: '参数量', en: 'Parameters' },
  paramsHint: {
    zh: '例如 7e9、7B、125M、1.3亿',
    en: 'e.g. 7e9, 7B, 125M, 130,000,000',
  },
  presets: { zh: '常见规模', en: 'Common sizes' },
  precision: { zh: '精度', en: 'Precision' },
  precisions: {
    fp32: { zh: 'fp32（全精度）', en: 'fp32 (full precision)' },
    'fp16-mixed': {
      zh: 'fp16 混合精度（fp32 主权重）',
      en: 'fp16 mixed precision (fp32 master weights)',
    },
    'bf16-mixed': {
      zh: 'bf16 混合精度（fp32 主权重）',
      en: 'bf16 mixed precision (fp32 master weights)',
    },
  },
  optimizer: { zh: '优化器', en: 'Optimizer' },
  part: { zh: '内容', en: 'What' },
  bytes: { zh: '字节', en: 'Bytes' },
  perParam: { zh: '每个参数', en: 'Per parameter' },
  parameters: { zh: '参数（权重）', en: 'parameters (weights)' },
  gradients: { zh: '梯度', en: 'gradients' },
  master_weights: { zh: 'fp32 主权重', en: 'fp32 master weights' },

  state: { zh: '优化器状态', en: 'optimizer state' },
  total: { zh: '合计', en: 'Total' },
  summary: {
    zh: (total, perParam, copies) =>
      `合计 ${total}：每个参数 ${perParam} 字节，相当于 ${copies} 份 fp32 参数的大小。`,
    en: (total, perParam, copies) =>
      `Total ${total}: ${perParam} bytes per parameter, the size of ${copies}× fp32 copies of the parameters.`,
  },
  chart: {
    zh: (parts) => `训练内存的构成：${parts}`,
    en: (parts) => `What the training memory is made of: ${parts}`,
  },
  notParams: {
    zh: '请输入一个正整数个参数，例如 7e9、7B 或 125M',
    en: 'Type a positive whole number of parameters, such as 7e9, 7B or 125M',
  },
  tooMany: {
    zh: `参数量最多为 ${MAX_PARAMS.toExponential()}`,
    en: `At most ${MAX_PARAMS.toExponential()} parameters`,
  },
  excluded: {
    zh: '不含激活值（取决于批大小和序列长度）、临时缓冲区和框架开销。',
    en: 'Not included: activations (they depend on batch size and sequence length), temporary buffers, framework overhead.',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

const SUFFIX = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12, 万: 1e4, 亿: 1e8 };

/** "7B", "7e9", "125 M", "1,300,000", "1.3亿" -> a whole number of parameters; null otherwise. */
export function parseParamCount(text) {
  const s = String(text ?? '')
    .trim()
    .replace(/[,_\s]/g, '')
    .toLowerCase();
  const m = /^(\d+\.?\d*|\.\d+)(e\+?\d+)?([kmbgt万亿])?$/.exec(s);
  if (!m) return null;
  const v = Number(m[1] + (m[2] ?? '')) * (m[3] ? SUFFIX[m[3]] : 1);
  // 1.3e9 is 1299999999.9999998 in binary: a count within rounding of a whole number is one
  const whole = Math.round(v);
  if (!Number.isFinite(v) || whole < 1 || Math.abs(v - whole) > 1e-6 * Math.max(1, v)) return null;
  return whole;
}

const PRESETS = [
  ['BERT-base', 110e6],
  ['GPT-2', 124e6],
  ['1.3B', 1.3e9],
  ['7B', 7e9],
  ['70B', 70e9],
];

function formatBytes(bytes) {
  const units = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'KB'],
  ];
  for (const [size, unit] of units)
    if (bytes >= size) return `${formatNumber(bytes / size)} ${unit}`;
  return `${bytes} B`;
}

export class MemoryCalculator extends LitElement {
  static properties = {
    params: { type: Number },
    precision: { type: String },
    optimizer: { type: String },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    paramsText: { state: true },
    paramsError: { state: true },
    result: { state: true },
    error: { state: true },
    stateNotice: { state: true },
  };

  static styles = [
    hostStyle,
    formStyles,
    css`
      .presets button {
        font-size: 0.85em;
      }
      /* the longest optimizer name is wider than a 360 px phone: the select shrinks instead */
      .row > label {
        max-width: 100%;
      }
      select {
        max-width: 100%;
      }
      .summary {
        font-weight: 600;
        margin: 0.6em 0 0.3em;
      }
      .swatch {
        display: inline-block;
        width: 0.9em;
        height: 0.9em;
        border-radius: 2px;
        margin-right: 0.4em;
        vertical-align: -0.1em;
        border: 1px solid var(--nl-border, #c8cdd6);
      }
      tfoot td {
        font-weight: 600;
        border-bottom: none;
      }
    `,
  ];

  constructor() {
    super();
    this.params = 7e9;
    this.precision = 'fp32';
    this.optimizer = 'adam';
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.paramsText = null;
    this.paramsError = '';
    this.result = null;
    this.error = '';
    this.stateNotice = '';
    this.engine = null;
    new HashStateController(this, {
      params: codec.int(1, MAX_PARAMS),
      precision: codec.oneOf(PRECISIONS),
      optimizer: codec.oneOf(Object.keys(MEMORY_OPTIMIZERS)),
    });
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    this.requestUpdate('params');
  }

  willUpdate(changed) {
    if (!PRECISIONS.includes(this.precision)) this.precision = 'fp32';
    if (!(this.optimizer in MEMORY_OPTIMIZERS)) this.optimizer = 'adam';
    // the field keeps what the learner typed ("7B" stays "7B"); a preset or the link rewrites it
    const typed = this.#typed;
    this.#typed = false;
    if (this.paramsText === null || (changed.has('params') && !typed && !this.paramsError)) {
      this.paramsText = String(this.params);
    }
    if (this.engine && ['params', 'precision', 'optimizer'].some((k) => changed.has(k))) {
      markStart('memory-calculator');
      this.#compute();
    }
  }

  updated() {
    markEnd('memory-calculator');
  }

  #compute() {
    const { op, args } = MEMORY_OPTIMIZERS[this.optimizer];
    try {
      this.result = this.engine.optimizerMemory({
        params: this.params,
        precision: this.precision,
        op,
        args,
      });
      this.error = '';
    } catch (err) {
      this.error = err.message;
    }
  }

  #typed = false;

  #onParams(text) {
    this.paramsText = text;
    const n = parseParamCount(text);
    if (n === null) {
      this.paramsError = t(this.lang, TEXT.notParams);
    } else if (n > MAX_PARAMS) {
      this.paramsError = t(this.lang, TEXT.tooMany);
    } else {
      this.paramsError = '';
      this.#typed = true;
      this.params = n;
    }
  }

  /** [key, label, bytes] for every part of the engine's answer, in the order of the table. */
  #parts() {
    const r = this.result;
    const lang = this.lang;
    const parts = [
      ['parameters', t(lang, TEXT.parameters), r.parameters],
      ['gradients', t(lang, TEXT.gradients), r.gradients],
    ];
    if (r.master_weights) {
      parts.push(['master_weights', t(lang, TEXT.master_weights), r.master_weights]);
    }
    for (const [name, bytes] of Object.entries(r.state ?? {})) {
      const what = BUFFER_NAMES[name];
      parts.push([name, what ? `${name} (${t(lang, what)})` : name, bytes]);
    }
    return parts;
  }

  #chart(parts, total) {
    const width = 600;
    const x = scaleLinear().domain([0, total]).range([0, width]);
    let at = 0;
    const label = t(
      this.lang,
      TEXT.chart,
    )(parts.map(([, name, bytes]) => `${name} ${formatBytes(bytes)}`).join('; '));
    return html`<svg viewBox="0 0 ${width} 28" role="img" aria-label=${label}>
      ${parts.map(([, , bytes], i) => {
        const rect = svg`<rect x=${x(at)} y="2" width=${Math.max(0, x(bytes) - 0.5)} height="24"
          fill="var(--nl-group-${i % 8}, #ccc)" stroke="var(--nl-border, #c8cdd6)"></rect>`;
        at += bytes;
        return rect;
      })}
    </svg>`;
  }

  render() {
    const lang = this.lang;
    const r = this.result;
    const opts = MEMORY_OPTIMIZERS;
    const paramsId = 'params';
    return html`
      <div class="row">
        <label for=${paramsId}
          >${t(lang, TEXT.params)}
          ${fieldInput({
            id: paramsId,
            cls: 'num',
            inputmode: 'decimal',
            value: this.paramsText,
            error: this.paramsError,
            hint: 'params-hint',
            errorId: 'params-error',
            onInput: (e) => this.#onParams(e.target.value),
          })}</label
        >
        <label
          >${t(lang, TEXT.precision)}
          <select @change=${(e) => (this.precision = e.target.value)}>
            ${PRECISIONS.map(
              (p) =>
                html`<option value=${p} ?selected=${p === this.precision}>
                  ${t(lang, TEXT.precisions[p])}
                </option>`,
            )}
          </select></label
        >
        <label
          >${t(lang, TEXT.optimizer)}
          <select @change=${(e) => (this.optimizer = e.target.value)}>
            ${Object.entries(opts).map(
              ([key, o]) =>
                html`<option value=${key} ?selected=${key === this.optimizer}>${o.label}</option>`,
            )}
          </select></label
        >
      </div>
      <div class="muted" id="params-hint">${t(lang, TEXT.paramsHint)}</div>
      ${fieldError('params-error', this.paramsError)}
      <div class="row presets" role="group" aria-label=${t(lang, TEXT.presets)}>
        ${PRESETS.map(
          ([name, n]) =>
            html`<button
              type="button"
              aria-pressed=${n === this.params}
              @click=${() => {
                this.paramsError = '';
                this.params = n;
                this.paramsText = String(n);
              }}
            >
              ${name}
            </button>`,
        )}
      </div>
      ${
        this.stateNotice
          ? html`<p class="muted" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      ${r ? this.#table(r) : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`}
      <p class="muted">${t(lang, TEXT.excluded)}</p>
    `;
  }

  #table(r) {
    const lang = this.lang;
    const parts = this.#parts();
    const total = r.total;
    const perParam = total / this.params;
    const groupFormat = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US');
    return html`
      <p class="summary" aria-live="polite">
        ${t(lang, TEXT.summary)(
          formatBytes(total),
          formatNumber(perParam),
          formatNumber(total / (4 * this.params)),
        )}
      </p>
      ${this.#chart(parts, total)}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.part)}</th>
              <th scope="col">${t(lang, TEXT.bytes)}</th>
              <th scope="col">${t(lang, TEXT.perParam)}</th>
            </tr>
          </thead>
          <tbody>
            ${parts.map(
              ([key, name, bytes], i) =>
                html`<tr data-part=${key}>
                  <td>
                    <span class="swatch" style="background: var(--nl-group-${i % 8}, #ccc)"></span
                    >${name}
                  </td>
                  <td title=${groupFormat.format(bytes)}>${formatBytes(bytes)}</td>
                  <td>${formatNumber(bytes / this.params)} B</td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr data-part="total">
              <td>${t(lang, TEXT.total)}</td>
              <td title=${groupFormat.format(total)}>${formatBytes(total)}</td>
              <td>${formatNumber(perParam)} B</td>
            </tr>
          </tfoot>
        </table>
      </div>
    `;
  }
}

customElements.define('memory-calculator', MemoryCalculator);
