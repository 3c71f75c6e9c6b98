// <decay-compare>: Adam's L2 weight decay against AdamW's decoupled decay, on the engine's
// "bowl_l2" surface, whose two coordinates have gradients 100x apart in scale. Three runs from
// the same start, all computed by engine.trajectory: Adam without decay, Adam with weight_decay
// (λθ added to the gradient, then divided by √v̂) and AdamW (θ shrunk by lr·λ·θ directly).
//   <decay-compare lr="0.05" weight-decay="0.1" steps="300"></decay-compare>
import { LitElement, html, nothing } from 'lit';
import { fieldInput, fieldError } from '../shared/text-field.js';
import { parseNumberText, fieldText, TEXT as COMMON } from '../shared/optim-controls.js';
import { markStart, markEnd } from '../shared/measure.js';
import { parseInteger } from '../../model/parse.js';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { describeSurfaces, contourPaths } from '../../model/race.js';
import { SURFACE, MAX_STEPS, RUNS, checkRuns, runTrajectories, surfaceScales } from './model.js';
import { surfacePlot, timePlot, legend, endsTable } from './view.js';
import { decayCode } from './pytorch.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import '../pytorch-code/index.js';

// the widget's own starting values (not torch.optim's defaults: Adam's weight_decay is 0)
const START = { lr: 0.05, weightDecay: 0.1, steps: 300 };

export class DecayCompare extends LitElement {
  static properties = {
    lr: { type: Number },
    weightDecay: { type: Number, attribute: 'weight-decay' },
    steps: { type: Number },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    texts: { state: true },
    errors: { state: true },
    results: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: (engine) => this.#setUp(engine) });
  #typed = new Set();

  constructor() {
    super();
    this.lr = START.lr;
    this.weightDecay = START.weightDecay;
    this.steps = START.steps;
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.texts = null;
    this.errors = { lr: '', weightDecay: '', steps: '' };
    this.results = null;
    this.engine = null;
    this.info = null;
    /** @type {{d: string}[] | null} the surface's contours, drawn once */
    this.contours = null;
    new HashStateController(this, {
      lr: codec.number(), // the engine judges it, in PyTorch's words
      weightDecay: codec.number(), // the engine judges it, in PyTorch's words
      steps: codec.int(1, MAX_STEPS),
    });
  }

  #setUp(engine) {
    this.engine = engine;
    this.info = describeSurfaces(engine).find((s) => s.name === SURFACE);
    if (!(Number.isInteger(this.steps) && this.steps >= 1 && this.steps <= MAX_STEPS)) {
      this.steps = START.steps;
    }
    // a link may carry values the constructor refuses: keep PyTorch's word and the defaults
    try {
      checkRuns(engine, this.lr, this.weightDecay);
    } catch (err) {
      this.stateNotice = err.message;
      this.lr = START.lr;
      this.weightDecay = START.weightDecay;
    }
    this.requestUpdate('lr');
  }

  willUpdate(changed) {
    if (this.texts === null) this.texts = {};
    // a field keeps what the learner typed ("1e-1" stays "1e-1"); the link rewrites it
    const typed = this.#typed;
    this.#typed = new Set();
    for (const key of ['lr', 'weightDecay', 'steps']) {
      if (typed.has(key) || this.errors[key]) continue;
      if (changed.has(key) || this.texts[key] === undefined) {
        this.texts = { ...this.texts, [key]: fieldText(this[key]) };
      }
    }
    if (this.engine && ['lr', 'weightDecay', 'steps'].some((k) => changed.has(k))) {
      markStart('decay-compare');
      const { lr, weightDecay, steps } = this;
      this.results = runTrajectories(this.engine, this.info.start, { lr, weightDecay, steps });
    }
  }

  updated() {
    markEnd('decay-compare');
  }

  #onField(key, text) {
    this.texts = { ...this.texts, [key]: text };
    const setError = (message) => (this.errors = { ...this.errors, [key]: message });
    if (key === 'steps') {
      const v = parseInteger(text);
      if (v === null || v < 1 || v > MAX_STEPS) {
        setError(t(this.lang, TEXT.badSteps));
        return;
      }
      setError('');
      this.#typed.add('steps');
      this.steps = v;
      return;
    }
    const v = parseNumberText(text);
    if (v === null) {
      setError(t(this.lang, COMMON.notNumber));
      return;
    }
    const lr = key === 'lr' ? v : this.lr;
    const wd = key === 'weightDecay' ? v : this.weightDecay;
    try {
      checkRuns(this.engine, lr, wd);
    } catch (err) {
      setError(err.message);
      return;
    }
    setError('');
    this.#typed.add(key);
    this[key] = v;
  }

  #field(key, label) {
    return html`<div>
      <label
        >${label}
        ${fieldInput({
          cls: 'num',
          inputmode: 'decimal',
          value: this.texts[key],
          error: this.errors[key],
          errorId: `${key}-error`,
          onInput: (e) => this.#onField(key, e.target.value),
        })}</label
      >
      ${fieldError(`${key}-error`, this.errors[key])}
    </div>`;
  }

  render() {
    const lang = this.lang;
    if (!this.results) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    const { x, y } = surfaceScales(this.info);
    this.contours ??= contourPaths(this.engine, this.info, x, y);
    const { lr, weightDecay, steps } = this;
    return html`
      <div class="row">
        ${this.#field('lr', t(lang, TEXT.lr))} ${this.#field('weightDecay', t(lang, TEXT.wd))}
        ${this.#field('steps', t(lang, TEXT.steps))}
      </div>
      ${
        this.stateNotice
          ? html`<p class="muted" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${legend(lang)}
      <div class="figures">
        ${surfacePlot(this.info, this.contours, this.results, lang)}
        ${timePlot(RUNS[1], this.results, lang)} ${timePlot(RUNS[2], this.results, lang)}
      </div>
      ${endsTable(this.results, this.steps, lang)}
      <pytorch-code
        .code=${decayCode({
          formula: this.info.formula,
          start: this.info.start,
          lr,
          weightDecay,
          steps,
        })}
      ></pytorch-code>
    `;
  }
}

customElements.define('decay-compare', DecayCompare);
