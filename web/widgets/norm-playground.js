// <norm-playground>: an editable tensor, the normalization module applied to it by the C++
// kernels, and each statistics group's mean and variance, recomputed on every keystroke.
//   <norm-playground op="layer_norm" shape="2,3,4" normalized-shape="4"></norm-playground>
import { hostStyle } from './host-style.js';
import { LitElement, html, css, nothing } from 'lit';
import { getEngine } from '../engine/shared.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import './tensor-editor.js';

const TEXT = {
  input: { zh: '输入 x', en: 'Input x' },
  output: { zh: '输出 y（C++ 内核计算）', en: 'Output y (computed by the C++ kernels)' },
  stats: { zh: '每组的均值与方差', en: 'Mean and variance of each group' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  mean: { zh: '均值', en: 'mean' },
  var: { zh: '方差', en: 'var' },
  count: {
    zh: (n) => `共计算了 ${n} 组均值和方差`,
    en: (n) => `${n} mean/variance pairs computed`,
  },
};

const csv = (text) =>
  String(text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);

function seeded(n, seed) {
  // small deterministic values so the page looks the same on every load
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.round(((s / 2 ** 32) * 4 - 2) * 10) / 10;
  });
}

export class NormPlayground extends LitElement {
  static properties = {
    op: { type: String },
    shape: { converter: { fromAttribute: csv } },
    normalizedShape: { attribute: 'normalized-shape', converter: { fromAttribute: csv } },
    eps: { type: Number },
    lang: { type: String },
    values: { attribute: false },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    result: { state: true },
    error: { state: true },
  };

  static styles = [
    hostStyle,
    css`
      :host {
        display: block;
      }
      .caption {
        margin: 0.8em 0 0.3em;
        font-size: 0.95em;
        font-weight: 600;
      }
      .error {
        color: var(--nl-error, #c62828);
      }
      .summary {
        margin: 0.4em 0;
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    this.op = 'layer_norm';
    this.shape = [2, 3, 4];
    this.normalizedShape = [4];
    this.eps = 1e-5;
    this.lang = 'en';
    this.values = null;
    this.result = null;
    this.error = '';
    this.engine = null;
    this.stateKey = '';
    this.stateNotice = '';
    new HashStateController(this, { shape: codec.shape, values: codec.floats });
  }

  /** A tensor from the link must fit the shape from the link. */
  acceptState(prop, value) {
    return prop !== 'values' || value.length === this.shape.reduce((a, b) => a * b, 1);
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    this.#compute();
  }

  willUpdate(changed) {
    if (!this.values || this.values.length !== this.shape.reduce((a, b) => a * b, 1)) {
      this.values = seeded(
        this.shape.reduce((a, b) => a * b, 1),
        7,
      );
    }
    if (
      this.engine &&
      ['op', 'shape', 'normalizedShape', 'eps', 'values'].some((k) => changed.has(k))
    ) {
      this.#compute();
    }
  }

  #compute() {
    const mod = this.engine.norm({
      op: this.op,
      normalized_shape: this.normalizedShape,
      eps: this.eps,
    });
    try {
      const r = mod.forward(this.values, this.shape);
      const variance = Array.from(r.rstd, (s) => 1 / (s * s) - this.eps);
      this.result = { ...r, variance };
      this.error = '';
    } catch (err) {
      this.error = err.message;
    } finally {
      mod.delete();
    }
    this.dispatchEvent(
      new CustomEvent('computed', { detail: this.result, bubbles: true, composed: true }),
    );
  }

  render() {
    const lang = this.lang;
    const r = this.result;
    const notes = r
      ? Array.from(
          r.mean,
          (m, i) =>
            `${t(lang, TEXT.mean)} ${formatNumber(m)} · ${t(lang, TEXT.var)} ${formatNumber(r.variance[i])}`,
        )
      : null;
    return html`
      <p class="caption">${t(lang, TEXT.input)}</p>
      <tensor-editor
        label="x"
        .lang=${lang}
        .shape=${this.shape}
        .values=${this.values}
        @tensor-change=${(e) => (this.values = e.detail.values)}
      ></tensor-editor>
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        r
          ? html`<p class="summary" aria-live="polite">${t(lang, TEXT.count)(r.statCount)}</p>
              <p class="caption">${t(lang, TEXT.output)}</p>
              <tensor-editor
                readonly
                label="y"
                .lang=${lang}
                .shape=${this.shape}
                .values=${r.output}
                .rowNotes=${notes}
              ></tensor-editor>`
          : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
    `;
  }
}

customElements.define('norm-playground', NormPlayground);
