// <affine-plot>: why a normalization layer has γ and β. The rows of an editable tensor are
// normalized by LayerNorm (no affine) to x̂, then fed to sigmoid or tanh as f(γ·x̂ + β). The plot
// shows f over x̂ for the chosen γ, β next to the plain f(x̂), with the tensor's values as dots,
// and the slope f' at those values: all from the C++ kernels (LayerNorm and the activation kernel).
//   <affine-plot activation="tanh" gamma="2" beta="0.5" shape="2,8"></affine-plot>
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { DraftFieldController } from '../../controllers/draft-field-controller.js';
import { ACTIVATIONS } from '../../engine/activation.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { parseList, parseShape, parseNumber, numberAttribute } from '../../model/parse.js';
import { numel } from '../../model/shape.js';
import { seededValues } from '../../model/rng.js';
import { markStart, markEnd } from '../shared/measure.js';
import { affineCurves } from './model.js';
import { affineCode } from './pytorch.js';
import { numberField, plot, legend, summary } from './view.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

const LIMIT = 100;

const numberAttr = (fallback) => numberAttribute(fallback, LIMIT);

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
    result: { state: true },
    error: { state: true },
  };

  static styles = styles;

  // the engine's arrival recomputes in the next update, after willUpdate has filled in the values
  #engine = new EngineController(this, { onReady: () => (this.#stale = true) });
  #stale = false;
  #fields = new DraftFieldController(this);

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
    this.result = null;
    this.error = '';
    new HashStateController(this, {
      activation: codec.oneOf(ACTIVATIONS),
      gamma: codec.number(-LIMIT, LIMIT),
      beta: codec.number(-LIMIT, LIMIT),
      shape: codec.shape,
      values: codec.floats,
    });
  }

  /** The engine, once loaded (null before). */
  get engine() {
    return this.#engine.value;
  }

  acceptState(prop, value) {
    return prop !== 'values' || value.length === numel(this.shape);
  }

  willUpdate(changed) {
    if (!ACTIVATIONS.includes(this.activation)) this.activation = 'sigmoid';
    if (!this.values || this.values.length !== numel(this.shape)) {
      this.values = seededValues(numel(this.shape), 11, 3);
    }
    const inputs = ['activation', 'gamma', 'beta', 'shape', 'values'];
    if (this.engine && (this.#stale || inputs.some((k) => changed.has(k)))) this.#compute();
  }

  updated() {
    markEnd('affine-plot');
  }

  #compute() {
    markStart('affine-plot');
    this.#stale = false;
    try {
      this.result = affineCurves(this.engine, this);
      this.error = '';
    } catch (err) {
      if (err.name !== 'NormLabError') throw err;
      this.error = err.message;
    }
  }

  /** The text field of γ or β: a decimal number (Number() would take "0x10" as 16) within ±100. */
  #onText(name, text) {
    this.#fields.input(name, text, {
      parse: (s) => {
        const v = parseNumber(s);
        return v === null || Math.abs(v) > LIMIT
          ? { error: t(this.lang, TEXT.bad)(name === 'gamma' ? 'γ' : 'β') }
          : { value: v };
      },
      commit: (v) => (this[name] = v),
    });
  }

  #onSlider(name, text) {
    this.#fields.reset(name);
    this[name] = Number(text);
  }

  #reset() {
    this.#fields.reset();
    this.gamma = 1;
    this.beta = 0;
  }

  #numberField(name, label, min, max) {
    return numberField(this.lang, {
      name,
      label,
      min,
      max,
      value: this[name],
      text: this.#fields.text(name, this[name]),
      error: this.#fields.error(name),
      onSlider: (text) => this.#onSlider(name, text),
      onText: (text) => this.#onText(name, text),
    });
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
          ? html`${plot(r, lang)} ${legend(lang)}
              <div aria-live="polite">${summary(r, lang)}</div>`
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
      ${r ? html`<pytorch-code .code=${affineCode(r, this.label)}></pytorch-code>` : nothing}
    `;
  }
}

customElements.define('affine-plot', AffinePlot);
