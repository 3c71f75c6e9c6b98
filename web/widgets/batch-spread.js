// <batch-spread>: how much the mean that normalizes a sample moves from one random batch to the
// next, against the batch size, for BatchNorm (the batch's mean of each channel) and GroupNorm (the
// sample's own mean of each group). Every point is computed by the C++ experiment
// (cpp/src/demos/batch_spread.cpp), which runs the library's BatchNorm and GroupNorm on K random batches
// of each size drawn from a fixed, seeded dataset.
//   <batch-spread batches="100" groups="2"></batch-spread>
import { LitElement, html, svg, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { scaleLog, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { hostStyle } from './shared/host-style.js';
import { markStart, markEnd } from './shared/measure.js';
import { controlsStyle } from './shared/controls-style.js';
import { textField } from './shared/text-field.js';
import { getEngine } from '../engine/shared.js';
import { batchSpread } from '../engine/batch-spread.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { parseInteger } from '../model/parse.js';
import { t, formatNumber } from '../i18n.js';
import './pytorch-code/index.js';

const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64];
const DATASET = { datasetSize: 512, channels: 8, spatial: 16 };
// K batches of 7 sizes cost about 0.15 ms per batch in Wasm: 400 keeps a redraw near 60 ms
const MAX_BATCHES = 400;

const TEXT = {
  batches: { zh: '每种批大小抽取的批数 K', en: 'Batches K per batch size' },
  batchesRange: {
    zh: `K 是 2 到 ${MAX_BATCHES} 之间的整数`,
    en: `K is a whole number from 2 to ${MAX_BATCHES}`,
  },
  groups: { zh: 'GroupNorm 的组数 G（C = 8）', en: 'GroupNorm groups G (C = 8)' },
  groupsNumber: {
    zh: '组数必须是整数',
    en: 'The number of groups must be a whole number',
  },
  spread: { zh: '样本之间的差异', en: 'How different the samples are' },
  redraw: { zh: '重新抽取批次', en: 'Draw new batches' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  xAxis: { zh: '批大小 B（对数坐标）', en: 'batch size B (log scale)' },
  yAxis: { zh: '均值在批次间的标准差', en: 'std of the mean across batches' },
  bn: { zh: 'BN：批内每个通道的均值', en: 'BN: the batch’s mean of each channel' },
  gn: { zh: 'GN：样本自己每组的均值', en: 'GN: the sample’s own mean of each group' },
  picture: {
    zh: (s) =>
      `折线图：BN 的均值波动从 B = 1 时的 ${s.bn1} 降到 B = 64 时的 ${s.bn64}；GN 的均值波动在 ${s.gnMin} 到 ${s.gnMax} 之间，与批大小无关。`,
    en: (s) =>
      `Line chart: BN's spread falls from ${s.bn1} at B = 1 to ${s.bn64} at B = 64; GN's stays between ${s.gnMin} and ${s.gnMax} whatever the batch size.`,
  },
  table: { zh: '图中的数值', en: 'The numbers in the chart' },
  colB: { zh: '批大小 B', en: 'batch size B' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

// the chart's coordinate width follows the widget's, so its text stays near its CSS size on phones
const WIDE = 600;
const NARROW = 360;
const M = { left: 58, right: 18, top: 20, bottom: 50 };

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
    texts: { state: true },
    fieldErrors: { state: true },
    narrow: { state: true },
  };

  static styles = [
    hostStyle,
    controlsStyle,
    css`
      :host {
        display: block;
        margin: 0.8em 0;
      }
      .chart {
        max-width: 40em;
      }
      .grid line {
        stroke: var(--nl-border, #c8cdd6);
        stroke-width: 0.7;
      }
      .tick {
        font-size: 12px;
      }
      .axis-title {
        font-size: 12px;
        fill: var(--nl-muted, #5b6472);
      }
      .bn {
        stroke: var(--nl-accent, #1f5fcc);
        fill: var(--nl-accent, #1f5fcc);
      }
      .gn {
        stroke: var(--nl-ok, #1b7f3b);
        fill: var(--nl-ok, #1b7f3b);
      }
      path.bn,
      path.gn {
        fill: none;
        stroke-width: 2.5;
      }
      path.gn {
        stroke-dasharray: 7 4;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em 1.2em;
        font-size: 0.9em;
        margin: 0.3em 0;
      }
      .key {
        display: inline-block;
        width: 2em;
        height: 0;
        vertical-align: middle;
        margin-right: 0.4em;
        border-top: 3px solid var(--nl-accent, #1f5fcc);
      }
      .key.gn {
        border-top: 3px dashed var(--nl-ok, #1b7f3b);
      }
      .summary {
        margin: 0.4em 0;
      }
      input[type='range'] {
        width: 12em;
      }
    `,
  ];

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
    this.texts = {};
    this.fieldErrors = {};
    this.narrow = false;
    this.engine = null;
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

  async connectedCallback() {
    super.connectedCallback();
    this.#resize.observe(this);
    this.engine = await getEngine();
    this.requestUpdate();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  #run(overrides = {}) {
    const o = {
      batches: this.batches,
      groups: this.groups,
      seed: this.seed,
      sampleSpread: this.sampleSpread,
      ...overrides,
    };
    const r = batchSpread(this.engine, {
      ...DATASET,
      batchSizes: BATCH_SIZES,
      batches: o.batches,
      numGroups: o.groups,
      seed: o.seed,
      sampleSpread: o.sampleSpread,
      pixelNoise: 1,
    });
    return { ...r, key: JSON.stringify(o) };
  }

  #typed = new Map();

  willUpdate(changed) {
    for (const key of ['batches', 'groups']) {
      if ((changed.has(key) && this.#typed.get(key) !== this[key]) || this.texts[key] === undefined)
        this.texts = { ...this.texts, [key]: String(this[key]) };
    }
    this.#typed.clear();
    if (!this.engine) return;
    const key = JSON.stringify({
      batches: this.batches,
      groups: this.groups,
      seed: this.seed,
      sampleSpread: this.sampleSpread,
    });
    if (this.result?.key === key) return;
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

  /** A field's new value is tried on the engine first; a refusal leaves the chart as it was. */
  #tryField(key, value) {
    if (!this.engine) return;
    try {
      markStart('batch-spread');
      this.result = this.#run({ [key]: value });
      this.fieldErrors = { ...this.fieldErrors, [key]: '' };
      this.#typed.set(key, value);
      this[key] = value;
    } catch (err) {
      this.fieldErrors = { ...this.fieldErrors, [key]: err.message };
    }
  }

  #onText(key, event) {
    const text = event.target.value;
    this.texts = { ...this.texts, [key]: text };
    const v = parseInteger(text);
    if (v === null) {
      this.fieldErrors = {
        ...this.fieldErrors,
        [key]: t(this.lang, key === 'batches' ? TEXT.batchesRange : TEXT.groupsNumber),
      };
      return;
    }
    if (key === 'batches' && (v < 2 || v > MAX_BATCHES)) {
      this.fieldErrors = { ...this.fieldErrors, batches: t(this.lang, TEXT.batchesRange) };
      return;
    }
    this.#tryField(key, v);
  }

  #chart(r) {
    const WIDTH = this.narrow ? NARROW : WIDE;
    const HEIGHT = this.narrow ? 300 : 330;
    const x = scaleLog()
      .base(2)
      .domain([BATCH_SIZES[0], BATCH_SIZES[BATCH_SIZES.length - 1]])
      .range([M.left, WIDTH - M.right]);
    const top = Math.max(...r.bn, ...r.gn, 1e-6);
    const y = scaleLinear()
      .domain([0, top * 1.08])
      .nice()
      .range([HEIGHT - M.bottom, M.top]);
    const points = (values) => BATCH_SIZES.map((b, i) => [x(b), y(values[i])]);
    const path = line();
    const lang = this.lang;
    const yTicks = y.ticks(5);
    const f = formatNumber;
    const summary = {
      bn1: f(r.bn[0]),
      bn64: f(r.bn[r.bn.length - 1]),
      gnMin: f(Math.min(...r.gn)),
      gnMax: f(Math.max(...r.gn)),
    };
    return html`<svg
      class="chart"
      viewBox="0 0 ${WIDTH} ${HEIGHT}"
      role="img"
      aria-label=${t(lang, TEXT.picture)(summary)}
    >
      <g class="grid">
        ${yTicks.map(
          (v) =>
            svg`<line x1=${M.left} x2=${WIDTH - M.right} y1=${y(v)} y2=${y(v)}></line>
              <text class="tick" x=${M.left - 6} y=${y(v) + 4} text-anchor="end">${f(v)}</text>`,
        )}
        ${BATCH_SIZES.map(
          (b) =>
            svg`<line x1=${x(b)} x2=${x(b)} y1=${HEIGHT - M.bottom} y2=${HEIGHT - M.bottom + 5}></line>
              <text class="tick" x=${x(b)} y=${HEIGHT - M.bottom + 19} text-anchor="middle">${b}</text>`,
        )}
      </g>
      <text
        class="axis-title"
        x=${(M.left + WIDTH - M.right) / 2}
        y=${HEIGHT - 8}
        text-anchor="middle"
      >
        ${t(lang, TEXT.xAxis)}
      </text>
      <text
        class="axis-title"
        transform="translate(14 ${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)"
        text-anchor="middle"
      >
        ${t(lang, TEXT.yAxis)}
      </text>
      <path class="bn" d=${path(points(r.bn))}></path>
      <path class="gn" d=${path(points(r.gn))}></path>
      ${points(r.bn).map(([px, py]) => svg`<circle class="bn" cx=${px} cy=${py} r="4"></circle>`)}
      ${points(r.gn).map(
        ([px, py]) => svg`<rect class="gn" x=${px - 4} y=${py - 4} width="8" height="8"></rect>`,
      )}
    </svg>`;
  }

  #code() {
    return [
      'import torch',
      'from torch import nn',
      '',
      '# The same experiment in PyTorch (its random numbers differ from the page, its trend does not)',
      'torch.manual_seed(0)',
      `D, C, S, G, K = ${DATASET.datasetSize}, ${DATASET.channels}, ${DATASET.spatial}, ${this.groups}, ${this.batches}`,
      `data = ${this.sampleSpread} * torch.randn(D, C, 1) + torch.randn(D, C, S)  # each sample its own level per channel`,
      'bn = nn.BatchNorm1d(C, track_running_stats=False)',
      'gn = nn.GroupNorm(G, C)',
      `for B in ${JSON.stringify(BATCH_SIZES).replace(/,/g, ', ')}:`,
      '    bn_means, gn_means = [], []',
      '    for _ in range(K):',
      '        x = data[torch.randperm(D)[:B]]',
      '        bn_means.append(x.mean(dim=(0, 2)))            # what BN normalizes with: one per channel',
      '        gn_means.append(x.view(B, G, -1).mean(dim=2))  # what GN normalizes with: one per sample and group',
      '    bn_spread = torch.stack(bn_means).std(dim=0).mean()',
      '    gn_spread = torch.cat(gn_means).std(dim=0).mean()',
      "    print(B, f'{bn_spread:.4f}', f'{gn_spread:.4f}')",
    ].join('\n');
  }

  #field(key, label) {
    return textField({
      key,
      label,
      inputmode: 'numeric',
      value: this.texts[key],
      error: this.fieldErrors[key],
      onInput: (e) => this.#onText(key, e),
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
    const f = formatNumber;
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
      ${this.#chart(r)}
      <p class="summary" aria-live="polite">
        ${t(
          lang,
          TEXT.picture,
        )({
          bn1: f(r.bn[0]),
          bn64: f(r.bn[r.bn.length - 1]),
          gnMin: f(Math.min(...r.gn)),
          gnMax: f(Math.max(...r.gn)),
        })}
      </p>
      <details>
        <summary>${t(lang, TEXT.table)}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.colB)}</th>
              <th scope="col">BN</th>
              <th scope="col">GN</th>
            </tr>
          </thead>
          <tbody>
            ${BATCH_SIZES.map(
              (b, i) =>
                html`<tr>
                  <td>${b}</td>
                  <td>${f(r.bn[i])}</td>
                  <td>${f(r.gn[i])}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </details>
      <pytorch-code .code=${this.#code()}></pytorch-code>
    `;
  }
}

customElements.define('batch-spread', BatchSpread);
