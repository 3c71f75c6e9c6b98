// <optimizer-state>: one optimizer stepping an editable parameter tensor with an editable gradient,
// and every state buffer it keeps (Adam's exp_avg m and exp_avg_sq v, SGD's momentum_buffer, ...)
// shown as tensors, read from the engine after each step. The point it makes: the state has the
// parameter's shape, whatever the batch size; nothing in it is about activations.
//   <optimizer-state op="adam" shape="2,3" lr="0.1"></optimizer-state>
import { LitElement, html, nothing } from 'lit';
import { fieldInput, fieldError } from '../shared/text-field.js';
import { parseNumberText, fieldText, TEXT as COMMON } from '../shared/optim-controls.js';
import { markStart, markEnd } from '../shared/measure.js';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController, ConnectedHandle } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { numel } from '../../model/shape.js';
import { STATE_OPTIMIZERS } from '../../model/optimizers.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { resultView } from './view.js';
import { stateCode } from './pytorch.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

const csv = (text) =>
  String(text ?? '')
    .split(',')
    .map((s) => Number(s.trim()));

export class OptimizerState extends LitElement {
  static styles = styles;

  #engine = new EngineController(this, { onReady: (engine) => this.#setUp(engine) });

  static properties = {
    op: { type: String },
    lr: { type: Number },
    shape: { converter: { fromAttribute: csv } },
    theta0: { attribute: false },
    grad: { attribute: false },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    lrText: { state: true },
    lrError: { state: true },
    run: { state: true },
  };

  constructor() {
    super();
    this.op = 'adam';
    this.lr = 0.1;
    this.shape = [2, 3];
    this.theta0 = Float32Array.from([0.5, -1, 2, 1.5, -0.25, 0]);
    this.grad = Float32Array.from([0.1, -2, 0.5, 10, -0.01, 1]);
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.lrText = null;
    this.lrError = '';
    this.run = null; // {steps, param, state: [[name, Float32Array]]}
    this.engine = null;
    // deleted as the widget leaves the page; none is made while it is off the page
    this.optimizer = new ConnectedHandle(this);
    new HashStateController(
      this,
      {
        op: codec.oneOf(Object.keys(STATE_OPTIMIZERS)),
        lr: codec.number(), // the engine judges it, in PyTorch's words
        theta0: codec.floats,
        grad: codec.floats,
      },
      null,
      { attributes: { shape: codec.shape } },
    );
  }

  acceptState(prop, value) {
    return !['theta0', 'grad'].includes(prop) || value.length === numel(this.shape);
  }

  #setUp(engine) {
    this.engine = engine;
    if (!(this.op in STATE_OPTIMIZERS)) this.op = 'adam';
    // an attribute may carry a rate PyTorch refuses: say so in its words and start with 0.1
    try {
      this.engine.optimizer([0], { op: STATE_OPTIMIZERS[this.op].op, args: this.#args() }).delete();
    } catch (err) {
      this.lrText = String(this.lr);
      this.lrError = err.message;
      this.lr = 0.1;
    }
    this.#restart();
  }

  willUpdate(changed) {
    if (!(this.op in STATE_OPTIMIZERS)) this.op = 'adam';
    const dims = this.shape;
    if (!(
      dims.length <= 5 &&
      dims.every((d) => Number.isInteger(d) && d >= 1) &&
      numel(dims) <= 4096
    )) {
      this.shape = [2, 3]; // an attribute that is no shape the editor can show
    }
    const n = numel(this.shape);
    if (this.theta0.length !== n) this.theta0 = new Float32Array(n);
    if (this.grad.length !== n) this.grad = new Float32Array(n).fill(1);
    // the field keeps what the learner typed ("1e-3" stays "1e-3"); the link rewrites it
    const typed = this.#typed;
    this.#typed = false;
    if (this.lrText === null || (changed.has('lr') && !typed && !this.lrError)) {
      this.lrText = fieldText(this.lr);
    }
    if (this.engine && ['op', 'lr', 'theta0', 'shape'].some((k) => changed.has(k) && this.run)) {
      this.#restart();
    }
  }

  updated() {
    markEnd('optimizer-state');
  }

  #args(lr = this.lr) {
    return { ...STATE_OPTIMIZERS[this.op].args, lr };
  }

  /**
   * A fresh optimizer at θ₀: no state yet, as torch.optim before its first step(). Off the page
   * none is made; the engine's onReady restarts it when the widget is put back.
   */
  #restart() {
    markStart('optimizer-state');
    this.optimizer.replace(() =>
      this.engine.optimizer(this.theta0, { op: STATE_OPTIMIZERS[this.op].op, args: this.#args() }),
    );
    this.run = { steps: 0, param: Float32Array.from(this.theta0), state: [] };
  }

  #step(count) {
    markStart('optimizer-state');
    let param = this.run.param;
    const optimizer = this.optimizer.value;
    for (let i = 0; i < count; i++) param = optimizer.step(this.grad);
    this.run = {
      steps: this.run.steps + count,
      param,
      state: Object.entries(optimizer.state()),
    };
  }

  #typed = false;

  #onLr(text) {
    this.lrText = text;
    const v = parseNumberText(text);
    if (v === null) {
      this.lrError = t(this.lang, COMMON.notNumber);
      return;
    }
    try {
      // PyTorch's constructor decides what a valid learning rate is, and says so in its words
      this.engine
        .optimizer(this.theta0, { op: STATE_OPTIMIZERS[this.op].op, args: this.#args(v) })
        .delete();
      this.lrError = '';
      this.#typed = true;
      this.lr = v;
    } catch (err) {
      this.lrError = err.message;
    }
  }

  #randomGradient() {
    // inputs only: a gradient with very different scales per element, like a real network's
    this.grad = Float32Array.from(this.grad, () => {
      const scale = 10 ** Math.floor(Math.random() * 4 - 2);
      return (Math.round((Math.random() * 2 - 1) * 100) / 100) * scale;
    });
  }

  render() {
    const lang = this.lang;
    const run = this.run;
    return html`
      <div class="row">
        <label
          >${t(lang, TEXT.optimizer)}
          <select @change=${(e) => (this.op = e.target.value)}>
            ${Object.entries(STATE_OPTIMIZERS).map(
              ([key, o]) =>
                html`<option value=${key} ?selected=${key === this.op}>${o.label}</option>`,
            )}
          </select></label
        >
        <label
          >${t(lang, TEXT.lr)}
          ${fieldInput({
            cls: 'num',
            inputmode: 'decimal',
            value: this.lrText,
            error: this.lrError,
            errorId: 'lr-error',
            onInput: (e) => this.#onLr(e.target.value),
          })}</label
        >
        ${fieldError('lr-error', this.lrError)}
      </div>
      ${
        this.stateNotice
          ? html`<p class="muted" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <p class="caption">${t(lang, TEXT.theta0)}</p>
      <tensor-editor
        label="θ₀"
        .shape=${this.shape}
        .values=${this.theta0}
        @tensor-change=${(e) => {
          if (e.detail.shape && e.detail.shape.join() !== this.shape.join()) {
            this.shape = [...e.detail.shape];
          }
          this.theta0 = Float32Array.from(e.detail.values);
        }}
      ></tensor-editor>
      <p class="caption">${t(lang, TEXT.grad)}</p>
      <tensor-editor
        label="g"
        .shape=${this.shape}
        .values=${this.grad}
        @tensor-change=${(e) => (this.grad = Float32Array.from(e.detail.values))}
      ></tensor-editor>
      <div class="row">
        <button type="button" ?disabled=${!run} @click=${() => this.#step(1)}>
          ${t(lang, TEXT.step)}
        </button>
        <button type="button" ?disabled=${!run} @click=${() => this.#step(10)}>
          ${t(lang, TEXT.step10)}
        </button>
        <button type="button" ?disabled=${!run} @click=${() => this.#restart()}>
          ${t(lang, TEXT.reset)}
        </button>
        <button type="button" @click=${() => this.#randomGradient()}>
          ${t(lang, TEXT.random)}
        </button>
      </div>
      ${
        run
          ? resultView(run, this.shape, STATE_OPTIMIZERS[this.op].label, lang)
          : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
      <pytorch-code
        .code=${stateCode({
          op: this.op,
          lr: this.lr,
          theta0: this.theta0,
          grad: this.grad,
          shape: this.shape,
          steps: Math.max(1, this.run?.steps ?? 1),
        })}
      ></pytorch-code>
    `;
  }
}

customElements.define('optimizer-state', OptimizerState);
