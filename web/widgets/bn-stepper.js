// <bn-stepper>: one BatchNorm1d(C) in training, fed batch after batch. Each batch is drawn from a
// fixed distribution per channel (or edited by the learner); after every step the module's buffers
// (running_mean, running_var, num_batches_tracked) come from the engine and are drawn as a small
// line chart per channel, converging on the true mean and variance. Then model.eval(): one sample
// alone, normalized with the running statistics.
//   <bn-stepper channels="3" batch="4" momentum="0.1" true-mean="2,-1,0.5" true-var="1,0.25,4">
// momentum="none" is PyTorch's momentum=None (a cumulative average); track-running-stats="false".
import { LitElement, html, svg, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { px } from '../charts/svg-safe.js';
import { hostStyle } from './shared/host-style.js';
import { getEngine } from '../engine/shared.js';
import { groupMoments } from '../engine/group-stats.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import { tensorLiteral, moduleLiteral } from '../model/pytorch.js';
import {
  csvNumbers,
  boolAttribute,
  gaussianValues,
  resizeRows,
  reducedMotion,
  controlStyle,
} from './shared/dynamics-kit.js';
import { markStart, markEnd } from './shared/measure.js';
import { parseNumber, parseInteger } from '../model/parse.js';
import './tensor-editor/index.js';
import './pytorch-code.js';

const MAX_STEPS = 400; // playing stops here; the chart keeps the most recent points
const MAX_BATCH = 32;
const SPEEDS = [1, 2, 5, 10, 20];

const TEXT = {
  options: { zh: 'BatchNorm1d 的参数', en: 'BatchNorm1d options' },
  momentum: { zh: 'momentum（动量）', en: 'momentum' },
  cumulative: { zh: 'None：累计平均', en: 'None: cumulative average' },
  track: { zh: 'track_running_stats', en: 'track_running_stats' },
  batchSize: { zh: '批大小 N', en: 'Batch size N' },
  momentumBad: {
    zh: 'momentum 必须是 0 到 1 之间的数；仍在使用上一个有效值',
    en: 'momentum must be a number from 0 to 1; the last valid value is still in use',
  },
  batchBad: {
    zh: `批大小必须是 1 到 ${MAX_BATCH} 之间的整数；仍在使用上一个有效值`,
    en: `the batch size must be a whole number from 1 to ${MAX_BATCH}; the last valid value is still in use`,
  },
  trainHeading: { zh: '训练：model.train()', en: 'Training: model.train()' },
  batchCaption: {
    zh: (n, c) => `下一个批次 x，形状 (${n}, ${c})：可以直接修改，“训练一步”会把它送进 model(x)`,
    en: (n, c) =>
      `The next batch x, shape (${n}, ${c}): edit it if you like; “Train one step” feeds it to model(x)`,
  },
  drawn: {
    zh: (m, v) => `每个通道的数据来自固定分布：均值 ${m}，方差 ${v}`,
    en: (m, v) => `Each channel is drawn from a fixed distribution: mean ${m}, variance ${v}`,
  },
  step: { zh: '训练一步', en: 'Train one step' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  speed: { zh: '速度（步/秒）', en: 'Speed (steps/s)' },
  newBatch: { zh: '换一个批次', en: 'Draw another batch' },
  reset: { zh: '重新创建模块', en: 'New module' },
  tracked: { zh: 'num_batches_tracked（已训练的批次数）', en: 'num_batches_tracked' },
  noBuffers: {
    zh: 'track_running_stats=False：模块没有 running 统计量（named_buffers() 为空），评估时仍用批次统计量。',
    en: 'track_running_stats=False: the module keeps no running statistics (named_buffers() is empty) and uses the batch statistics in eval too.',
  },
  channel: { zh: '通道', en: 'channel' },
  chartLabel: {
    zh: (c, m, v, tm, tv) =>
      `通道 ${c}：running_mean ${m}（真实均值 ${tm}），running_var ${v}（真实方差 ${tv}）`,
    en: (c, m, v, tm, tv) =>
      `Channel ${c}: running_mean ${m} (true mean ${tm}), running_var ${v} (true variance ${tv})`,
  },
  legendMean: { zh: 'running_mean', en: 'running_mean' },
  legendVar: { zh: 'running_var', en: 'running_var' },
  legendTrue: { zh: '虚线：真实值', en: 'dashed: true value' },
  lastStep: {
    zh: '最近一步的批次统计量（全部来自引擎）',
    en: 'The last step’s batch statistics (all from the engine)',
  },
  colMean: { zh: '批次均值', en: 'batch mean' },
  colBiased: { zh: '有偏方差 ÷n（用于归一化）', en: 'biased var ÷n (normalizes)' },
  colUnbiased: {
    zh: '无偏方差 ÷(n−1)（进入 running_var）',
    en: 'unbiased var ÷(n−1) (into running_var)',
  },
  colRunMean: { zh: 'running_mean', en: 'running_mean' },
  colRunVar: { zh: 'running_var', en: 'running_var' },
  update: {
    zh: (f, old, u, now) => `running_var[0] = (1 − ${f}) × ${old} + ${f} × ${u} = ${now}`,
    en: (f, old, u, now) => `running_var[0] = (1 − ${f}) × ${old} + ${f} × ${u} = ${now}`,
  },
  noStep: {
    zh: '还没有训练过：点“训练一步”或“播放”。',
    en: 'No step yet: press “Train one step” or “Play”.',
  },
  evalHeading: { zh: '评估：model.eval()', en: 'Evaluation: model.eval()' },
  sampleCaption: {
    zh: '单独一个样本 (1, C)：可以修改',
    en: 'One sample on its own, shape (1, C): edit it',
  },
  evalOutput: {
    zh: '评估模式的输出：用 running 统计量归一化',
    en: 'Output in eval mode, normalized with the running statistics',
  },
  evalNoTrack: {
    zh: '没有 running 统计量，评估模式也要用批次统计量，单个样本就会报错：',
    en: 'With no running statistics eval mode needs batch statistics too, so one sample alone fails:',
  },
  trainAlone: {
    zh: '同一个样本在训练模式下（PyTorch 的报错）：',
    en: 'The same sample in training mode (PyTorch’s message):',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  stepped: {
    zh: (k) => `已训练步数：${k}`,
    en: (k) => `Training steps: ${k}`,
  },
};

const momentumCodec = codec.number(0, 1);
/** The attribute also takes momentum="none" (PyTorch's None: a cumulative average). */
const momentumAttribute = {
  ...momentumCodec,
  describe: { type: momentumCodec.describe.type, range: '0 … 1, none' },
  parse: (text) => (text.trim().toLowerCase() === 'none' ? null : momentumCodec.parse(text)),
};

export class BnStepper extends LitElement {
  static properties = {
    lang: { type: String },
    channels: { type: Number },
    batch: { type: Number },
    momentum: {
      converter: {
        fromAttribute: (v) => (String(v).trim().toLowerCase() === 'none' ? null : Number(v)),
      },
    },
    cumulative: { type: Boolean },
    track: { attribute: 'track-running-stats', converter: boolAttribute },
    trueMean: { attribute: 'true-mean', converter: csvNumbers },
    trueVar: { attribute: 'true-var', converter: csvNumbers },
    seed: { type: Number },
    values: { attribute: false },
    sample: { attribute: false },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    history: { state: true },
    last: { state: true },
    stepError: { state: true },
    momentumText: { state: true },
    momentumError: { state: true },
    batchText: { state: true },
    batchError: { state: true },
    evaluation: { state: true },
    playing: { state: true },
    speed: { state: true },
    fraction: { state: true },
    ready: { state: true },
  };

  static styles = [
    hostStyle,
    controlStyle,
    css`
      h3 {
        font-size: 1em;
        margin: 1em 0 0.4em;
      }
      .charts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75em;
      }
      .chart {
        flex: 1 1 15em;
        max-width: 22em;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em 1em;
        font-size: 0.85em;
        color: var(--nl-muted, #5b6472);
      }
      .swatch {
        display: inline-block;
        width: 1.4em;
        height: 0;
        border-top: 3px solid;
        vertical-align: middle;
        margin-right: 0.3em;
      }
      .mean-line {
        stroke: var(--nl-accent, #1f5fcc);
        color: var(--nl-accent, #1f5fcc);
      }
      .var-line {
        stroke: var(--nl-error, #b3261e);
        color: var(--nl-error, #b3261e);
      }
      path.series {
        fill: none;
        stroke-width: 2;
      }
      line.truth {
        stroke-width: 1.2;
        stroke-dasharray: 4 3;
      }
      line.axis {
        stroke: var(--nl-border, #c8cdd6);
      }
      .formula {
        font-variant-numeric: tabular-nums;
        margin: 0.4em 0;
      }
    `,
  ];

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.channels = 3;
    this.batch = 4;
    this.momentum = 0.1;
    this.cumulative = false;
    this.track = true;
    this.trueMean = [2, -1, 0.5];
    this.trueVar = [1, 0.25, 4];
    this.seed = 1;
    this.values = null;
    this.sample = null;
    this.stateKey = '';
    this.stateNotice = '';
    this.history = [];
    this.last = null;
    this.stepError = '';
    this.momentumText = null;
    this.momentumError = false;
    this.batchText = null;
    this.batchError = false;
    this.evaluation = null;
    this.playing = false;
    this.speed = 5;
    this.fraction = 1;
    this.ready = false;
    this.engine = null;
    this.module = null;
    this.drawn = 0; // how many batches have been drawn from the seeded stream
    new HashStateController(
      this,
      {
        momentum: momentumCodec,
        cumulative: codec.bool,
        track: codec.bool,
        batch: codec.int(1, MAX_BATCH),
        values: codec.floats,
        sample: codec.floats,
      },
      null,
      { attributes: { channels: codec.int(1, 16), momentum: momentumAttribute } },
    );
  }

  acceptState(prop, value) {
    if (prop === 'values') return value.length === this.batch * this.channels;
    if (prop === 'sample') return value.length === this.channels;
    return true;
  }

  get #options() {
    return {
      op: 'batch_norm',
      dims: 1,
      num_features: this.channels,
      momentum: this.cumulative ? null : this.momentum,
      track_running_stats: this.track,
    };
  }

  #draw(rows) {
    this.drawn += 1;
    return gaussianValues(rows * this.channels, this.seed * 7919 + this.drawn, {
      mean: this.trueMean,
      variance: this.trueVar,
    });
  }

  async connectedCallback() {
    super.connectedCallback();
    if (this.momentum === null) {
      this.cumulative = true;
      this.momentum = 0.1;
    }
    this.channels = Math.max(1, Math.min(16, Math.floor(this.channels) || 3));
    this.batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(this.batch) || 4));
    this.trueMean = this.#fit(this.trueMean, 0);
    this.trueVar = this.#fit(this.trueVar, 1).map((v) => Math.abs(v));
    if (this.values?.length !== this.batch * this.channels) this.values = this.#draw(this.batch);
    if (this.sample?.length !== this.channels) {
      this.sample = gaussianValues(this.channels, this.seed * 31 + 5, {
        mean: this.trueMean,
        variance: this.trueVar,
      });
    }
    this.momentumText ??= String(this.momentum);
    this.batchText ??= String(this.batch);
    this.engine = await getEngine();
    if (!this.isConnected) return;
    this.#newModule();
    this.ready = true;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.module?.delete();
    this.module = null;
  }

  #fit(list, fallback) {
    return Array.from({ length: this.channels }, (_, c) => list[c] ?? fallback);
  }

  /** A fresh module, as `nn.BatchNorm1d(C, ...)` would be: running_mean 0, running_var 1. */
  #newModule() {
    markStart('bn-stepper');
    this.module?.delete();
    this.module = this.engine.norm(this.#options);
    this.history = [{ step: 0, buffers: this.module.buffers() }];
    this.last = null;
    this.stepError = '';
    this.#evaluate();
  }

  /**
   * Changing momentum on a live module, as `bn.momentum = 0.5` does in PyTorch: the buffers carry
   * over to a module built with the new momentum.
   */
  #changeMomentum() {
    if (!this.module) return;
    const buffers = this.module.buffers();
    const next = this.engine.norm(this.#options);
    // with track_running_stats=False there are no buffers to carry over
    if (buffers.running_mean) next.setBuffers(buffers);
    this.module.delete();
    this.module = next;
  }

  /** model.train(); model(x): returns false when the engine refused the batch. */
  step() {
    if (!this.module) return false;
    markStart('bn-stepper');
    const n = this.batch;
    const c = this.channels;
    const x = this.values;
    let r;
    try {
      r = this.module.forward(x, [n, c], { training: true });
    } catch (err) {
      this.stepError = err.message;
      return false;
    }
    this.stepError = '';
    // Both variances of each channel of this batch, from the engine's statistics kernel: the
    // biased one the step normalized with, the unbiased one it blended into running_var.
    const plan = this.module.plan([n, c]);
    const moments = groupMoments(this.engine, x, plan.group, plan.statCount);
    const before = this.history.at(-1);
    const buffers = this.module.buffers();
    const step = before.step + 1;
    this.last = {
      n,
      input: x,
      mean: r.mean,
      biased: moments.variance,
      unbiased: moments.unbiased,
      before: before.buffers,
      after: buffers,
      factor: this.cumulative ? `1/${buffers.num_batches_tracked}` : String(this.momentum),
    };
    const history = [...this.history, { step, buffers }];
    this.history = history.length > MAX_STEPS + 1 ? history.slice(-MAX_STEPS - 1) : history;
    this.values = this.#draw(n);
    this.#evaluate();
    return true;
  }

  /** model.eval(); model(sample), and the same sample on a throwaway module in training mode. */
  #evaluate() {
    const c = this.channels;
    const result = {};
    try {
      result.output = this.module.forward(this.sample, [1, c], { training: false }).output;
    } catch (err) {
      result.error = err.message;
    }
    const probe = this.engine.norm(this.#options);
    try {
      probe.forward(this.sample, [1, c], { training: true });
      result.trainError = '';
    } catch (err) {
      result.trainError = err.message;
    } finally {
      probe.delete();
    }
    this.evaluation = result;
  }

  updated() {
    markEnd('bn-stepper');
  }

  // ---- controls -------------------------------------------------------------------------------

  #onMomentum(text) {
    this.momentumText = text;
    // decimal numbers only: Number() would take "0x0" as 0
    const v = parseNumber(text);
    if (v === null || v < 0 || v > 1) {
      this.momentumError = true;
      return;
    }
    this.momentumError = false;
    if (v === this.momentum) return;
    this.momentum = v;
    if (!this.cumulative) this.#changeMomentum();
  }

  #onCumulative(on) {
    this.cumulative = on;
    this.#changeMomentum();
  }

  #onTrack(on) {
    this.track = on;
    this.#newModule();
  }

  #onBatch(text) {
    this.batchText = text;
    const v = parseInteger(text) ?? NaN;
    if (!(v >= 1 && v <= MAX_BATCH)) {
      this.batchError = true;
      return;
    }
    this.batchError = false;
    if (v === this.batch) return;
    const c = this.channels;
    this.values = resizeRows(this.values, c, v, c, this.#draw(v));
    this.batch = v;
    this.stepError = '';
  }

  #togglePlay() {
    if (this.playing) {
      this.playing = false;
      cancelAnimationFrame(this.frame);
      this.fraction = 1;
      return;
    }
    this.playing = true;
    this.#startClock();
    this.frame = requestAnimationFrame((now) => this.#tick(now));
  }

  #startClock() {
    this.clockStart = performance.now();
    this.clockSteps = 0;
  }

  /**
   * Playing is a function of time: by `elapsed` seconds, floor(elapsed × speed) steps are due; the
   * newest segment of each line is drawn `fraction` of the way to its point. With reduced motion
   * the segment appears whole.
   */
  #tick(now) {
    if (!this.playing || !this.isConnected) return;
    const due = (Math.max(0, now - this.clockStart) / 1000) * this.speed;
    if (Math.floor(due) > this.clockSteps) {
      this.clockSteps += 1; // at most one step per frame
      if (this.history.at(-1).step >= MAX_STEPS || !this.step()) {
        this.playing = false;
        this.fraction = 1;
        return;
      }
    }
    this.fraction = reducedMotion() ? 1 : Math.min(1, Math.max(0, due - this.clockSteps));
    this.frame = requestAnimationFrame((next) => this.#tick(next));
  }

  #onSpeed(v) {
    this.speed = Number(v);
    this.#startClock();
  }

  // ---- drawing --------------------------------------------------------------------------------

  #chart(c) {
    const lang = this.lang;
    const points = this.history.filter((h) => h.buffers.running_mean);
    const W = 300;
    const H = 150;
    const m = { l: 40, r: 8, t: 8, b: 22 };
    const first = points[0]?.step ?? 0;
    const lastStep = points.at(-1)?.step ?? 0;
    const x = scaleLinear()
      .domain([first, Math.max(first + 10, lastStep)])
      .range([m.l, W - m.r]);
    // a running variance that overflowed float32 (inputs near 1e30) is left out of the scale
    const ys = points
      .flatMap((p) => [p.buffers.running_mean[c], p.buffers.running_var[c]])
      .filter(Number.isFinite);
    ys.push(this.trueMean[c], this.trueVar[c]);
    const y = scaleLinear()
      .domain([Math.min(...ys), Math.max(...ys)])
      .nice()
      .range([H - m.b, m.t]);
    // while playing, the newest point slides in from the previous one
    const f = this.playing ? this.fraction : 1;
    const at = (key) => (p, i, all) => {
      const v = p.buffers[key][c];
      if (i < all.length - 1 || i === 0 || f >= 1) return [x(p.step), y(v)];
      const prev = all[i - 1];
      const pv = prev.buffers[key][c];
      return [x(prev.step + (p.step - prev.step) * f), y(pv + (v - pv) * f)];
    };
    const path = (key) =>
      line()
        .defined(([, py]) => Number.isFinite(py))
        .y(([, py]) => px(py))(points.map((p, i, all) => at(key)(p, i, all)));
    const now = points.at(-1)?.buffers;
    const label = now
      ? t(lang, TEXT.chartLabel)(
          c,
          formatNumber(now.running_mean[c]),
          formatNumber(now.running_var[c]),
          formatNumber(this.trueMean[c]),
          formatNumber(this.trueVar[c]),
        )
      : '';
    return html`<figure class="chart" style="margin:0">
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
        <line class="axis" x1=${m.l} x2=${W - m.r} y1=${H - m.b} y2=${H - m.b}></line>
        <line class="axis" x1=${m.l} x2=${m.l} y1=${m.t} y2=${H - m.b}></line>
        ${y
          .ticks(4)
          .map(
            (v) =>
              svg`<text x=${m.l - 4} y=${y(v) + 4} text-anchor="end">${formatNumber(v)}</text>`,
          )}
        ${x
          .ticks(4)
          .map(
            (v) => svg`<text x=${x(v)} y=${H - 6} text-anchor="middle">${formatNumber(v)}</text>`,
          )}
        <line
          class="truth mean-line"
          x1=${m.l}
          x2=${W - m.r}
          y1=${y(this.trueMean[c])}
          y2=${y(this.trueMean[c])}
        ></line>
        <line
          class="truth var-line"
          x1=${m.l}
          x2=${W - m.r}
          y1=${y(this.trueVar[c])}
          y2=${y(this.trueVar[c])}
        ></line>
        <path class="series mean-line" d=${path('running_mean')}></path>
        <path class="series var-line" d=${path('running_var')}></path>
      </svg>
      <figcaption class="muted">${t(lang, TEXT.channel)} ${c}</figcaption>
    </figure>`;
  }

  #lastTable() {
    const lang = this.lang;
    const L = this.last;
    if (!L) return html`<p class="muted">${t(lang, TEXT.noStep)}</p>`;
    const tracked = Boolean(L.after.running_mean);
    const rows = Array.from({ length: this.channels }, (_, c) => c);
    return html`<p class="caption">${t(lang, TEXT.lastStep)}</p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.channel)}</th>
              <th scope="col">${t(lang, TEXT.colMean)}</th>
              <th scope="col">${t(lang, TEXT.colBiased)}</th>
              <th scope="col">${t(lang, TEXT.colUnbiased)}</th>
              ${
                tracked
                  ? html`<th scope="col">${t(lang, TEXT.colRunMean)}</th>
                      <th scope="col">${t(lang, TEXT.colRunVar)}</th>`
                  : nothing
              }
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (c) =>
                html`<tr data-channel=${c}>
                  <td>${c}</td>
                  <td class="batch-mean">${formatNumber(L.mean[c])}</td>
                  <td class="biased">${formatNumber(L.biased[c])}</td>
                  <td class="unbiased">${formatNumber(L.unbiased[c])}</td>
                  ${
                    tracked
                      ? html`<td class="running-mean">${formatNumber(L.after.running_mean[c])}</td>
                          <td class="running-var">${formatNumber(L.after.running_var[c])}</td>`
                      : nothing
                  }
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        tracked
          ? html`<p class="formula">
              ${t(lang, TEXT.update)(
                L.factor,
                formatNumber(L.before.running_var[0]),
                formatNumber(L.unbiased[0]),
                formatNumber(L.after.running_var[0]),
              )}
            </p>`
          : nothing
      }`;
  }

  #code() {
    const c = this.channels;
    const opts = this.#options;
    const lines = [
      'import torch',
      'from torch import nn',
      '',
      `bn = ${moduleLiteral(opts)}`,
      'bn.train()',
      `x = ${tensorLiteral(this.values, [this.batch, c], 4)}`,
      'y = bn(x)  # normalized with the batch statistics (biased variance, ÷n)',
      'print(x.var(dim=0, unbiased=False), x.var(dim=0, unbiased=True))',
    ];
    if (this.track) {
      lines.push('print(bn.running_mean, bn.running_var, bn.num_batches_tracked)');
    }
    lines.push(
      '',
      'bn.eval()',
      `print(bn(${tensorLiteral(this.sample, [1, c], 9)}))  # one sample alone`,
    );
    return lines.join('\n');
  }

  render() {
    const lang = this.lang;
    if (!this.ready) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    const now = this.history.at(-1);
    const tracked = Boolean(now.buffers.running_mean);
    const steps = now.step;
    return html`
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <fieldset>
        <legend>${t(lang, TEXT.options)}</legend>
        <div class="controls">
          <label class="field"
            >${t(lang, TEXT.momentum)}
            <input
              name="momentum"
              inputmode="decimal"
              autocomplete="off"
              .value=${this.momentumText}
              ?disabled=${this.cumulative}
              aria-invalid=${this.momentumError ? 'true' : 'false'}
              aria-describedby="momentum-error"
              @input=${(e) => this.#onMomentum(e.target.value)}
          /></label>
          <label class="field inline"
            ><input
              type="checkbox"
              name="cumulative"
              .checked=${this.cumulative}
              @change=${(e) => this.#onCumulative(e.target.checked)}
            />${t(lang, TEXT.cumulative)}</label
          >
          <label class="field inline"
            ><input
              type="checkbox"
              name="track"
              .checked=${this.track}
              @change=${(e) => this.#onTrack(e.target.checked)}
            />${t(lang, TEXT.track)}</label
          >
          <label class="field"
            >${t(lang, TEXT.batchSize)}
            <input
              name="batch"
              inputmode="numeric"
              autocomplete="off"
              .value=${this.batchText}
              aria-invalid=${this.batchError ? 'true' : 'false'}
              aria-describedby="batch-error"
              @input=${(e) => this.#onBatch(e.target.value)}
          /></label>
        </div>
        <div aria-live="polite">
          ${
            this.momentumError
              ? html`<p class="error" id="momentum-error">${t(lang, TEXT.momentumBad)}</p>`
              : nothing
          }
          ${
            this.batchError
              ? html`<p class="error" id="batch-error">${t(lang, TEXT.batchBad)}</p>`
              : nothing
          }
        </div>
      </fieldset>

      <h3>${t(lang, TEXT.trainHeading)}</h3>
      <p class="caption">${t(lang, TEXT.batchCaption)(this.batch, this.channels)}</p>
      <p class="muted">
        ${t(lang, TEXT.drawn)(
          this.trueMean.map((v) => formatNumber(v)).join(', '),
          this.trueVar.map((v) => formatNumber(v)).join(', '),
        )}
      </p>
      <tensor-editor
        label="x"
        .shape=${[this.batch, this.channels]}
        .values=${this.values}
        @tensor-change=${(e) => (this.values = e.detail.values)}
      ></tensor-editor>
      <div class="controls">
        <button type="button" @click=${() => this.step()} ?disabled=${this.playing}>
          ${t(lang, TEXT.step)}
        </button>
        <button type="button" aria-pressed=${this.playing} @click=${() => this.#togglePlay()}>
          ${t(lang, this.playing ? TEXT.pause : TEXT.play)}
        </button>
        <label class="field inline"
          >${t(lang, TEXT.speed)}
          <select name="speed" @change=${(e) => this.#onSpeed(e.target.value)}>
            ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === this.speed}>${s}</option>`)}
          </select></label
        >
        <button type="button" @click=${() => (this.values = this.#draw(this.batch))}>
          ${t(lang, TEXT.newBatch)}
        </button>
        <button type="button" @click=${() => this.#newModule()}>${t(lang, TEXT.reset)}</button>
      </div>
      <div aria-live=${this.playing ? 'off' : 'polite'} class="status">
        ${this.stepError ? html`<p class="error step-error">${this.stepError}</p>` : nothing}
        <p>
          <span class="steps">${t(lang, TEXT.stepped)(steps)}</span>${
            tracked
              ? html` · ${t(lang, TEXT.tracked)} =
                  <strong class="nbt">${now.buffers.num_batches_tracked}</strong>`
              : nothing
          }
        </p>
      </div>
      ${
        tracked
          ? html`<div class="legend">
                <span><span class="swatch mean-line"></span>${t(lang, TEXT.legendMean)}</span>
                <span><span class="swatch var-line"></span>${t(lang, TEXT.legendVar)}</span>
                <span>${t(lang, TEXT.legendTrue)}</span>
              </div>
              <div class="charts">
                ${Array.from({ length: this.channels }, (_, c) => this.#chart(c))}
              </div>`
          : html`<p class="no-buffers">${t(lang, TEXT.noBuffers)}</p>`
      }
      ${this.#lastTable()}

      <h3>${t(lang, TEXT.evalHeading)}</h3>
      <p class="caption">${t(lang, TEXT.sampleCaption)}</p>
      <tensor-editor
        label="sample"
        .shape=${[1, this.channels]}
        .values=${this.sample}
        @tensor-change=${(e) => {
          this.sample = e.detail.values;
          markStart('bn-stepper');
          this.#evaluate();
        }}
      ></tensor-editor>
      <div aria-live="polite" class="eval">
        ${
          this.evaluation?.output
            ? html`<p class="caption">${t(lang, TEXT.evalOutput)}</p>
                <tensor-editor
                  readonly
                  label="y_eval"
                  .shape=${[1, this.channels]}
                  .values=${this.evaluation.output}
                ></tensor-editor>`
            : html`<p>${t(lang, TEXT.evalNoTrack)}</p>
                <p class="error eval-error">${this.evaluation?.error}</p>`
        }
        ${
          this.evaluation?.trainError
            ? html`<p>${t(lang, TEXT.trainAlone)}</p>
                <p class="error train-error">${this.evaluation.trainError}</p>`
            : nothing
        }
      </div>
      <pytorch-code .code=${this.#code()}></pytorch-code>
    `;
  }
}

customElements.define('bn-stepper', BnStepper);
