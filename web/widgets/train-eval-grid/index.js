// <train-eval-grid>: one editable batch x of shape (N, C) through BatchNorm1d(C) and LayerNorm(C),
// each in training and in eval mode: four outputs from the engine, side by side. BatchNorm's
// train and eval outputs differ (batch statistics vs running statistics, even right after a
// training step on this very batch); LayerNorm's are identical (no running statistics at all).
// With N = 1 BatchNorm refuses to train, with PyTorch's message, while LayerNorm does not care.
//   <train-eval-grid shape="4,3"></train-eval-grid>   <train-eval-grid shape="1,4">
import { LitElement, html, nothing } from 'lit';
import { parseInteger } from '../../model/parse.js';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { csvNumbers, gaussianValues, resizeRows } from '../shared/dynamics-kit.js';
import { markStart, markEnd } from '../shared/measure.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { MAX_ROWS, MAX_COLS, trainThenEval } from './model.js';
import { trainEvalCode } from './pytorch.js';
import { results } from './view.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

export class TrainEvalGrid extends LitElement {
  static properties = {
    lang: { type: String },
    shape: { converter: csvNumbers },
    seed: { type: Number },
    values: { attribute: false },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    result: { state: true },
    rowsText: { state: true },
    rowsError: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: () => this.#compute() });

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.shape = [4, 3];
    this.seed = 3;
    this.values = null;
    this.stateKey = '';
    this.stateNotice = '';
    this.result = null;
    this.rowsText = null;
    this.rowsError = false;
    new HashStateController(this, { shape: codec.shape, values: codec.floats });
  }

  acceptState(prop, value) {
    if (prop === 'shape') return value.length === 2 && value[0] <= MAX_ROWS && value[1] <= MAX_COLS;
    return value.length === this.shape[0] * this.shape[1];
  }

  connectedCallback() {
    // the link's state first; the engine loads after this method (EngineController awaits it)
    super.connectedCallback();
    const [n, c] = this.shape;
    this.shape = [
      Math.max(1, Math.min(MAX_ROWS, Math.floor(n) || 4)),
      Math.max(1, Math.min(MAX_COLS, Math.floor(c) || 3)),
    ];
    this.rowsText ??= String(this.shape[0]);
  }

  #fill(n, c) {
    return gaussianValues(n * c, this.seed * 131 + n, { mean: [1], variance: [4] });
  }

  willUpdate(changed) {
    const [n, c] = this.shape;
    if (this.values?.length !== n * c) this.values = this.#fill(n, c);
    if (this.#engine.ready && (changed.has('values') || changed.has('shape'))) this.#compute();
  }

  updated() {
    markEnd('train-eval-grid');
  }

  /** Fresh modules every time: each panel is what a new nn.BatchNorm1d / nn.LayerNorm would do. */
  #compute() {
    markStart('train-eval-grid');
    const run = (options) => trainThenEval(this.#engine.value, options, this.values, this.shape);
    const c = this.shape[1];
    this.result = {
      bn: run({ op: 'batch_norm', dims: 1, num_features: c }),
      ln: run({ op: 'layer_norm', normalized_shape: [c] }),
    };
  }

  #onRows(text) {
    this.rowsText = text;
    const v = parseInteger(text) ?? NaN;
    if (!(v >= 1 && v <= MAX_ROWS)) {
      this.rowsError = true;
      return;
    }
    this.rowsError = false;
    const [n, c] = this.shape;
    if (v === n) return;
    this.values = resizeRows(this.values, c, v, c, this.#fill(v, c));
    this.shape = [v, c];
  }

  render() {
    const lang = this.lang;
    const [n, c] = this.shape;
    const r = this.result;
    return html`
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <div class="controls">
        <label class="field"
          >${t(lang, TEXT.rows)}
          <input
            name="rows"
            inputmode="numeric"
            autocomplete="off"
            .value=${this.rowsText}
            aria-invalid=${this.rowsError ? 'true' : 'false'}
            @input=${(e) => this.#onRows(e.target.value)}
        /></label>
      </div>
      <div aria-live="polite">
        ${this.rowsError ? html`<p class="error">${t(lang, TEXT.rowsBad)}</p>` : nothing}
      </div>
      <p class="caption">${t(lang, TEXT.input)(n, c)}</p>
      <tensor-editor
        label="x"
        .shape=${[n, c]}
        .values=${this.values}
        @tensor-change=${(e) => (this.values = e.detail.values)}
      ></tensor-editor>
      ${r ? results(lang, r, [n, c]) : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`}
      <pytorch-code .code=${trainEvalCode(this.values, this.shape)}></pytorch-code>
    `;
  }
}

customElements.define('train-eval-grid', TrainEvalGrid);
