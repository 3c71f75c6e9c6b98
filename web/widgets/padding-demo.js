// <padding-demo>: a batch of sentences of different lengths, as token embeddings. The real tokens
// are an editable (tokens, hidden) table; padded to a common length T they form the (B, T, H)
// tensor a model sees. BatchNorm1d(H) over every position computes per-feature statistics that
// count the padding; LayerNorm(H) computes per-token statistics that never look at another token.
// Toggle the padding and compare: all numbers from the engine.
//   <padding-demo lengths="4,2,3" hidden-size="4" pad-to="5"></padding-demo>
import { LitElement, html, css, nothing } from 'lit';
import { parseInteger } from '../model/parse.js';
import { LangController } from '../controllers/lang-controller.js';
import { hostStyle } from './shared/host-style.js';
import { getEngine } from '../engine/shared.js';
import { groupMoments } from '../engine/group-stats.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import { tensorLiteral, pyValue } from '../model/pytorch.js';
import { csvNumbers, boolAttribute, gaussianValues, controlStyle } from './shared/dynamics-kit.js';
import { markStart, markEnd } from './shared/measure.js';
import './tensor-editor/index.js';
import './pytorch-code.js';

const MAX_T = 12;
const WORDS = {
  en: [
    ['the', 'cat', 'sat', 'down', 'here', 'today'],
    ['hello', 'world', 'again'],
    ['I', 'like', 'green', 'tea'],
    ['we', 'read', 'books'],
  ],
  zh: [
    ['今天', '天气', '很', '好', '呀', '！'],
    ['你', '好', '啊'],
    ['我', '爱', '喝', '茶'],
    ['我们', '读', '书'],
  ],
};

const TEXT = {
  padding: { zh: '把句子填充到相同长度', en: 'Pad the sentences to the same length' },
  padTo: { zh: '填充到长度 T', en: 'Pad to length T' },
  padBad: {
    zh: (lo) => `T 必须是 ${lo} 到 ${MAX_T} 之间的整数（不能短于最长的句子）；仍在使用上一个有效值`,
    en: (lo) =>
      `T must be a whole number from ${lo} to ${MAX_T} (no shorter than the longest sentence); the last valid value is still in use`,
  },
  tokens: {
    zh: (n, h) => `真实的 token 向量，形状 (${n}, ${h})：可以修改`,
    en: (n, h) => `The real tokens’ embeddings, shape (${n}, ${h}): edit them`,
  },
  padded: {
    zh: (b, tt, h) => `模型看到的张量 (B, T, H) = (${b}, ${tt}, ${h})；灰色的行是填充的 0`,
    en: (b, tt, h) =>
      `What the model sees, (B, T, H) = (${b}, ${tt}, ${h}); grey rows are the padding, all 0`,
  },
  packed: {
    zh: (n, h) => `不填充：只有真实的 token，(${n}, ${h})`,
    en: (n, h) => `No padding: only the real tokens, (${n}, ${h})`,
  },
  bnHeading: {
    zh: (h) => `BatchNorm1d(${h})：每个特征一组统计量，跨所有位置`,
    en: (h) => `BatchNorm1d(${h}): one mean and variance per feature, over every position`,
  },
  lnHeading: {
    zh: (h) => `LayerNorm(${h})：每个 token 一组统计量，只看它自己`,
    en: (h) => `LayerNorm(${h}): one mean and variance per token, over its own features`,
  },
  feature: { zh: '特征', en: 'feature' },
  token: { zh: 'token', en: 'token' },
  mean: { zh: '均值', en: 'mean' },
  var: { zh: '方差', en: 'var' },
  withoutPad: { zh: '（不填充时）', en: '(no padding)' },
  pad: { zh: '填充', en: 'pad' },
  sentence: { zh: '句', en: 'sentence' },
  summary: {
    zh: (bn, h, ln, n) =>
      `填充改变了 BatchNorm 的 ${bn}/${h} 个特征均值，以及 LayerNorm 的 ${ln}/${n} 个真实 token 均值。`,
    en: (bn, h, ln, n) =>
      `Padding changed ${bn} of ${h} BatchNorm feature means, and ${ln} of ${n} LayerNorm token means.`,
  },
  bnOut: { zh: 'BatchNorm 对真实 token 的输出', en: 'BatchNorm’s output for the real tokens' },
  lnOut: { zh: 'LayerNorm 对真实 token 的输出', en: 'LayerNorm’s output for the real tokens' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

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

  static styles = [
    hostStyle,
    controlStyle,
    css`
      h3 {
        margin: 1em 0 0.3em;
        font-size: 0.95em;
      }
      .changed {
        color: var(--nl-error, #b3261e);
        font-weight: 600;
      }
      .pad-row td {
        color: var(--nl-muted, #5b6472);
      }
      .summary {
        font-weight: 600;
      }
      .outputs {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16em, 1fr));
        gap: 0.5em 1.25em;
      }
    `,
  ];

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
    this.engine = null;
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

  async connectedCallback() {
    super.connectedCallback();
    const lengths = this.lengths.map((l) => Math.floor(l)).filter((l) => l >= 1 && l <= MAX_T);
    this.lengths = lengths.length ? lengths.slice(0, 8) : [4, 2, 3];
    this.hiddenSize = Math.max(2, Math.min(16, Math.floor(this.hiddenSize) || 4));
    if (!(this.padTo >= this.#longest && this.padTo <= MAX_T)) this.padTo = this.#longest;
    this.padText ??= String(this.padTo);
    this.engine = await getEngine();
    if (this.isConnected) this.#compute();
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
    if (this.engine && ['values', 'padTo', 'padding'].some((k) => changed.has(k))) this.#compute();
  }

  updated() {
    markEnd('padding-demo');
  }

  /** (B, T, H) with the tokens in place and zeros after each sentence; and which rows are real. */
  #padded() {
    const H = this.hiddenSize;
    const T = this.padTo;
    const x = new Float32Array(this.lengths.length * T * H);
    const real = [];
    let token = 0;
    this.lengths.forEach((len, b) => {
      for (let p = 0; p < T; p++) {
        const row = b * T + p;
        if (p < len) {
          x.set(this.values.subarray(token * H, (token + 1) * H), row * H);
          real.push(row);
          token += 1;
        }
      }
    });
    return { x, real };
  }

  #compute() {
    markStart('padding-demo');
    const H = this.hiddenSize;
    const n = this.#tokenCount;
    const B = this.lengths.length;
    const T = this.padTo;
    const { x, real } = this.#padded();
    // outputs from the module, statistics from the engine's per-group moments over its plan
    const stats = (options, input, shape) => {
      const mod = this.engine.norm(options);
      try {
        const { output } = mod.forward(input, shape, { training: true });
        const plan = mod.plan(shape);
        const m = groupMoments(this.engine, input, plan.group, plan.statCount);
        return { output, mean: m.mean, variance: m.variance };
      } finally {
        mod.delete();
      }
    };
    const bn = { op: 'batch_norm', dims: 1, num_features: H };
    const ln = { op: 'layer_norm', normalized_shape: [H] };
    const pick = (output) => {
      const out = new Float32Array(n * H);
      real.forEach((row, i) => out.set(output.subarray(row * H, (row + 1) * H), i * H));
      return out;
    };
    const bnPad = stats(bn, x, [B * T, H]);
    const bnPacked = stats(bn, this.values, [n, H]);
    const lnPad = stats(ln, x, [B, T, H]);
    const lnPacked = stats(ln, this.values, [n, H]);
    this.result = {
      real,
      bnPad: { ...bnPad, realOutput: pick(bnPad.output) },
      bnPacked: { ...bnPacked, realOutput: bnPacked.output },
      lnPad: {
        ...lnPad,
        realOutput: pick(lnPad.output),
        realMean: real.map((row) => lnPad.mean[row]),
        realVar: real.map((row) => lnPad.variance[row]),
      },
      lnPacked: {
        ...lnPacked,
        realOutput: lnPacked.output,
        realMean: Array.from(lnPacked.mean),
        realVar: lnPacked.variance,
      },
    };
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

  #tokenNames() {
    const words = WORDS[this.lang] ?? WORDS.en;
    return this.lengths.flatMap((len, b) =>
      Array.from({ length: len }, (_, p) => ({ b, word: words[b % words.length][p] ?? `w${p}` })),
    );
  }

  #code() {
    const H = this.hiddenSize;
    const T = this.padTo;
    const { x } = this.#padded();
    const mask = this.lengths.map((len) => Array.from({ length: T }, (_, p) => p < len));
    return [
      'import torch',
      'from torch import nn',
      '',
      `x = ${tensorLiteral(x, [this.lengths.length, T, H], 4)}  # (B, T, H), zeros after each sentence`,
      `mask = torch.tensor([${mask.map((m) => `[${m.map((v) => pyValue(v)).join(', ')}]`).join(', ')}])  # real tokens`,
      `bn, ln = nn.BatchNorm1d(${H}), nn.LayerNorm(${H})`,
      `tokens = x.reshape(-1, ${H})  # every position, padding included`,
      'y_bn = bn(tokens)  # per-feature statistics over all B*T positions',
      'print(tokens.mean(0), tokens.var(0, unbiased=False))',
      'print(x[mask].mean(0), x[mask].var(0, unbiased=False))  # the real tokens only: different',
      'print(torch.equal(ln(x)[mask], ln(x[mask])))  # True: a token never sees another token',
    ].join('\n');
  }

  render() {
    const lang = this.lang;
    const H = this.hiddenSize;
    const n = this.#tokenCount;
    const B = this.lengths.length;
    const T = this.padTo;
    const r = this.result;
    const names = this.#tokenNames();
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
      ${r ? this.#results(r, names, on, B, T, H, n) : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`}
      <pytorch-code .code=${this.#code()}></pytorch-code>
    `;
  }

  #results(r, names, on, B, T, H, n) {
    const lang = this.lang;
    const bn = on ? r.bnPad : r.bnPacked;
    const lnr = on ? r.lnPad : r.lnPacked;
    const changedBn = Array.from(r.bnPad.mean, (m, j) => !Object.is(m, r.bnPacked.mean[j]));
    const changedBnVar = Array.from(
      r.bnPad.variance,
      (v, j) => !Object.is(v, r.bnPacked.variance[j]),
    );
    const changedLn = r.lnPad.realMean.map((m, i) => !Object.is(m, r.lnPacked.realMean[i]));
    const count = (list) => list.filter(Boolean).length;
    const groups = new Int32Array(B * T * H).fill(7);
    let i = 0;
    for (const row of r.real) {
      groups.fill(names[i].b, row * H, (row + 1) * H);
      i += 1;
    }
    const padded = on ? this.#padded().x : null;
    return html`
      ${
        on
          ? html`<p class="caption">${t(lang, TEXT.padded)(B, T, H)}</p>
              <tensor-editor
                readonly
                label="x_padded"
                .shape=${[B, T, H]}
                .values=${padded}
                .groups=${groups}
              ></tensor-editor>`
          : html`<p class="caption">${t(lang, TEXT.packed)(n, H)}</p>`
      }
      <p class="summary" aria-live="polite">
        ${t(lang, TEXT.summary)(count(changedBn), H, count(changedLn), n)}
      </p>
      <h3>${t(lang, TEXT.bnHeading)(H)}</h3>
      <div class="scroll">
        <table class="bn-stats">
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.feature)}</th>
              <th scope="col">${t(lang, TEXT.mean)}</th>
              <th scope="col">${t(lang, TEXT.var)}</th>
              ${
                on
                  ? html`<th scope="col">${t(lang, TEXT.mean)} ${t(lang, TEXT.withoutPad)}</th>
                      <th scope="col">${t(lang, TEXT.var)} ${t(lang, TEXT.withoutPad)}</th>`
                  : nothing
              }
            </tr>
          </thead>
          <tbody>
            ${Array.from(
              { length: H },
              (_, j) =>
                html`<tr>
                  <td>${j}</td>
                  <td class=${on && changedBn[j] ? 'changed mean' : 'mean'}>
                    ${formatNumber(bn.mean[j])}
                  </td>
                  <td class=${on && changedBnVar[j] ? 'changed var' : 'var'}>
                    ${formatNumber(bn.variance[j])}
                  </td>
                  ${
                    on
                      ? html`<td>${formatNumber(r.bnPacked.mean[j])}</td>
                          <td>${formatNumber(r.bnPacked.variance[j])}</td>`
                      : nothing
                  }
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h3>${t(lang, TEXT.lnHeading)(H)}</h3>
      <div class="scroll">
        <table class="ln-stats">
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.token)}</th>
              <th scope="col">${t(lang, TEXT.mean)}</th>
              <th scope="col">${t(lang, TEXT.var)}</th>
            </tr>
          </thead>
          <tbody>
            ${names.map(
              ({ b, word }, k) =>
                html`<tr>
                  <td>${t(lang, TEXT.sentence)} ${b} · ${word}</td>
                  <td class="mean">${formatNumber(lnr.realMean[k])}</td>
                  <td class="var">${formatNumber(lnr.realVar[k])}</td>
                </tr>`,
            )}
            ${
              on
                ? Array.from({ length: B * T }, (_, row) => row)
                    .filter((row) => !r.real.includes(row))
                    .map(
                      (row) =>
                        html`<tr class="pad-row">
                          <td>
                            ${t(lang, TEXT.sentence)} ${Math.floor(row / T)} · ${t(lang, TEXT.pad)}
                          </td>
                          <td>${formatNumber(r.lnPad.mean[row])}</td>
                          <td>${formatNumber(r.lnPad.variance[row])}</td>
                        </tr>`,
                    )
                : nothing
            }
          </tbody>
        </table>
      </div>
      <div class="outputs">
        <div>
          <p class="caption">${t(lang, TEXT.bnOut)}</p>
          <tensor-editor
            readonly
            label="bn_out"
            .shape=${[n, H]}
            .values=${bn.realOutput}
          ></tensor-editor>
        </div>
        <div>
          <p class="caption">${t(lang, TEXT.lnOut)}</p>
          <tensor-editor
            readonly
            label="ln_out"
            .shape=${[n, H]}
            .values=${lnr.realOutput}
          ></tensor-editor>
        </div>
      </div>
    `;
  }
}

customElements.define('padding-demo', PaddingDemo);
