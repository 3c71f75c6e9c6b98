// <padding-demo>: a batch of sentences of different lengths, as token embeddings. The real tokens
// are an editable (tokens, hidden) table; padded to a common length T they form the (B, T, H)
// tensor a model sees. BatchNorm1d(H) over every position computes per-feature statistics that
// count the padding; LayerNorm(H) computes per-token statistics that never look at another token.
// Toggle the padding and compare: all numbers from the engine.
//   <padding-demo lengths="4,2,3" hidden-size="4" pad-to="5"></padding-demo>
import { LitElement, html, nothing } from 'lit';
import { parseInteger } from '../../model/parse.js';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { csvNumbers, boolAttribute, gaussianValues } from '../shared/dynamics-kit.js';
import { markStart, markEnd } from '../shared/measure.js';
import { TEXT, WORDS } from './text.js';
import { styles } from './styles.js';
import { MAX_T, compareNorms, tokenNames } from './model.js';
import { paddingCode } from './pytorch.js';
import { results } from './view.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

export class PaddingDemo extends LitElement {
  static properties = {
    lang: { type: String },
    lengths: { converter: csvNumbers },
    hiddenSize: { attribute: 'hidden-size', type: Number }, // not `hidden`: that attribute hides an element
    padding: { converter: boolAttribute },
    padTo: { attribute: 'pad-to', type: Number },
    seed: { type: Number },
    values: { attribute: false },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    result: { state: true },
    padText: { state: true },
    padError: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: () => this.#compute() });

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.lengths = [4, 2, 3];
    this.hiddenSize = 4;
    this.padding = true;
    this.padTo = 0; // 0: the longest sentence's length
    this.seed = 11;
    this.values = null;
    this.stateKey = '';
    this.stateNotice = '';
    this.result = null;
    this.padText = null;
    this.padError = false;
    new HashStateController(
      this,
      {
        padding: codec.bool,
        padTo: codec.int(1, MAX_T),
        values: codec.floats,
      },
      null,
      { attributes: { lengths: codec.intList(1, MAX_T, 8), hiddenSize: codec.int(2, 16) } },
    );
  }

  get #tokenCount() {
    return this.lengths.reduce((a, b) => a + b, 0);
  }

  get #longest() {
    return Math.max(...this.lengths);
  }

  acceptState(prop, value) {
    if (prop === 'values') return value.length === this.#tokenCount * this.hiddenSize;
    if (prop === 'padTo') return value >= this.#longest;
    return true;
  }

  connectedCallback() {
    // the link's state first; the engine loads after this method (EngineController awaits it)
    super.connectedCallback();
    const lengths = this.lengths.map((l) => Math.floor(l)).filter((l) => l >= 1 && l <= MAX_T);
    this.lengths = lengths.length ? lengths.slice(0, 8) : [4, 2, 3];
    this.hiddenSize = Math.max(2, Math.min(16, Math.floor(this.hiddenSize) || 4));
    if (!(this.padTo >= this.#longest && this.padTo <= MAX_T)) this.padTo = this.#longest;
    this.padText ??= String(this.padTo);
  }

  willUpdate(changed) {
    const n = this.#tokenCount * this.hiddenSize;
    if (this.values?.length !== n) {
      // features with different typical values, so that zeros pull BatchNorm's means visibly
      this.values = gaussianValues(n, this.seed, {
        mean: [1.5, -1, 0.8, 2, -0.5, 1],
        variance: [0.5],
      });
    }
    if (this.#engine.ready && ['values', 'padTo', 'padding'].some((k) => changed.has(k)))
      this.#compute();
  }

  updated() {
    markEnd('padding-demo');
  }

  #compute() {
    markStart('padding-demo');
    const { values, lengths, hiddenSize, padTo } = this;
    this.result = compareNorms(this.#engine.value, values, lengths, hiddenSize, padTo);
  }

  #onPadTo(text) {
    this.padText = text;
    const v = parseInteger(text) ?? NaN;
    if (!(v >= this.#longest && v <= MAX_T)) {
      this.padError = true;
      return;
    }
    this.padError = false;
    this.padTo = v;
  }

  render() {
    const lang = this.lang;
    const H = this.hiddenSize;
    const n = this.#tokenCount;
    const T = this.padTo;
    const r = this.result;
    const names = tokenNames(this.lengths, WORDS[lang] ?? WORDS.en);
    const notes = names.map(({ b, word }) => `${t(lang, TEXT.sentence)} ${b} · ${word}`);
    const on = this.padding;
    return html`
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <div class="controls">
        <label class="field inline"
          ><input
            type="checkbox"
            name="padding"
            .checked=${on}
            @change=${(e) => (this.padding = e.target.checked)}
          />${t(lang, TEXT.padding)}</label
        >
        <label class="field"
          >${t(lang, TEXT.padTo)}
          <input
            name="pad-to"
            inputmode="numeric"
            autocomplete="off"
            .value=${this.padText}
            ?disabled=${!on}
            aria-invalid=${this.padError ? 'true' : 'false'}
            @input=${(e) => this.#onPadTo(e.target.value)}
        /></label>
      </div>
      <div aria-live="polite">
        ${this.padError ? html`<p class="error">${t(lang, TEXT.padBad)(this.#longest)}</p>` : nothing}
      </div>
      <p class="caption">${t(lang, TEXT.tokens)(n, H)}</p>
      <tensor-editor
        label="tokens"
        .shape=${[n, H]}
        .values=${this.values}
        .rowNotes=${notes}
        @tensor-change=${(e) => (this.values = e.detail.values)}
      ></tensor-editor>
      ${
        r
          ? results(lang, r, names, on, { values: this.values, lengths: this.lengths, H, T })
          : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
      <pytorch-code .code=${paddingCode(this.values, this.lengths, H, T)}></pytorch-code>
    `;
  }
}

customElements.define('padding-demo', PaddingDemo);
