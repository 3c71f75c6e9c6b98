// <bn-momentum-convert>: the pitfall "momentum means opposite things". A converter between
// PyTorch's momentum m (the new batch's weight) and Keras's (the old average's: 1 − m), and the
// same number typed into both, run for 50 steps on our BN kernel on the same batches.
//   <bn-momentum-convert momentum="0.99" convention="keras"></bn-momentum-convert>
import { LitElement, html } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { DraftFieldController } from '../../controllers/draft-field-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { parseNumber } from '../../model/parse.js';
import { CONVENTIONS, DEFAULT_MOMENTUM, otherConvention } from '../../model/bn-momentum.js';
import { t } from '../../i18n.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { momentumBatches, runningMeans } from './model.js';
import { chartView, runRow } from './view.js';
import { momentumCode } from './pytorch.js';

const BATCHES = momentumBatches();

export class BnMomentumConvert extends LitElement {
  static properties = {
    lang: { type: String },
    momentum: { type: Number },
    convention: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: () => this.requestUpdate() });
  #fields = new DraftFieldController(this);
  #cache = new Map(); // PyTorch momentum -> running means (the batches never change)

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.momentum = DEFAULT_MOMENTUM.keras;
    this.convention = 'keras';
    this.stateKey = '';
    this.stateNotice = '';
    new HashStateController(this, {
      momentum: codec.number(0, 1),
      convention: codec.oneOf(CONVENTIONS),
    });
  }

  #means(engine, m) {
    if (!this.#cache.has(m)) this.#cache.set(m, runningMeans(engine, m, BATCHES));
    return this.#cache.get(m);
  }

  #controls() {
    const lang = this.lang;
    return html`<div class="controls">
      ${this.#fields.field('momentum', {
        label: t(lang, TEXT.value),
        value: this.momentum,
        format: String,
        inputmode: 'decimal',
        parse: (text) => {
          const v = parseNumber(text);
          return v !== null && v >= 0 && v <= 1 ? { value: v } : { error: t(lang, TEXT.valueBad) };
        },
        commit: (v) => (this.momentum = v),
      })}
      <fieldset class="field">
        <legend>${t(lang, TEXT.from)}</legend>
        ${CONVENTIONS.map(
          (c) =>
            html`<label class="inline"
              ><input
                type="radio"
                name="convention"
                value=${c}
                .checked=${this.convention === c}
                @change=${() => (this.convention = c)}
              />
              ${t(lang, TEXT[c])}</label
            >`,
        )}
      </fieldset>
    </div>`;
  }

  #body(engine) {
    const lang = this.lang;
    const m = this.momentum;
    const other = otherConvention(m);
    const to = this.convention === 'keras' ? 'pytorch' : 'keras';
    const runs = [
      { key: 'torch', momentum: m, label: t(lang, TEXT.asTorch)(m) },
      { key: 'keras', momentum: other, label: t(lang, TEXT.asKeras)(m, other) },
    ].map((r) => ({ ...r, means: this.#means(engine, r.momentum) }));
    return html`<p class="converted" aria-live="polite">
        ${t(lang, TEXT.converter)}: ${t(lang, TEXT[this.convention])} <strong>${m}</strong> =
        ${t(lang, TEXT[to])} <strong class="other">${other}</strong>
      </p>
      <p class="rule">${t(lang, TEXT.rule)}</p>
      <p>${t(lang, TEXT.sameNumber)(m)}</p>
      <ul class="runs">
        ${runs.map((r) => runRow(lang, r))}
      </ul>
      ${chartView(lang, runs)}
      <p class="muted">${t(lang, TEXT.trueMean)}</p>
      <p class="failure">${t(lang, TEXT.bug)}</p>
      <p class="fix">${t(lang, TEXT.fix)}</p>`;
  }

  render() {
    const lang = this.lang;
    const engine = this.#engine.value;
    return html`${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : ''
      }
      ${this.#controls()}
      ${
        engine
          ? this.#body(engine)
          : html`<p aria-busy=${this.#engine.error ? 'false' : 'true'}>
              ${
                this.#engine.error
                  ? `${t(lang, TEXT.failed)}${this.#engine.error.message}`
                  : t(lang, TEXT.loading)
              }
            </p>`
      }
      <pytorch-code
        .code=${momentumCode(this.momentum, otherConvention(this.momentum), BATCHES)}
      ></pytorch-code>`;
  }
}

customElements.define('bn-momentum-convert', BnMomentumConvert);
