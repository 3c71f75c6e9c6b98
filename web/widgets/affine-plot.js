// <affine-plot>: why a normalization layer has γ and β. The rows of an editable tensor are
// normalized by LayerNorm (no affine) to x̂, then fed to sigmoid or tanh as f(γ·x̂ + β). The plot
// shows f over x̂ for the chosen γ, β next to the plain f(x̂), with the tensor's values as dots,
// and the slope f' at those values: all from the C++ kernels (LayerNorm and the activation kernel).
//   <affine-plot activation="tanh" gamma="2" beta="0.5" shape="2,8"></affine-plot>
import { hostStyle } from './shared/host-style.js';
import { formControls, fieldRow } from './shared/controls-style.js';
import { fieldInput, fieldError } from './shared/text-field.js';
import { LitElement, html, svg, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { scaleLinear } from 'd3-scale';
import { bottomAxis, leftAxis } from '../charts/axes.js';
import { linePath } from '../charts/series.js';
import { getEngine } from '../engine/shared.js';
import { activation, ACTIVATIONS } from '../engine/activation.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import { tensorLiteral, pyNumber } from '../model/pytorch.js';
import { parseList, parseShape, parseNumber, numberAttribute } from '../model/parse.js';
import { numel } from '../model/shape.js';
import { seededValues } from '../model/rng.js';
import { markStart, markEnd } from './shared/measure.js';
import './tensor-editor/index.js';
import './pytorch-code.js';

const TEXT = {
  activation: { zh: '激活函数', en: 'Activation' },
  gamma: { zh: 'γ（weight）', en: 'γ (weight)' },
  beta: { zh: 'β（bias）', en: 'β (bias)' },
  exact: { zh: '数值', en: 'value' },
  reset: { zh: '恢复 γ = 1, β = 0', en: 'Reset to γ = 1, β = 0' },
  input: {
    zh: (x) => `输入 ${x}：每一行由 LayerNorm 归一化成 x̂`,
    en: (x) => `Input ${x}: LayerNorm normalizes each row to x̂`,
  },
  bad: {
    zh: (name) => `${name} 必须是 −100 到 100 之间的数，已保留原值`,
    en: (name) => `${name} must be a number from −100 to 100; the previous value is kept`,
  },
  base: { zh: 'f(x̂)：γ = 1, β = 0', en: 'f(x̂): γ = 1, β = 0' },
  curve: { zh: 'f(γ·x̂ + β)', en: 'f(γ·x̂ + β)' },
  dots: { zh: '你的数值', en: 'your values' },
  axis: { zh: '归一化后的值 x̂', en: 'normalized value x̂' },
  slope: {
    zh: (n, f, lo, hi) => `在你的 ${n} 个数值处，${f}(γ·x̂ + β) 的斜率从 ${lo} 到 ${hi}。`,
    en: (n, f, lo, hi) =>
      `At your ${n} values the slope of ${f}(γ·x̂ + β) runs from ${lo} to ${hi}.`,
  },
  linear: {
    zh: '斜率变化不到 2 倍：在这一段上激活函数接近一条直线，这一层几乎只做了线性变换。',
    en: 'The slope changes by less than a factor of 2: on this stretch the activation is close to a straight line, so the layer acts almost linearly.',
  },
  curved: {
    zh: '斜率变化超过 2 倍：数值进入了激活函数弯曲的区域，非线性起作用了。',
    en: 'The slope changes by more than a factor of 2: the values reach the curved part of the activation, where it is non-linear.',
  },
  saturated: {
    zh: '有些数值落在平坦的饱和区：那里的梯度几乎为 0。',
    en: 'Some values sit on the flat, saturated ends, where the gradient is almost 0.',
  },
  allSaturated: {
    zh: '所有数值都落在饱和区：梯度几乎消失。',
    en: 'Every value sits on a flat, saturated end: the gradient almost vanishes.',
  },
  plot: {
    zh: (f, g, b) => `${f}(${g}·x̂ + ${b}) 与 ${f}(x̂) 的曲线，以及你的数值`,
    en: (f, g, b) => `Curves of ${f}(${g}·x̂ + ${b}) and ${f}(x̂), with your values`,
  },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
};

const W = 560;
const H = 300;
const M = { top: 14, right: 16, bottom: 40, left: 44 };
const LIMIT = 100;
const GRID = 161;

const numberAttr = (fallback) => numberAttribute(fallback, LIMIT);

/**
 * What the slopes f' at the learner's values say about the stretch of the curve they reach:
 * 'allSaturated' | 'saturated' | 'linear' (the slope changes by less than a factor of 2) | 'curved'.
 * `peak` is the activation's steepest slope (at 0 with γ = 1, β = 0), the yardstick for "flat".
 */
export function slopeVerdict(slopes, peak) {
  const lo = Math.min(...slopes);
  const hi = Math.max(...slopes);
  const flat = 0.1 * peak;
  if (hi < flat) return 'allSaturated';
  if (lo < flat) return 'saturated';
  return lo >= 0.5 * hi ? 'linear' : 'curved';
}

export class AffinePlot extends LitElement {
  static properties = {
    activation: { type: String },
    gamma: { converter: numberAttr(1) },
    beta: { converter: numberAttr(0) },
    shape: { converter: { fromAttribute: (text) => parseShape(text).shape ?? [2, 8] } },
    values: {
      converter: {
        fromAttribute: (text) => {
          const r = parseList(text);
          return r.values ? Float32Array.from(r.values) : null;
        },
      },
    },
    label: { type: String },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    drafts: { state: true },
    errors: { state: true },
    result: { state: true },
    error: { state: true },
  };

  static styles = [
    hostStyle,
    formControls,
    fieldRow,
    css`
      :host {
        display: block;
      }
      .controls {
        gap: 0.5em 1.2em;
        align-items: flex-end;
      }
      .pair {
        display: flex;
        gap: 0.4em;
        align-items: center;
      }
      input[type='text'] {
        width: 4.5em;
      }
      input[type='range'] {
        width: 9em;
      }
      .error {
        color: var(--nl-error, #b3261e);
        font-size: 0.9em;
        margin: 0.2em 0;
      }
      svg {
        display: block;
        width: 100%;
        max-width: 640px;
        height: auto;
        overflow: visible;
      }
      .axis line,
      .axis path {
        stroke: var(--nl-border, #c8cdd6);
      }
      .axis text {
        fill: var(--nl-muted, #5b6472);
        font-size: 11px;
      }
      .band {
        fill: var(--nl-group-0, #dbeafe);
        opacity: 0.6;
      }
      .base {
        fill: none;
        stroke: var(--nl-muted, #5b6472);
        stroke-width: 1.5;
        stroke-dasharray: 5 4;
      }
      .curve {
        fill: none;
        stroke: var(--nl-accent, #1f5fcc);
        stroke-width: 2.5;
      }
      .dot {
        fill: var(--nl-accent, #1f5fcc);
        stroke: var(--nl-bg, #fff);
        stroke-width: 1.5;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em 1.2em;
        font-size: 0.85em;
        color: var(--nl-muted, #5b6472);
        margin: 0.2em 0 0.4em;
      }
      .key {
        display: inline-block;
        width: 1.8em;
        height: 0;
        margin-right: 0.35em;
        vertical-align: middle;
        border-top: 2.5px solid var(--nl-accent, #1f5fcc);
      }
      .key.base-key {
        border-top: 1.5px dashed var(--nl-muted, #5b6472);
      }
      .key.dot-key {
        width: 0.7em;
        height: 0.7em;
        border: none;
        border-radius: 50%;
        background: var(--nl-accent, #1f5fcc);
      }
      .summary {
        margin: 0.4em 0;
      }
      .caption {
        margin: 0.8em 0 0.3em;
        font-size: 0.95em;
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    this.activation = 'sigmoid';
    this.gamma = 1;
    this.beta = 0;
    this.shape = [2, 8];
    this.values = null;
    this.label = 'x';
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.drafts = {};
    this.errors = {};
    this.result = null;
    this.error = '';
    this.engine = null;
    new HashStateController(this, {
      activation: codec.oneOf(ACTIVATIONS),
      gamma: codec.number(-LIMIT, LIMIT),
      beta: codec.number(-LIMIT, LIMIT),
      shape: codec.shape,
      values: codec.floats,
    });
  }

  acceptState(prop, value) {
    return prop !== 'values' || value.length === numel(this.shape);
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    this.#compute();
  }

  willUpdate(changed) {
    if (!ACTIVATIONS.includes(this.activation)) this.activation = 'sigmoid';
    if (!this.values || this.values.length !== numel(this.shape)) {
      this.values = seededValues(numel(this.shape), 11, 3);
    }
    const inputs = ['activation', 'gamma', 'beta', 'shape', 'values'];
    if (this.engine && inputs.some((k) => changed.has(k))) this.#compute();
  }

  updated() {
    markEnd('affine-plot');
  }

  #compute() {
    markStart('affine-plot');
    const { engine } = this;
    const cols = this.shape[this.shape.length - 1];
    let ln;
    try {
      ln = engine.norm({ op: 'layer_norm', normalized_shape: [cols], elementwise_affine: false });
      const xhat = ln.forward(this.values, this.shape).output;
      let reach = 3;
      for (const v of xhat) if (Number.isFinite(v)) reach = Math.max(reach, Math.abs(v) + 0.25);
      const grid = Float32Array.from(
        { length: GRID },
        (_, i) => -reach + (2 * reach * i) / (GRID - 1),
      );
      const options = { gamma: this.gamma, beta: this.beta };
      this.result = {
        xhat,
        reach,
        grid,
        curve: activation(engine, this.activation, grid, options).y,
        base: activation(engine, this.activation, grid).y,
        dots: activation(engine, this.activation, xhat, options),
        peak: activation(engine, this.activation, [0]).slope[0],
        activation: this.activation,
        gamma: this.gamma,
        beta: this.beta,
        shape: this.shape,
        values: this.values,
      };
      this.error = '';
    } catch (err) {
      if (err.name !== 'NormLabError') throw err;
      this.error = err.message;
    } finally {
      ln?.delete();
    }
  }

  #onNumber(name, text) {
    this.drafts = { ...this.drafts, [name]: text };
    // decimal numbers only: Number() would take "0x10" as 16
    const v = parseNumber(text);
    if (v === null || Math.abs(v) > LIMIT) {
      this.errors = {
        ...this.errors,
        [name]: t(this.lang, TEXT.bad)(name === 'gamma' ? 'γ' : 'β'),
      };
      return;
    }
    this.errors = { ...this.errors, [name]: '' };
    this[name] = v;
  }

  #onSlider(name, text) {
    this.drafts = { ...this.drafts, [name]: undefined };
    this.errors = { ...this.errors, [name]: '' };
    this[name] = Number(text);
  }

  #reset() {
    this.drafts = {};
    this.errors = {};
    this.gamma = 1;
    this.beta = 0;
  }

  #numberField(name, label, min, max) {
    const lang = this.lang;
    const value = this[name];
    return html`<div class="field">
      <span id="${name}-label">${t(lang, label)}</span>
      <div class="pair">
        <input
          type="range"
          name="${name}-slider"
          min=${min}
          max=${max}
          step="0.1"
          aria-labelledby="${name}-label"
          .value=${String(Math.min(max, Math.max(min, value)))}
          @input=${(e) => this.#onSlider(name, e.target.value)}
        />
        ${fieldInput({
          name,
          inputmode: 'decimal',
          ariaLabel: `${t(lang, label)} ${t(lang, TEXT.exact)}`,
          value: this.drafts[name] ?? String(value),
          error: this.errors[name],
          errorId: `${name}-error`,
          onInput: (e) => this.#onNumber(name, e.target.value),
        })}
      </div>
      ${fieldError(`${name}-error`, this.errors[name])}
    </div>`;
  }

  #plot(r) {
    const x = scaleLinear()
      .domain([-r.reach, r.reach])
      .range([M.left, W - M.right]);
    const sigmoid = r.activation === 'sigmoid';
    const y = scaleLinear()
      .domain(sigmoid ? [0, 1] : [-1, 1])
      .range([H - M.bottom, M.top]);
    const path = (ys) => linePath(ys, { x, y, xs: r.grid });
    const f = r.activation;
    const label = t(this.lang, TEXT.plot)(f, formatNumber(r.gamma), formatNumber(r.beta));
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
      <rect
        class="band"
        x=${x(-1)}
        y=${M.top}
        width=${x(1) - x(-1)}
        height=${H - M.top - M.bottom}
      ></rect>
      <g class="axis">
        ${bottomAxis(x, { y: H - M.bottom, count: 7 })} ${leftAxis(y, { x: M.left })}
        <text x=${(M.left + W - M.right) / 2} y=${H - 4} text-anchor="middle">
          ${t(this.lang, TEXT.axis)}
        </text>
      </g>
      <path class="base" d=${path(r.base)}></path>
      <path class="curve" d=${path(r.curve)}></path>
      ${Array.from(r.xhat, (v, i) =>
        Number.isFinite(v) && Number.isFinite(r.dots.y[i])
          ? svg`<circle class="dot" cx=${x(v)} cy=${y(r.dots.y[i])} r="4.5"></circle>`
          : nothing,
      )}
    </svg>`;
  }

  #summary(r) {
    const lang = this.lang;
    const slopes = Array.from(r.dots.slope).filter(Number.isFinite);
    if (!slopes.length) return nothing;
    const lo = Math.min(...slopes);
    const hi = Math.max(...slopes);
    const verdict = TEXT[slopeVerdict(slopes, r.peak)];
    return html`<p class="summary">
      ${t(lang, TEXT.slope)(slopes.length, r.activation, formatNumber(lo, 3), formatNumber(hi, 3))}
      <strong>${t(lang, verdict)}</strong>
    </p>`;
  }

  #code(r) {
    const cols = r.shape[r.shape.length - 1];
    const f = r.activation;
    const x = this.label || 'x';
    return [
      'import torch',
      'from torch import nn',
      '',
      `${x} = ${tensorLiteral(r.values, r.shape, x.length + 3)}`,
      `ln = nn.LayerNorm(${cols})`,
      'with torch.no_grad():',
      `    ln.weight.fill_(${pyNumber(r.gamma)})  # γ`,
      `    ln.bias.fill_(${pyNumber(r.beta)})  # β`,
      `z = ln(${x})  # γ·x̂ + β`,
      `y = torch.${f}(z)`,
      f === 'sigmoid' ? 'slope = y * (1 - y)  # d sigmoid / dz' : 'slope = 1 - y**2  # d tanh / dz',
      'print(y, slope)',
    ].join('\n');
  }

  render() {
    const lang = this.lang;
    const r = this.result;
    return html`
      <div class="controls">
        <label class="field"
          ><span>${t(lang, TEXT.activation)}</span>
          <select name="activation" @change=${(e) => (this.activation = e.target.value)}>
            ${ACTIVATIONS.map(
              (a) => html`<option value=${a} ?selected=${a === this.activation}>${a}</option>`,
            )}
          </select></label
        >
        ${this.#numberField('gamma', TEXT.gamma, 0, 5)}
        ${this.#numberField('beta', TEXT.beta, -5, 5)}
        <button type="button" @click=${() => this.#reset()}>${t(lang, TEXT.reset)}</button>
      </div>
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${
        r
          ? html`${this.#plot(r)}
              <div class="legend">
                <span><span class="key"></span>${t(lang, TEXT.curve)}</span>
                <span><span class="key base-key"></span>${t(lang, TEXT.base)}</span>
                <span><span class="key dot-key"></span>${t(lang, TEXT.dots)}</span>
              </div>
              <div aria-live="polite">${this.#summary(r)}</div>`
          : this.error
            ? nothing
            : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
      <p class="error" role="alert">${this.error}</p>
      <p class="caption">${t(lang, TEXT.input)(this.label)}</p>
      <tensor-editor
        label=${this.label}
        .shape=${this.shape}
        .values=${this.values}
        shape-editable
        @tensor-change=${(e) => {
          if (e.detail.shape.join() !== this.shape.join()) this.shape = e.detail.shape;
          this.values = e.detail.values;
        }}
      ></tensor-editor>
      ${r ? html`<pytorch-code .code=${this.#code(r)}></pytorch-code>` : nothing}
    `;
  }
}

customElements.define('affine-plot', AffinePlot);
