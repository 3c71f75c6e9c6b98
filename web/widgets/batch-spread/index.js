// <batch-spread>: how much the mean that normalizes a sample moves from one random batch to the
// next, against the batch size, for BatchNorm (the batch's mean of each channel) and GroupNorm (the
// sample's own mean of each group). Every point is computed by the C++ experiment
// (cpp/src/demos/batch_spread.cpp), which runs the library's BatchNorm and GroupNorm on K random batches
// of each size drawn from a fixed, seeded dataset.
//   <batch-spread batches="100" groups="2"></batch-spread>
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { markStart, markEnd } from '../shared/measure.js';
import { textField } from '../shared/text-field.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { parseInteger } from '../../model/parse.js';
import { t, formatNumber } from '../../i18n.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { MAX_BATCHES, runSpread, spreadKey } from './model.js';
import { spreadCode } from './pytorch.js';
import { spreadChart, spreadTable, summary } from './view.js';
import '../pytorch-code.js';

export class BatchSpread extends LitElement {
  static properties = {
    batches: { type: Number },
    groups: { type: Number },
    seed: { type: Number },
    sampleSpread: { type: Number, attribute: 'sample-spread' },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    result: { state: true },
    error: { state: true },
    texts: { state: true },
    fieldErrors: { state: true },
    narrow: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: () => this.requestUpdate() });

  constructor() {
    super();
    this.batches = 50;
    this.groups = 2;
    this.seed = 1;
    this.sampleSpread = 1;
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.result = null;
    this.error = '';
    this.texts = {};
    this.fieldErrors = {};
    this.narrow = false;
    new HashStateController(this, {
      batches: codec.int(2, MAX_BATCHES),
      groups: codec.int(1, 8),
      seed: codec.int(1, 1e9),
      sampleSpread: codec.number(0, 3),
    });
  }

  #resize = new ResizeObserver(([entry]) => {
    this.narrow = entry.contentRect.width < 540;
  });

  connectedCallback() {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  #run(overrides = {}) {
    const { batches, groups, seed, sampleSpread } = this;
    return runSpread(this.#engine.value, { batches, groups, seed, sampleSpread, ...overrides });
  }

  #typed = new Map();

  willUpdate(changed) {
    for (const key of ['batches', 'groups']) {
      if ((changed.has(key) && this.#typed.get(key) !== this[key]) || this.texts[key] === undefined)
        this.texts = { ...this.texts, [key]: String(this[key]) };
    }
    this.#typed.clear();
    if (!this.#engine.ready || this.result?.key === spreadKey(this)) return;
    markStart('batch-spread');
    try {
      this.result = this.#run();
      this.error = '';
    } catch (err) {
      this.error = err.message;
    }
  }

  updated() {
    markEnd('batch-spread');
  }

  /** A field's new value is tried on the engine first; a refusal leaves the chart as it was. */
  #tryField(key, value) {
    if (!this.#engine.ready) return;
    try {
      markStart('batch-spread');
      this.result = this.#run({ [key]: value });
      this.fieldErrors = { ...this.fieldErrors, [key]: '' };
      this.#typed.set(key, value);
      this[key] = value;
    } catch (err) {
      this.fieldErrors = { ...this.fieldErrors, [key]: err.message };
    }
  }

  #onText(key, event) {
    const text = event.target.value;
    this.texts = { ...this.texts, [key]: text };
    const v = parseInteger(text);
    if (v === null) {
      this.fieldErrors = {
        ...this.fieldErrors,
        [key]: t(this.lang, key === 'batches' ? TEXT.batchesRange : TEXT.groupsNumber),
      };
      return;
    }
    if (key === 'batches' && (v < 2 || v > MAX_BATCHES)) {
      this.fieldErrors = { ...this.fieldErrors, batches: t(this.lang, TEXT.batchesRange) };
      return;
    }
    this.#tryField(key, v);
  }

  #field(key, label) {
    return textField({
      key,
      label,
      inputmode: 'numeric',
      value: this.texts[key],
      error: this.fieldErrors[key],
      onInput: (e) => this.#onText(key, e),
    });
  }

  render() {
    const lang = this.lang;
    const r = this.result;
    const controls = html`<div class="controls">
      ${this.#field('batches', t(lang, TEXT.batches))}
      ${this.#field('groups', t(lang, TEXT.groups))}
      <label class="field">
        <span>${t(lang, TEXT.spread)}: ${formatNumber(this.sampleSpread)}</span>
        <input
          type="range"
          name="sample-spread"
          min="0"
          max="3"
          step="0.1"
          .value=${String(this.sampleSpread)}
          @input=${(e) => this.#tryField('sampleSpread', Number(e.target.value))}
        />
      </label>
      <button type="button" class="redraw" @click=${() => this.#tryField('seed', this.seed + 1)}>
        ${t(lang, TEXT.redraw)}
      </button>
    </div>`;
    if (!r) {
      return html`${controls}
      ${
        this.error
          ? html`<p class="error" role="alert">${this.error}</p>`
          : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }`;
    }
    return html`
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${controls} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="legend">
        <span><span class="key"></span>${t(lang, TEXT.bn)}</span>
        <span><span class="key gn"></span>${t(lang, TEXT.gn)}</span>
      </div>
      ${spreadChart(lang, r, this.narrow)}
      <p class="summary" aria-live="polite">${summary(lang, r)}</p>
      ${spreadTable(lang, r)}
      <pytorch-code .code=${spreadCode(this)}></pytorch-code>
    `;
  }
}

customElements.define('batch-spread', BatchSpread);
