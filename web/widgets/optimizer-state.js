// <optimizer-state>: one optimizer stepping an editable parameter tensor with an editable gradient,
// and every state buffer it keeps (Adam's exp_avg m and exp_avg_sq v, SGD's momentum_buffer, ...)
// shown as tensors, read from the engine after each step. The point it makes: the state has the
// parameter's shape, whatever the batch size; nothing in it is about activations.
//   <optimizer-state op="adam" shape="2,3" lr="0.1"></optimizer-state>
import { hostStyle } from './shared/host-style.js';
import { fieldInput, fieldError } from './shared/text-field.js';
import { formStyles, parseNumberText, fieldText, TEXT as COMMON } from './shared/optim-controls.js';
import { markStart, markEnd } from './shared/measure.js';
import { LitElement, html, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { getEngine } from '../engine/shared.js';
import { ConnectedHandle } from '../controllers/connected-handle.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t } from '../i18n.js';
import { numel, formatShape } from '../model/shape.js';
import './tensor-editor/index.js';
import './pytorch-code.js';
import { tensorLiteral, pyNumber } from '../model/pytorch.js';
import { STATE_OPTIMIZERS, BUFFER_NAMES } from '../model/optimizers.js';

// the menu lives in model/optimizers.js; re-exported for the tests that read it from here
export { STATE_OPTIMIZERS };

const TEXT = {
  optimizer: { zh: '优化器', en: 'Optimizer' },
  lr: { zh: '学习率 lr', en: 'Learning rate lr' },
  theta0: { zh: '初始参数 θ₀（可编辑）', en: 'Starting parameter θ₀ (editable)' },
  grad: { zh: '每一步使用的梯度 g（可编辑）', en: 'Gradient g used by each step (editable)' },
  step: { zh: '走一步', en: 'Step' },
  step10: { zh: '走 10 步', en: '10 steps' },
  reset: { zh: '从 θ₀ 重新开始', en: 'Restart from θ₀' },
  random: { zh: '随机梯度', en: 'Random gradient' },
  theta: {
    zh: (n) => `第 ${n} 步之后的参数 θ`,
    en: (n) => `Parameter θ after ${n} ${n === 1 ? 'step' : 'steps'}`,
  },

  none: {
    zh: '还没有走过一步：状态在第一次 step() 时才创建。',
    en: 'No step yet: the state is created by the first step().',
  },
  summary: {
    zh: (name, n, bufs, shape, count, params) =>
      `${name} 走了 ${n} 步，保存了 ${bufs} 个状态张量，每个形状都是 ${shape}：共 ${count} 个数，对应 ${params} 个参数。与批大小、激活值无关。`,
    en: (name, n, bufs, shape, count, params) =>
      `${name} has taken ${n} steps and keeps ${bufs} state tensors, each of shape ${shape}: ${count} numbers for ${params} parameters, whatever the batch size, and nothing about activations.`,
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

const csv = (text) =>
  String(text ?? '')
    .split(',')
    .map((s) => Number(s.trim()));

export class OptimizerState extends LitElement {
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

  static styles = [
    hostStyle,
    formStyles,
    css`
      .caption {
        margin: 0.8em 0 0.3em;
        font-weight: 600;
        font-size: 0.95em;
      }
      .buffers {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1.5em;
      }
      .summary {
        font-weight: 600;
      }
    `,
  ];

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

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    // removed while the engine loaded: it restarts when it is put back
    if (!this.isConnected) return;
    if (!(this.op in STATE_OPTIMIZERS)) this.op = 'adam';
    // an attribute may carry a rate PyTorch refuses: say so in its words and start with 0.1
    try {
      this.engine.optimizer(STATE_OPTIMIZERS[this.op].op, this.#args(), [0]).delete();
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
   * none is made; connectedCallback restarts when the widget is put back.
   */
  #restart() {
    markStart('optimizer-state');
    this.optimizer.replace(() =>
      this.engine.optimizer(STATE_OPTIMIZERS[this.op].op, this.#args(), this.theta0),
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
      this.engine.optimizer(STATE_OPTIMIZERS[this.op].op, this.#args(v), this.theta0).delete();
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
      ${run ? this.#result(run) : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`}
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

  #result(run) {
    const lang = this.lang;
    const buffers = run.state.filter(([, v]) => v.length === run.param.length);
    const count = buffers.reduce((s, [, v]) => s + v.length, 0);
    return html`
      <p class="caption">${t(lang, TEXT.theta)(run.steps)}</p>
      <tensor-editor readonly label="θ" .shape=${this.shape} .values=${run.param}></tensor-editor>
      <p class="summary" aria-live="polite">
        ${
          run.steps === 0
            ? t(lang, TEXT.none)
            : t(lang, TEXT.summary)(
                STATE_OPTIMIZERS[this.op].label,
                run.steps,
                buffers.length,
                formatShape(this.shape),
                count,
                run.param.length,
              )
        }
      </p>
      <div class="buffers">
        ${buffers.map(
          ([name, values]) =>
            html`<div data-buffer=${name}>
              <p class="caption">
                <code>${name}</code
                >${BUFFER_NAMES[name] ? html` — ${t(lang, BUFFER_NAMES[name])}` : nothing}
              </p>
              <tensor-editor
                readonly
                label=${name}
                .shape=${this.shape}
                .values=${values}
              ></tensor-editor>
            </div>`,
        )}
      </div>
    `;
  }
}

/** The same run in PyTorch: `steps` steps with the same gradient, then θ and the state. */
export function stateCode({ op, lr, theta0, grad, shape, steps }) {
  const o = STATE_OPTIMIZERS[op];
  const args = Object.entries({ ...o.args, lr }).map(
    ([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? 'True' : 'False') : pyNumber(v)}`,
  );
  return [
    'import torch',
    '',
    `theta = torch.nn.Parameter(${tensorLiteral(theta0, shape)})`,
    `g = ${tensorLiteral(grad, shape)}`,
    `opt = torch.optim.${o.torch}([theta], ${args.join(', ')})`,
    `for step in range(${steps}):`,
    '    theta.grad = g.clone()',
    '    opt.step()',
    "print('theta', theta.data.tolist())",
    'for name, buf in opt.state[theta].items():',
    "    if name != 'step':  # a step counter; every buffer has theta's shape",
    '        print(name, buf.tolist())',
  ].join('\n');
}

customElements.define('optimizer-state', OptimizerState);
