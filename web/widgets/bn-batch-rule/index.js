// <bn-batch-rule>: the pitfall "Expected more than 1 value per channel when training". Fields N, H,
// W with the engine's count of values per channel (N·H·W), one batch through a fresh BatchNorm in
// training (PyTorch's message word for word from the engine, or the ±1 outputs of two values per
// channel) and in eval, and a DataLoader whose last batch of one fails until drop_last=True.
//   <bn-batch-rule n="1" h="1" w="1" samples="17" batch-size="4"></bn-batch-rule>
import { LitElement, html } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { DraftFieldController } from '../../controllers/draft-field-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { parseInteger, flagAttribute } from '../../model/parse.js';
import { t } from '../../i18n.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { LIMITS, shapeOf, runBatch, loaderBatches } from './model.js';
import { runView, loaderView } from './view.js';
import { batchRuleCode } from './pytorch.js';

const FIELDS = ['n', 'h', 'w', 'samples', 'batchSize'];
const LOW = { n: 1, h: 1, w: 1, samples: 1, batchSize: 1 };

export class BnBatchRule extends LitElement {
  static properties = {
    lang: { type: String },
    layout: { type: String },
    n: { type: Number },
    h: { type: Number },
    w: { type: Number },
    samples: { type: Number },
    batchSize: { type: Number, attribute: 'batch-size' },
    dropLast: { type: Boolean, converter: flagAttribute, attribute: 'drop-last' },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: () => this.requestUpdate() });
  #fields = new DraftFieldController(this);

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.layout = '2d';
    this.n = 1;
    this.h = 1;
    this.w = 1;
    this.samples = 17;
    this.batchSize = 4;
    this.dropLast = false;
    this.stateKey = '';
    this.stateNotice = '';
    new HashStateController(this, {
      layout: codec.oneOf(['2d', '1d']),
      ...Object.fromEntries(FIELDS.map((k) => [k, codec.int(LOW[k], LIMITS[k])])),
      dropLast: codec.bool,
    });
  }

  #intField(key, label) {
    const lang = this.lang;
    return this.#fields.field(key, {
      label,
      value: this[key],
      format: String,
      inputmode: 'numeric',
      parse: (text) => {
        const v = parseInteger(text);
        return v !== null && v >= LOW[key] && v <= LIMITS[key]
          ? { value: v }
          : { error: t(lang, TEXT.intBad)(LOW[key], LIMITS[key]) };
      },
      commit: (v) => (this[key] = v),
    });
  }

  #layoutField() {
    const lang = this.lang;
    return html`<div class="field">
      <label for="layout-input">${t(lang, TEXT.layout)}</label>
      <select
        id="layout-input"
        name="layout"
        .value=${this.layout}
        @change=${(e) => (this.layout = e.target.value)}
      >
        <option value="2d" ?selected=${this.layout === '2d'}>${t(lang, TEXT.layout2d)}</option>
        <option value="1d" ?selected=${this.layout === '1d'}>${t(lang, TEXT.layout1d)}</option>
      </select>
    </div>`;
  }

  /** The fields' committed values, as a plain object for the model and view helpers. */
  #state() {
    const { layout, n, h, w, samples, batchSize, dropLast } = this;
    return { layout, n, h, w, samples, batchSize, dropLast };
  }

  #body(engine) {
    const lang = this.lang;
    const state = this.#state();
    const shape = shapeOf(state);
    const run = runBatch(engine, this.layout, shape);
    const batches = loaderBatches(engine, state);
    return html`<p class="count" aria-live="polite">
        ${t(lang, this.layout === '1d' ? TEXT.perChannel1d : TEXT.perChannel)}<strong
          class="per-channel"
          >${run.perChannel}</strong
        >
        · <code>input.shape = (${shape.join(', ')})</code>
      </p>
      <div aria-live="polite">${runView(lang, run, shape)}</div>
      <p class="rule">${t(lang, TEXT.rule)}</p>
      <section class="loader" aria-label=${t(lang, TEXT.loader)}>
        <h3>${t(lang, TEXT.loader)}</h3>
        <div class="controls">
          ${this.#intField('samples', t(lang, TEXT.samples))}
          ${this.#intField('batchSize', t(lang, TEXT.batchSize))}
          <label class="field inline"
            ><input
              type="checkbox"
              name="drop-last"
              .checked=${this.dropLast}
              @change=${(e) => (this.dropLast = e.target.checked)}
            />
            ${t(lang, TEXT.dropLast)}</label
          >
        </div>
        ${loaderView(lang, state, batches)}
      </section>`;
  }

  render() {
    const lang = this.lang;
    const engine = this.#engine.value;
    return html`${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : ''
      }
      <div class="controls">
        ${this.#layoutField()} ${this.#intField('n', t(lang, TEXT.n))}
        ${
          this.layout === '2d'
            ? html`${this.#intField('h', t(lang, TEXT.h))} ${this.#intField('w', t(lang, TEXT.w))}`
            : ''
        }
      </div>
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
      <pytorch-code .code=${batchRuleCode(this.#state())}></pytorch-code>`;
  }
}

customElements.define('bn-batch-rule', BnBatchRule);
