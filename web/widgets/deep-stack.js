// <deep-stack>: a batch through a deep stack of random linear layers, h <- act(norm(W h)), with a
// histogram of every layer's values. The engine (cpp/src/demos/deep_stack.cpp) draws the seeded weights,
// runs the layers through the project's own BatchNorm/LayerNorm kernels and returns each layer's
// histogram, mean and standard deviation; this element only draws them (d3 scales and shapes).
// Without a norm the values grow or shrink by about `gain` per layer; with one they do not.
//   <deep-stack depth="12" width="32" gain="1.5" norm="none" activation="linear"></deep-stack>
import { LitElement, html, svg, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { scaleLinear, scaleLog } from 'd3-scale';
import { area, line, curveStepAfter } from 'd3-shape';
import { max } from 'd3-array';
import { hostStyle } from './shared/host-style.js';
import { getEngine } from '../engine/shared.js';
import { DeepStackRunner } from '../engine/deep-stack.js';
import { ConnectedHandle } from '../controllers/connected-handle.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import { gaussianValues, resizeRows, controlStyle } from './shared/dynamics-kit.js';
import { markStart, markEnd } from './shared/measure.js';
import { parseNumber, parseInteger } from '../model/parse.js';
import './tensor-editor/index.js';
import './pytorch-code.js';

const NORMS = ['none', 'batch_norm', 'layer_norm'];
const ACTIVATIONS = ['linear', 'tanh', 'relu'];
const WIDTHS = [8, 16, 32, 64];
const RANGES = [1, 3, 10];
const LIMITS = { depth: [1, 60], gain: [0, 4], batch: [1, 64] };
const BINS = 30;

const TEXT = {
  depth: { zh: '层数', en: 'Depth (layers)' },
  width: { zh: '宽度（每层特征数）', en: 'Width (features per layer)' },
  gain: { zh: '权重尺度 g：W ~ N(0, g²/宽度)', en: 'Weight scale g: W ~ N(0, g²/width)' },
  batch: { zh: '批大小', en: 'Batch size' },
  norm: { zh: '每层之后的归一化', en: 'Normalization after each layer' },
  normNames: {
    none: { zh: '无', en: 'None' },
    batch_norm: { zh: 'BatchNorm', en: 'BatchNorm' },
    layer_norm: { zh: 'LayerNorm', en: 'LayerNorm' },
  },
  activation: { zh: '激活函数', en: 'Activation' },
  actNames: {
    linear: { zh: '无（纯线性）', en: 'None (linear)' },
    tanh: { zh: 'tanh', en: 'tanh' },
    relu: { zh: 'ReLU', en: 'ReLU' },
  },
  range: { zh: '直方图范围 ±', en: 'Histogram range ±' },
  slider: { zh: '滑块', en: 'slider' },
  newWeights: { zh: '重新抽取权重', en: 'New weights' },
  newInput: { zh: '重新抽取输入', en: 'New input' },
  bad: {
    depth: {
      zh: '层数必须是 1 到 60 之间的整数；仍在使用上一个有效值',
      en: 'the depth must be a whole number from 1 to 60; the last valid value is still in use',
    },
    gain: {
      zh: '权重尺度必须是 0 到 4 之间的数；仍在使用上一个有效值',
      en: 'the weight scale must be a number from 0 to 4; the last valid value is still in use',
    },
    batch: {
      zh: '批大小必须是 1 到 64 之间的整数；仍在使用上一个有效值',
      en: 'the batch size must be a whole number from 1 to 64; the last valid value is still in use',
    },
  },
  ridge: {
    zh: (norm) => `每一层数值的直方图（${norm}）：从上到下是输入 x 和第 1、2、… 层`,
    en: (norm) =>
      `Histogram of every layer’s values (${norm}): the input x at the top, then layers 1, 2, …`,
  },
  ridgeLabel: {
    zh: (norm, n, s0, sl) => `${norm}：输入的标准差 ${s0}，第 ${n} 层的标准差 ${sl}`,
    en: (norm, n, s0, sl) => `${norm}: standard deviation ${s0} at the input, ${sl} at layer ${n}`,
  },
  outside: { zh: '范围外', en: 'outside' },
  stdChart: {
    zh: '每层的标准差（对数坐标），三种设置使用同一组权重',
    en: 'Standard deviation per layer (log scale), the same weights for all three',
  },
  layer: { zh: '层', en: 'layer' },
  summary: {
    zh: (name, s0, n, sl) => `${name}：标准差从输入的 ${s0} 变为第 ${n} 层的 ${sl}。`,
    en: (name, s0, n, sl) => `${name}: standard deviation ${s0} at the input, ${sl} at layer ${n}.`,
  },
  failed: { zh: (name, m) => `${name}：${m}`, en: (name, m) => `${name}: ${m}` },
  table: { zh: '每层的数值（当前设置）', en: 'Numbers per layer (current setting)' },
  mean: { zh: '均值', en: 'mean' },
  std: { zh: '标准差', en: 'std' },
  below: { zh: '< −范围', en: '< −range' },
  above: { zh: '> 范围', en: '> range' },
  nan: { zh: 'NaN', en: 'NaN' },
  input: {
    zh: (n, w) => `修改输入批次 x (${n}, ${w})`,
    en: (n, w) => `Edit the input batch x (${n}, ${w})`,
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

const NORM_CLASS = { none: 'line-none', batch_norm: 'line-bn', layer_norm: 'line-ln' };

export class DeepStack extends LitElement {
  static properties = {
    lang: { type: String },
    depth: { type: Number },
    width: { type: Number },
    gain: { type: Number },
    batch: { type: Number },
    norm: { type: String },
    activation: { type: String },
    range: { type: Number },
    seed: { type: Number },
    values: { attribute: false },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    runs: { state: true },
    shown: { state: true },
    texts: { state: true },
    errors: { state: true },
    inputErrors: { state: true },
    editing: { state: true },
    chartWidth: { state: true },
  };

  static styles = [
    hostStyle,
    controlStyle,
    css`
      .pair {
        display: flex;
        align-items: center;
        gap: 0.4em;
      }
      .pair input:not([type]) {
        width: 4.5em;
      }
      .radios {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2em 0.8em;
      }
      .ridge path.hist {
        fill: color-mix(in srgb, var(--nl-accent, #1f5fcc) 30%, transparent);
        stroke: var(--nl-accent, #1f5fcc);
        stroke-width: 1;
      }
      .ridge rect.overflow {
        fill: var(--nl-error, #b3261e);
        opacity: 0.75;
      }
      .ridge line.base,
      .axis line {
        stroke: var(--nl-border, #c8cdd6);
      }
      .std path {
        fill: none;
        stroke-width: 2;
      }
      .line-none {
        stroke: var(--nl-error, #b3261e);
        color: var(--nl-error, #b3261e);
      }
      .line-bn {
        stroke: var(--nl-accent, #1f5fcc);
        color: var(--nl-accent, #1f5fcc);
      }
      .line-ln {
        stroke: var(--nl-ok, #1b7f3b);
        color: var(--nl-ok, #1b7f3b);
      }
      .line-ln.dashed {
        stroke-dasharray: 6 4;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em 1em;
        font-size: 0.85em;
      }
      .swatch {
        display: inline-block;
        width: 1.4em;
        border-top: 3px solid;
        vertical-align: middle;
        margin-right: 0.3em;
      }
      .summary p {
        margin: 0.2em 0;
      }
      details {
        margin: 0.5em 0;
      }
    `,
  ];

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.depth = 12;
    this.width = 32;
    this.gain = 1.5;
    this.batch = 32;
    this.norm = 'none';
    this.activation = 'linear';
    this.range = 3;
    this.seed = 1;
    this.values = null;
    this.stateKey = '';
    this.stateNotice = '';
    this.runs = null;
    this.shown = null;
    this.texts = null;
    this.errors = {};
    this.inputErrors = {};
    this.editing = false;
    this.chartWidth = 0;
    this.engine = null;
    // the engine's runner (its weights and buffers), kept between recomputes while on the page
    this.runner = new ConnectedHandle(this);
    new HashStateController(this, {
      depth: codec.int(...LIMITS.depth),
      width: codec.oneOf(WIDTHS.map(String)),
      gain: codec.number(...LIMITS.gain),
      batch: codec.int(...LIMITS.batch),
      norm: codec.oneOf(NORMS),
      activation: codec.oneOf(ACTIVATIONS),
      range: codec.number(0.001, 1000),
      seed: codec.int(0, 2 ** 31),
      values: codec.floats,
    });
  }

  acceptState(prop, value) {
    if (prop === 'values') return value.length === this.batch * Number(this.width);
    return true;
  }

  async connectedCallback() {
    super.connectedCallback();
    this.width = WIDTHS.includes(Number(this.width)) ? Number(this.width) : 32;
    if (!NORMS.includes(this.norm)) this.norm = 'none';
    if (!ACTIVATIONS.includes(this.activation)) this.activation = 'linear';
    const clamp = (v, [lo, hi], fallback) =>
      Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
    this.depth = Math.round(clamp(this.depth, LIMITS.depth, 12));
    this.gain = clamp(this.gain, LIMITS.gain, 1.5);
    this.batch = Math.round(clamp(this.batch, LIMITS.batch, 32));
    if (!(this.range > 0)) this.range = 3;
    this.texts ??= {
      depth: String(this.depth),
      gain: String(this.gain),
      batch: String(this.batch),
    };
    this.engine = await getEngine();
    if (this.isConnected) this.#compute();
  }

  /** The charts are drawn at the widget's own width, so their text keeps its size on a phone. */
  firstUpdated() {
    this.resizer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      if (Math.abs(width - this.chartWidth) > 4) this.chartWidth = width;
    });
    this.resizer.observe(this);
  }

  get #svgWidth() {
    return Math.max(300, Math.min(760, this.chartWidth || 620));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizer?.disconnect();
  }

  #fill(n) {
    return gaussianValues(n, this.seed * 977 + 1, { mean: [0], variance: [1] });
  }

  willUpdate(changed) {
    const n = this.batch * this.width;
    if (this.values?.length !== n) this.values = this.#fill(n);
    const inputs = ['depth', 'width', 'gain', 'batch', 'norm', 'activation', 'range', 'seed'];
    if (this.engine && [...inputs, 'values'].some((k) => changed.has(k))) this.#compute();
  }

  updated() {
    markEnd('deep-stack');
  }

  /** All three norms on the same weights and input: the std chart compares them. */
  #compute() {
    // off the page (a property set in the task that removed it) there is nothing to show
    const runner = this.runner.value ?? this.runner.replace(() => new DeepStackRunner(this.engine));
    if (!runner) return;
    markStart('deep-stack');
    const runs = {};
    const errors = {};
    for (const norm of NORMS) {
      const options = {
        depth: this.depth,
        width: this.width,
        gain: this.gain,
        seed: this.seed,
        norm,
        activation: this.activation,
        bins: BINS,
        range: this.range,
      };
      try {
        runs[norm] = runner.run(options, this.values, this.batch);
      } catch (err) {
        errors[norm] = err.message;
      }
    }
    this.runs = runs;
    this.errors = errors;
    // a failed run keeps the last picture on screen, beside its message
    if (runs[this.norm]) this.shown = { norm: this.norm, run: runs[this.norm] };
  }

  #onText(key, text) {
    this.texts = { ...this.texts, [key]: text };
    // decimal numbers only (model/parse.js): Number() would take "0x1" as 1
    const v = key === 'gain' ? parseNumber(text) : parseInteger(text);
    const [lo, hi] = LIMITS[key];
    const ok = v !== null && Number.isFinite(v) && v >= lo && v <= hi;
    this.inputErrors = { ...this.inputErrors, [key]: !ok };
    if (!ok || v === this[key]) return;
    if (key === 'batch')
      this.values = resizeRows(this.values, this.width, v, this.width, this.#fill(v * this.width));
    this[key] = v;
  }

  #onWidth(w) {
    const width = Number(w);
    this.values = resizeRows(
      this.values,
      this.width,
      this.batch,
      width,
      this.#fill(this.batch * width),
    );
    this.width = width;
  }

  // ---- drawing --------------------------------------------------------------------------------

  #ridge() {
    const lang = this.lang;
    const { norm, run } = this.shown;
    const layers = run.layers;
    const W = this.#svgWidth;
    const rowGap = Math.max(9, Math.min(26, 520 / layers.length));
    const top = 14;
    const H = top + rowGap * layers.length + 34;
    const left = 46;
    const right = 72; // room for "σ 8.47e−4"
    const side = 26; // the overflow bars' columns
    const x = scaleLinear()
      .domain([-run.range, run.range])
      .range([left + side + 6, W - right - side - 6]);
    const binWidth = (2 * run.range) / run.bins;
    const height = rowGap - 2; // rows do not overlap: each layer's bars stay in its own band
    const rows = layers.map((layer, l) => {
      const base = top + rowGap * (l + 1);
      const peak = Math.max(1, max(layer.counts), layer.under, layer.over);
      const y = (c) => base - (c / peak) * height;
      const points = Array.from(layer.counts, (c, i) => [x(-run.range + i * binWidth), y(c)]);
      points.push([x(run.range), y(layer.counts[run.bins - 1])]);
      const d = area()
        .x((p) => p[0])
        .y0(base)
        .y1((p) => p[1])
        .curve(curveStepAfter)(points);
      const bar = (count, x0) =>
        count
          ? svg`<rect class="overflow" x=${x0} width=${side - 4} y=${y(count)} height=${base - y(count)}></rect>`
          : nothing;
      return svg`<g class="layer" data-layer=${l}>
        <line class="base" x1=${left} x2=${W - right} y1=${base} y2=${base}></line>
        <path class="hist" d=${d}></path>
        ${bar(layer.under, left + 2)} ${bar(layer.over, W - right - side + 2)}
        <text x=${left - 6} y=${base} text-anchor="end">${l === 0 ? 'x' : l}</text>
        <text x=${W - right + 6} y=${base} text-anchor="start">σ ${formatNumber(layer.std, 3)}</text>
      </g>`;
    });
    const axisY = top + rowGap * layers.length + 16;
    const last = layers.at(-1);
    const name = t(lang, TEXT.normNames[norm]);
    const label = t(lang, TEXT.ridgeLabel)(
      name,
      layers.length - 1,
      formatNumber(layers[0].std),
      formatNumber(last.std),
    );
    return html`<p class="caption">${t(lang, TEXT.ridge)(name)}</p>
      <svg class="ridge" viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
        ${rows}
        <g class="axis">
          ${x
            .ticks(5)
            .map(
              (v) => svg`<text x=${x(v)} y=${axisY} text-anchor="middle">${formatNumber(v)}</text>`,
            )}
          <text x=${left + side / 2} y=${axisY} text-anchor="middle">&lt;</text>
          <text x=${W - right - side / 2} y=${axisY} text-anchor="middle">&gt;</text>
          <text x=${W / 2} y=${axisY + 14} text-anchor="middle" class="muted">
            ${t(lang, TEXT.outside)}: ${`< −${formatNumber(run.range)}`},
            ${`> ${formatNumber(run.range)}`}
          </text>
        </g>
      </svg>`;
  }

  #stdChart() {
    const lang = this.lang;
    const W = this.#svgWidth;
    const H = 220;
    const m = { l: 56, r: 12, t: 10, b: 28 };
    const runs = NORMS.filter((n) => this.runs[n]).map((n) => ({ norm: n, run: this.runs[n] }));
    const finite = runs.flatMap(({ run }) =>
      run.layers.map((l) => l.std).filter((s) => Number.isFinite(s) && s > 0),
    );
    const lo = finite.length ? Math.min(...finite) : 0.1;
    const hi = finite.length ? Math.max(...finite) : 10;
    const y = scaleLog()
      .domain([Math.min(lo, 0.5), Math.max(hi, 2)])
      .nice()
      .clamp(true)
      .range([H - m.b, m.t]);
    const x = scaleLinear()
      .domain([0, this.depth])
      .range([m.l, W - m.r]);
    const path = (run) =>
      line()
        .defined((l) => Number.isFinite(l.std) && l.std > 0)
        .x((_, i) => x(i))
        .y((l) => y(l.std))(run.layers);
    const ticks = y.ticks(4).filter((v, i, all) => all.length <= 6 || i % 2 === 0);
    return html`<p class="caption">${t(lang, TEXT.stdChart)}</p>
      <div class="legend">
        ${runs.map(
          ({ norm }) =>
            html`<span
              ><span class="swatch ${NORM_CLASS[norm]}"></span
              >${t(lang, TEXT.normNames[norm])}</span
            >`,
        )}
      </div>
      <svg class="std" viewBox="0 0 ${W} ${H}" role="img" aria-label=${t(lang, TEXT.stdChart)}>
        <g class="axis">
          <line x1=${m.l} x2=${W - m.r} y1=${H - m.b} y2=${H - m.b}></line>
          <line x1=${m.l} x2=${m.l} y1=${m.t} y2=${H - m.b}></line>
          ${ticks.map(
            (v) =>
              svg`<text x=${m.l - 4} y=${y(v) + 4} text-anchor="end">${formatNumber(v, 2)}</text>`,
          )}
          ${x
            .ticks(Math.min(10, this.depth))
            .map((v) => svg`<text x=${x(v)} y=${H - 10} text-anchor="middle">${v}</text>`)}
          <text x=${W - m.r} y=${H - m.b - 4} text-anchor="end">${t(lang, TEXT.layer)}</text>
        </g>
        ${runs.map(
          ({ norm, run }) =>
            svg`<path class="${NORM_CLASS[norm]} ${norm === 'layer_norm' ? 'dashed' : ''}" d=${path(run)}></path>`,
        )}
      </svg>`;
  }

  #table() {
    const lang = this.lang;
    const { run } = this.shown;
    return html`<details>
      <summary>${t(lang, TEXT.table)}</summary>
      <div class="scroll">
        <table class="layers">
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.layer)}</th>
              <th scope="col">${t(lang, TEXT.mean)}</th>
              <th scope="col">${t(lang, TEXT.std)}</th>
              <th scope="col">${t(lang, TEXT.below)}</th>
              <th scope="col">${t(lang, TEXT.above)}</th>
              <th scope="col">${t(lang, TEXT.nan)}</th>
            </tr>
          </thead>
          <tbody>
            ${run.layers.map(
              (l, i) =>
                html`<tr>
                  <td>${i === 0 ? 'x' : i}</td>
                  <td>${formatNumber(l.mean)}</td>
                  <td class="std">${formatNumber(l.std)}</td>
                  <td>${l.under}</td>
                  <td>${l.over}</td>
                  <td>${l.nan}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
  }

  #code() {
    const norm = {
      none: '',
      batch_norm: `nn.BatchNorm1d(${this.width})`,
      layer_norm: `nn.LayerNorm(${this.width})`,
    }[this.norm];
    const act = { linear: '', tanh: 'nn.Tanh()', relu: 'nn.ReLU()' }[this.activation];
    const block = ['nn.Linear(width, width, bias=False)', norm, act].filter(Boolean).join(', ');
    return [
      'import torch',
      'from torch import nn',
      '',
      `depth, width, g = ${this.depth}, ${this.width}, ${this.gain}`,
      `layers = [nn.Sequential(${block}) for _ in range(depth)]`,
      'for block in layers:',
      '    nn.init.normal_(block[0].weight, std=g / width ** 0.5)',
      `h = torch.randn(${this.batch}, width)  # the same experiment; the random draws differ`,
      'with torch.no_grad():',
      '    for i, block in enumerate(layers, 1):',
      this.norm === 'batch_norm'
        ? '        h = block(h)  # BatchNorm in training mode: batch statistics'
        : '        h = block(h)',
      `        hist = torch.histc(h, bins=${BINS}, min=-${this.range}, max=${this.range}).int().tolist()`,
      `        below, above = (h < -${this.range}).sum().item(), (h > ${this.range}).sum().item()`,
      '        print(i, round(h.std(unbiased=False).item(), 4), below, hist, above)',
    ].join('\n');
  }

  render() {
    const lang = this.lang;
    if (!this.runs) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    const bad = this.inputErrors;
    const textField = (key, label, extra = nothing) =>
      html`<div class="field">
        <label for="field-${key}">${label}</label>
        <span class="pair"
          ><input
            id="field-${key}"
            name=${key}
            inputmode="decimal"
            autocomplete="off"
            .value=${this.texts[key]}
            aria-invalid=${bad[key] ? 'true' : 'false'}
            @input=${(e) => this.#onText(key, e.target.value)}
          />${extra}</span
        >
      </div>`;
    const slider = (key, min, maxValue, step) =>
      html`<input
        type="range"
        name="${key}-slider"
        aria-label="${t(lang, TEXT[key])} (${t(lang, TEXT.slider)})"
        min=${min}
        max=${maxValue}
        step=${step}
        .value=${String(this[key])}
        @input=${(e) => {
          this.texts = { ...this.texts, [key]: e.target.value };
          this.inputErrors = { ...this.inputErrors, [key]: false };
          this[key] = Number(e.target.value);
        }}
      />`;
    return html`
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <div class="controls">
        ${textField('depth', t(lang, TEXT.depth), slider('depth', 1, 60, 1))}
        ${textField('gain', t(lang, TEXT.gain), slider('gain', 0, 4, 0.05))}
        ${textField('batch', t(lang, TEXT.batch))}
        <label class="field"
          >${t(lang, TEXT.width)}
          <select name="width" @change=${(e) => this.#onWidth(e.target.value)}>
            ${WIDTHS.map((w) => html`<option value=${w} ?selected=${w === this.width}>${w}</option>`)}
          </select></label
        >
        <label class="field"
          >${t(lang, TEXT.activation)}
          <select name="activation" @change=${(e) => (this.activation = e.target.value)}>
            ${ACTIVATIONS.map(
              (a) =>
                html`<option value=${a} ?selected=${a === this.activation}>
                  ${t(lang, TEXT.actNames[a])}
                </option>`,
            )}
          </select></label
        >
        <label class="field"
          >${t(lang, TEXT.range)}
          <select name="range" @change=${(e) => (this.range = Number(e.target.value))}>
            ${RANGES.map((r) => html`<option value=${r} ?selected=${r === this.range}>${r}</option>`)}
          </select></label
        >
      </div>
      <div class="controls">
        <fieldset>
          <legend>${t(lang, TEXT.norm)}</legend>
          <div class="radios">
            ${NORMS.map(
              (n) =>
                html`<label class="field inline"
                  ><input
                    type="radio"
                    name="norm"
                    value=${n}
                    .checked=${n === this.norm}
                    @change=${() => (this.norm = n)}
                  />${t(lang, TEXT.normNames[n])}</label
                >`,
            )}
          </div>
        </fieldset>
        <button type="button" @click=${() => (this.seed = (this.seed % 2 ** 31) + 1)}>
          ${t(lang, TEXT.newWeights)}
        </button>
        <button
          type="button"
          @click=${() => {
            this.inputSeed = (this.inputSeed ?? 0) + 1;
            this.values = gaussianValues(
              this.batch * this.width,
              this.seed * 977 + 1 + this.inputSeed * 65537,
            );
          }}
        >
          ${t(lang, TEXT.newInput)}
        </button>
      </div>
      <div aria-live="polite" class="messages">
        ${['depth', 'gain', 'batch'].map((k) =>
          bad[k] ? html`<p class="error input-error">${t(lang, TEXT.bad[k])}</p>` : nothing,
        )}
      </div>
      <div class="summary" aria-live="polite">
        ${NORMS.map((n) => {
          const name = t(lang, TEXT.normNames[n]);
          if (this.errors[n])
            return html`<p class="error run-error">
              ${t(lang, TEXT.failed)(name, this.errors[n])}
            </p>`;
          const layers = this.runs[n].layers;
          return html`<p data-norm=${n}>
            ${t(lang, TEXT.summary)(name, formatNumber(layers[0].std), layers.length - 1, formatNumber(layers.at(-1).std))}
          </p>`;
        })}
      </div>
      ${this.shown ? this.#ridge() : nothing} ${this.#stdChart()}
      ${this.shown ? this.#table() : nothing}
      <details @toggle=${(e) => (this.editing = e.target.open)}>
        <summary>${t(lang, TEXT.input)(this.batch, this.width)}</summary>
        ${
          this.editing
            ? html`<tensor-editor
                label="x"
                .shape=${[this.batch, this.width]}
                .values=${this.values}
                @tensor-change=${(e) => (this.values = e.detail.values)}
              ></tensor-editor>`
            : nothing
        }
      </details>
      <pytorch-code .code=${this.#code()}></pytorch-code>
    `;
  }
}

customElements.define('deep-stack', DeepStack);
