// <memory-calculator>: how much memory training keeps per parameter: the weights, their gradients,
// fp32 master weights under mixed precision, and each state buffer the optimizer holds, with the
// bytes counted by the engine (engine.optimizerMemory). Activations are not part of it.
//   <memory-calculator params="7e9" precision="fp32" optimizer="adam"></memory-calculator>
import { LitElement, html, nothing } from 'lit';
import { fieldInput, fieldError } from '../shared/text-field.js';
import { markStart, markEnd } from '../shared/measure.js';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { MEMORY_OPTIMIZERS } from '../../model/optimizers.js';
import { PRECISIONS, MAX_PARAMS, PRESETS, parseParamCount } from './model.js';
import { memoryTable } from './view.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';

export class MemoryCalculator extends LitElement {
  static styles = styles;

  #engine = new EngineController(this, { onReady: (engine) => this.#setUp(engine) });

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

  #setUp(engine) {
    this.engine = engine;
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
      ${
        r
          ? memoryTable(r, this.params, lang)
          : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
      <p class="muted">${t(lang, TEXT.excluded)}</p>
    `;
  }
}

customElements.define('memory-calculator', MemoryCalculator);
