// <batch-spread>: how much the mean that normalizes a sample moves from one random batch to the
// next, against the batch size, for BatchNorm (the batch's mean of each channel) and GroupNorm (the
// sample's own mean of each group). Every point is computed by the C++ experiment
// (cpp/src/demos/batch_spread.cpp), which runs the library's BatchNorm and GroupNorm on K random batches
// of each size drawn from a fixed, seeded dataset.
//   <batch-spread batches="100" groups="2"></batch-spread>
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { markStart, markEnd } from '../shared/measure.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { DraftFieldController } from '../../controllers/draft-field-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { parseInteger } from '../../model/parse.js';
import { t, formatNumber } from '../../i18n.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { MAX_BATCHES, runSpread, spreadKey } from './model.js';
import { spreadCode } from './pytorch.js';
import { spreadChart, spreadTable, summary } from './view.js';
import '../pytorch-code/index.js';

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
    narrow: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: () => this.requestUpdate() });
  #fields = new DraftFieldController(this);

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

  #typed = new Map(); // the values just committed from a field, whose draft stays as typed

  willUpdate(changed) {
    // a value set from elsewhere (a link, an attribute) replaces the field's draft
    const replaced = ['batches', 'groups'].filter(
      (key) => changed.has(key) && this.#typed.get(key) !== this[key],
    );
    if (replaced.length) this.#fields.reset(...replaced);
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

  /** A new value is tried on the engine first: a refusal throws and leaves the chart as it was. */
  #commit(key, value) {
    if (!this.#engine.ready) return;
    markStart('batch-spread');
    this.result = this.#run({ [key]: value });
    this.#typed.set(key, value);
    this[key] = value;
  }

  /** The slider and the redraw button: a setting the engine refuses leaves the chart as it was. */
  #tryField(key, value) {
    try {
      this.#commit(key, value);
    } catch {
      // no field to show a message beside: the control moves back on the next render
    }
  }

  /** K, or G: a whole number (K within its range), then whatever the engine accepts. */
  #parse(key, text) {
    const v = parseInteger(text);
    const bad = v === null || (key === 'batches' && (v < 2 || v > MAX_BATCHES));
    if (!bad) return { value: v };
    return { error: t(this.lang, key === 'batches' ? TEXT.batchesRange : TEXT.groupsNumber) };
  }

  #field(key, label) {
    return this.#fields.field(key, {
      label,
      value: this[key],
      format: String,
      inputmode: 'numeric',
      parse: (text) => this.#parse(key, text),
      commit: (value) => this.#commit(key, value),
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
