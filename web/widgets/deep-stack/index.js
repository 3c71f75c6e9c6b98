// <deep-stack>: a batch through a deep stack of random linear layers, h <- act(norm(W h)), with a
// histogram of every layer's values. The engine (cpp/src/demos/deep_stack.cpp) draws the seeded weights,
// runs the layers through the project's own BatchNorm/LayerNorm kernels and returns each layer's
// histogram, mean and standard deviation; this element only draws them (d3 scales and shapes).
// Without a norm the values grow or shrink by about `gain` per layer; with one they do not.
//   <deep-stack depth="12" width="32" gain="1.5" norm="none" activation="linear"></deep-stack>
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { DeepStackRunner } from '../../engine/deep-stack.js';
import { ConnectedHandle } from '../../controllers/connected-handle.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t, formatNumber } from '../../i18n.js';
import { gaussianValues, resizeRows } from '../shared/dynamics-kit.js';
import { markStart, markEnd } from '../shared/measure.js';
import { parseNumber, parseInteger } from '../../model/parse.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { NORMS, ACTIVATIONS, WIDTHS, RANGES, LIMITS, clampTo, runAllNorms } from './model.js';
import { deepStackCode } from './pytorch.js';
import { ridgeChart, stdChart, layerTable } from './view.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

export class DeepStack extends LitElement {
  static properties = {
    lang: { type: String },
    depth: { type: Number },
    width: { type: Number },
    gain: { type: Number },
    batch: { type: Number },
    norm: { type: String },
    activation: { type: String },
    range: { type: Number },
    seed: { type: Number },
    values: { attribute: false },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    runs: { state: true },
    shown: { state: true },
    texts: { state: true },
    errors: { state: true },
    inputErrors: { state: true },
    editing: { state: true },
    chartWidth: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: () => this.#compute() });

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.depth = 12;
    this.width = 32;
    this.gain = 1.5;
    this.batch = 32;
    this.norm = 'none';
    this.activation = 'linear';
    this.range = 3;
    this.seed = 1;
    this.values = null;
    this.stateKey = '';
    this.stateNotice = '';
    this.runs = null;
    this.shown = null;
    this.texts = null;
    this.errors = {};
    this.inputErrors = {};
    this.editing = false;
    this.chartWidth = 0;
    // the engine's runner (its weights and buffers), kept between recomputes while on the page
    this.runner = new ConnectedHandle(this);
    new HashStateController(this, {
      depth: codec.int(...LIMITS.depth),
      width: codec.oneOf(WIDTHS.map(String)),
      gain: codec.number(...LIMITS.gain),
      batch: codec.int(...LIMITS.batch),
      norm: codec.oneOf(NORMS),
      activation: codec.oneOf(ACTIVATIONS),
      range: codec.number(0.001, 1000),
      seed: codec.int(0, 2 ** 31),
      values: codec.floats,
    });
  }

  acceptState(prop, value) {
    if (prop === 'values') return value.length === this.batch * Number(this.width);
    return true;
  }

  connectedCallback() {
    // the link's state first; the engine loads after this method (EngineController awaits it)
    super.connectedCallback();
    this.width = WIDTHS.includes(Number(this.width)) ? Number(this.width) : 32;
    if (!NORMS.includes(this.norm)) this.norm = 'none';
    if (!ACTIVATIONS.includes(this.activation)) this.activation = 'linear';
    this.depth = Math.round(clampTo(this.depth, LIMITS.depth, 12));
    this.gain = clampTo(this.gain, LIMITS.gain, 1.5);
    this.batch = Math.round(clampTo(this.batch, LIMITS.batch, 32));
    if (!(this.range > 0)) this.range = 3;
    this.texts ??= {
      depth: String(this.depth),
      gain: String(this.gain),
      batch: String(this.batch),
    };
  }

  /** The charts are drawn at the widget's own width, so their text keeps its size on a phone. */
  firstUpdated() {
    this.resizer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      if (Math.abs(width - this.chartWidth) > 4) this.chartWidth = width;
    });
    this.resizer.observe(this);
  }

  get #svgWidth() {
    return Math.max(300, Math.min(760, this.chartWidth || 620));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizer?.disconnect();
  }

  #fill(n) {
    return gaussianValues(n, this.seed * 977 + 1, { mean: [0], variance: [1] });
  }

  willUpdate(changed) {
    const n = this.batch * this.width;
    if (this.values?.length !== n) this.values = this.#fill(n);
    const inputs = ['depth', 'width', 'gain', 'batch', 'norm', 'activation', 'range', 'seed'];
    if (this.#engine.ready && [...inputs, 'values'].some((k) => changed.has(k))) this.#compute();
  }

  updated() {
    markEnd('deep-stack');
  }

  /** All three norms on the same weights and input: the std chart compares them. */
  #compute() {
    // off the page (a property set in the task that removed it) there is nothing to show
    const runner =
      this.runner.value ?? this.runner.replace(() => new DeepStackRunner(this.#engine.value));
    if (!runner) return;
    markStart('deep-stack');
    const { runs, errors } = runAllNorms(runner, this, this.values, this.batch);
    this.runs = runs;
    this.errors = errors;
    // a failed run keeps the last picture on screen, beside its message
    if (runs[this.norm]) this.shown = { norm: this.norm, run: runs[this.norm] };
  }

  #onText(key, text) {
    this.texts = { ...this.texts, [key]: text };
    // decimal numbers only (model/parse.js): Number() would take "0x1" as 1
    const v = key === 'gain' ? parseNumber(text) : parseInteger(text);
    const [lo, hi] = LIMITS[key];
    const ok = v !== null && Number.isFinite(v) && v >= lo && v <= hi;
    this.inputErrors = { ...this.inputErrors, [key]: !ok };
    if (!ok || v === this[key]) return;
    if (key === 'batch')
      this.values = resizeRows(this.values, this.width, v, this.width, this.#fill(v * this.width));
    this[key] = v;
  }

  #onWidth(w) {
    const width = Number(w);
    this.values = resizeRows(
      this.values,
      this.width,
      this.batch,
      width,
      this.#fill(this.batch * width),
    );
    this.width = width;
  }

  render() {
    const lang = this.lang;
    if (!this.runs) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    const bad = this.inputErrors;
    /** @type {(key: string, label: string, extra?: unknown) => unknown} */
    const textField = (key, label, extra = nothing) =>
      html`<div class="field">
        <label for="field-${key}">${label}</label>
        <span class="pair"
          ><input
            id="field-${key}"
            name=${key}
            inputmode="decimal"
            autocomplete="off"
            .value=${this.texts[key]}
            aria-invalid=${bad[key] ? 'true' : 'false'}
            @input=${(e) => this.#onText(key, e.target.value)}
          />${extra}</span
        >
      </div>`;
    const slider = (key, min, maxValue, step) =>
      html`<input
        type="range"
        name="${key}-slider"
        aria-label="${t(lang, TEXT[key])} (${t(lang, TEXT.slider)})"
        min=${min}
        max=${maxValue}
        step=${step}
        .value=${String(this[key])}
        @input=${(e) => {
          this.texts = { ...this.texts, [key]: e.target.value };
          this.inputErrors = { ...this.inputErrors, [key]: false };
          this[key] = Number(e.target.value);
        }}
      />`;
    return html`
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <div class="controls">
        ${textField('depth', t(lang, TEXT.depth), slider('depth', 1, 60, 1))}
        ${textField('gain', t(lang, TEXT.gain), slider('gain', 0, 4, 0.05))}
        ${textField('batch', t(lang, TEXT.batch))}
        <label class="field"
          >${t(lang, TEXT.width)}
          <select name="width" @change=${(e) => this.#onWidth(e.target.value)}>
            ${WIDTHS.map((w) => html`<option value=${w} ?selected=${w === this.width}>${w}</option>`)}
          </select></label
        >
        <label class="field"
          >${t(lang, TEXT.activation)}
          <select name="activation" @change=${(e) => (this.activation = e.target.value)}>
            ${ACTIVATIONS.map(
              (a) =>
                html`<option value=${a} ?selected=${a === this.activation}>
                  ${t(lang, TEXT.actNames[a])}
                </option>`,
            )}
          </select></label
        >
        <label class="field"
          >${t(lang, TEXT.range)}
          <select name="range" @change=${(e) => (this.range = Number(e.target.value))}>
            ${RANGES.map((r) => html`<option value=${r} ?selected=${r === this.range}>${r}</option>`)}
          </select></label
        >
      </div>
      <div class="controls">
        <fieldset>
          <legend>${t(lang, TEXT.norm)}</legend>
          <div class="radios">
            ${NORMS.map(
              (n) =>
                html`<label class="field inline"
                  ><input
                    type="radio"
                    name="norm"
                    value=${n}
                    .checked=${n === this.norm}
                    @change=${() => (this.norm = n)}
                  />${t(lang, TEXT.normNames[n])}</label
                >`,
            )}
          </div>
        </fieldset>
        <button type="button" @click=${() => (this.seed = (this.seed % 2 ** 31) + 1)}>
          ${t(lang, TEXT.newWeights)}
        </button>
        <button
          type="button"
          @click=${() => {
            this.inputSeed = (this.inputSeed ?? 0) + 1;
            this.values = gaussianValues(
              this.batch * this.width,
              this.seed * 977 + 1 + this.inputSeed * 65537,
            );
          }}
        >
          ${t(lang, TEXT.newInput)}
        </button>
      </div>
      <div aria-live="polite" class="messages">
        ${['depth', 'gain', 'batch'].map((k) =>
          bad[k] ? html`<p class="error input-error">${t(lang, TEXT.bad[k])}</p>` : nothing,
        )}
      </div>
      <div class="summary" aria-live="polite">
        ${NORMS.map((n) => {
          const name = t(lang, TEXT.normNames[n]);
          if (this.errors[n])
            return html`<p class="error run-error">
              ${t(lang, TEXT.failed)(name, this.errors[n])}
            </p>`;
          const layers = this.runs[n].layers;
          return html`<p data-norm=${n}>
            ${t(lang, TEXT.summary)(name, formatNumber(layers[0].std), layers.length - 1, formatNumber(layers.at(-1).std))}
          </p>`;
        })}
      </div>
      ${this.shown ? ridgeChart(lang, this.shown, this.#svgWidth) : nothing}
      ${stdChart(lang, this.runs, this.depth, this.#svgWidth)}
      ${this.shown ? layerTable(lang, this.shown.run) : nothing}
      <details @toggle=${(e) => (this.editing = e.target.open)}>
        <summary>${t(lang, TEXT.input)(this.batch, this.width)}</summary>
        ${
          this.editing
            ? html`<tensor-editor
                label="x"
                .shape=${[this.batch, this.width]}
                .values=${this.values}
                @tensor-change=${(e) => (this.values = e.detail.values)}
              ></tensor-editor>`
            : nothing
        }
      </details>
      <pytorch-code .code=${deepStackCode(this)}></pytorch-code>
    `;
  }
}

customElements.define('deep-stack', DeepStack);
