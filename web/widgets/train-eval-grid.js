// <train-eval-grid>: one editable batch x of shape (N, C) through BatchNorm1d(C) and LayerNorm(C),
// each in training and in eval mode: four outputs from the engine, side by side. BatchNorm's
// train and eval outputs differ (batch statistics vs running statistics, even right after a
// training step on this very batch); LayerNorm's are identical (no running statistics at all).
// With N = 1 BatchNorm refuses to train, with PyTorch's message, while LayerNorm does not care.
//   <train-eval-grid shape="4,3"></train-eval-grid>   <train-eval-grid shape="1,4">
import { LitElement, html, css, nothing } from 'lit';
import { parseInteger } from '../model/parse.js';
import { LangController } from '../controllers/lang-controller.js';
import { hostStyle } from './shared/host-style.js';
import { getEngine } from '../engine/shared.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t } from '../i18n.js';
import { tensorLiteral } from '../model/pytorch.js';
import { csvNumbers, gaussianValues, resizeRows, controlStyle } from './shared/dynamics-kit.js';
import { markStart, markEnd } from './shared/measure.js';
import './tensor-editor/index.js';
import './pytorch-code.js';

const MAX_ROWS = 16;
const MAX_COLS = 16;

const TEXT = {
  input: {
    zh: (n, c) => `输入 x，形状 (${n}, ${c})：可以修改`,
    en: (n, c) => `Input x, shape (${n}, ${c}): edit it`,
  },
  rows: { zh: '批大小 N', en: 'Batch size N' },
  rowsBad: {
    zh: `批大小必须是 1 到 ${MAX_ROWS} 之间的整数；仍在使用上一个有效值`,
    en: `the batch size must be a whole number from 1 to ${MAX_ROWS}; the last valid value is still in use`,
  },
  train: { zh: '训练模式 model.train()', en: 'model.train()' },
  eval: { zh: '评估模式 model.eval()', en: 'model.eval()' },
  bnEvalNote: {
    zh: '（评估在训练步之后：running 统计量 = 0.9 × 初始值 + 0.1 × 这个批次的统计量）',
    en: '(eval comes after the training step: running statistics = 0.9 × initial + 0.1 × this batch’s)',
  },
  bnEvalFresh: {
    zh: '（训练步失败了，状态没有改变：评估用的是初始的 running 统计量，均值 0、方差 1）',
    en: '(the training step failed and changed nothing: eval uses the initial running statistics, mean 0 and variance 1)',
  },
  buffers: { zh: '缓冲区 named_buffers()：', en: 'Buffers, named_buffers(): ' },
  none: { zh: '无', en: 'none' },
  differ: {
    zh: 'BatchNorm：训练和评估的输出不同。',
    en: 'BatchNorm: train and eval outputs differ.',
  },
  same: {
    zh: 'BatchNorm：训练和评估的输出相同。',
    en: 'BatchNorm: train and eval outputs are the same.',
  },
  lnSame: {
    zh: 'LayerNorm：训练和评估的输出完全相同（逐位一致）。',
    en: 'LayerNorm: train and eval outputs are identical, bit for bit.',
  },
  lnDiffer: {
    zh: 'LayerNorm：训练和评估的输出不同。',
    en: 'LayerNorm: train and eval outputs differ.',
  },
  bnFailed: {
    zh: 'BatchNorm 在训练模式下拒绝了这个批次。',
    en: 'BatchNorm refused this batch in training mode.',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

const same = (a, b) => a && b && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

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

  static styles = [
    hostStyle,
    controlStyle,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(max(14em, 40%), 1fr));
        gap: 0.75em 1.25em;
      }
      .cell {
        border: 1px solid var(--nl-border, #c8cdd6);
        border-radius: 6px;
        padding: 0.4em 0.6em;
        min-width: 0;
      }
      .cell h3 {
        margin: 0 0 0.3em;
        font-size: 0.95em;
      }
      .verdict {
        font-weight: 600;
      }
    `,
  ];

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
    this.engine = null;
    new HashStateController(this, { shape: codec.shape, values: codec.floats });
  }

  acceptState(prop, value) {
    if (prop === 'shape') return value.length === 2 && value[0] <= MAX_ROWS && value[1] <= MAX_COLS;
    return value.length === this.shape[0] * this.shape[1];
  }

  async connectedCallback() {
    super.connectedCallback();
    const [n, c] = this.shape;
    this.shape = [
      Math.max(1, Math.min(MAX_ROWS, Math.floor(n) || 4)),
      Math.max(1, Math.min(MAX_COLS, Math.floor(c) || 3)),
    ];
    this.rowsText ??= String(this.shape[0]);
    this.engine = await getEngine();
    if (this.isConnected) this.#compute();
  }

  #fill(n, c) {
    return gaussianValues(n * c, this.seed * 131 + n, { mean: [1], variance: [4] });
  }

  willUpdate(changed) {
    const [n, c] = this.shape;
    if (this.values?.length !== n * c) this.values = this.#fill(n, c);
    if (this.engine && (changed.has('values') || changed.has('shape'))) this.#compute();
  }

  updated() {
    markEnd('train-eval-grid');
  }

  /** Fresh modules every time: each panel is what a new nn.BatchNorm1d / nn.LayerNorm would do. */
  #compute() {
    markStart('train-eval-grid');
    const [n, c] = this.shape;
    const x = this.values;
    const run = (options) => {
      const mod = this.engine.norm(options);
      const out = { bufferShapes: mod.bufferShapes() };
      try {
        try {
          out.train = mod.forward(x, [n, c], { training: true }).output;
        } catch (err) {
          out.trainError = err.message;
        }
        try {
          out.eval = mod.forward(x, [n, c], { training: false }).output;
        } catch (err) {
          out.evalError = err.message;
        }
      } finally {
        mod.delete();
      }
      return out;
    };
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

  #panel(title, values, error) {
    const [n, c] = this.shape;
    return html`<div class="cell">
      <h3>${title}</h3>
      ${
        error
          ? html`<p class="error" role="status">${error}</p>`
          : html`<tensor-editor
              readonly
              label=${title}
              .shape=${[n, c]}
              .values=${values}
            ></tensor-editor>`
      }
    </div>`;
  }

  #code() {
    const [n, c] = this.shape;
    return [
      'import torch',
      'from torch import nn',
      '',
      `x = ${tensorLiteral(this.values, [n, c], 4)}`,
      `bn, ln = nn.BatchNorm1d(${c}), nn.LayerNorm(${c})`,
      'bn.train(); ln.train()',
      'bn_train, ln_train = bn(x), ln(x)  # BatchNorm needs N > 1 here',
      'bn.eval(); ln.eval()',
      'bn_eval, ln_eval = bn(x), ln(x)',
      'print(torch.equal(bn_train, bn_eval), torch.equal(ln_train, ln_eval))',
      'print(list(bn.named_buffers()), list(ln.named_buffers()))',
    ].join('\n');
  }

  render() {
    const lang = this.lang;
    const [n, c] = this.shape;
    const r = this.result;
    const bufferList = (shapes) =>
      shapes.length
        ? shapes.map(([name, s]) => `${name} (${s.join(', ')})`).join(', ')
        : t(lang, TEXT.none);
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
      ${
        r
          ? html`<div class="grid">
                ${this.#panel(`BatchNorm1d(${c}) · ${t(lang, TEXT.train)}`, r.bn.train, r.bn.trainError)}
                ${this.#panel(`BatchNorm1d(${c}) · ${t(lang, TEXT.eval)}`, r.bn.eval, r.bn.evalError)}
                ${this.#panel(`LayerNorm(${c}) · ${t(lang, TEXT.train)}`, r.ln.train, r.ln.trainError)}
                ${this.#panel(`LayerNorm(${c}) · ${t(lang, TEXT.eval)}`, r.ln.eval, r.ln.evalError)}
              </div>
              <div aria-live="polite" class="verdicts">
                <p class="verdict bn-verdict">
                  ${
                    r.bn.trainError
                      ? t(lang, TEXT.bnFailed)
                      : t(lang, same(r.bn.train, r.bn.eval) ? TEXT.same : TEXT.differ)
                  }
                </p>
                <p class="verdict ln-verdict">
                  ${t(lang, same(r.ln.train, r.ln.eval) ? TEXT.lnSame : TEXT.lnDiffer)}
                </p>
                <p class="muted">
                  ${t(lang, r.bn.trainError ? TEXT.bnEvalFresh : TEXT.bnEvalNote)}
                </p>
                <p>
                  BatchNorm1d(${c}) · ${t(lang, TEXT.buffers)}<span class="bn-buffers"
                    >${bufferList(r.bn.bufferShapes)}</span
                  >
                </p>
                <p>
                  LayerNorm(${c}) · ${t(lang, TEXT.buffers)}<span class="ln-buffers"
                    >${bufferList(r.ln.bufferShapes)}</span
                  >
                </p>
              </div>`
          : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
      <pytorch-code .code=${this.#code()}></pytorch-code>
    `;
  }
}

customElements.define('train-eval-grid', TrainEvalGrid);
