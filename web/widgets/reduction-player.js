// <reduction-player>: the elements of one statistics group flow, one by one, into the running sum
// that gives their mean, then their squared deviations flow into the sum that gives the variance;
// then every element is normalized, then scaled by γ and shifted by β. Which elements form the
// group comes from the engine's plan; every partial sum, mean, variance and output comes from the
// C++ reduction trace (cpp/src/reduction_trace.cpp).
//   <reduction-player kind="batch" shape="2,3,2,2" group="1"></reduction-player>
// The picture is a function of one number, the position (steps done, fractional while a step is
// in flight); playing moves it with time, and prefers-reduced-motion makes it jump whole steps.
import { LitElement, html, svg, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { hostStyle } from './host-style.js';
import { markStart, markEnd } from './lib/measure.js';
import { controlsStyle } from './lib/controls-style.js';
import { textField } from './lib/text-field.js';
import { getEngine } from '../engine/shared.js';
import { reductionTrace } from '../engine/reduction_trace.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import { parseNumber } from '../model/parse.js';
import {
  KINDS,
  moduleOptions,
  numel,
  fullIndex,
  members,
  seededValues,
  resize,
} from '../model/norms.js';
import { moduleLiteral } from '../model/pytorch.js';

const TEXT = {
  group: { zh: '组号', en: 'Group' },
  groupRange: {
    zh: (n) => `组号是 0 到 ${n - 1} 之间的整数`,
    en: (n) => `The group is a whole number from 0 to ${n - 1}`,
  },
  gamma: { zh: 'γ（weight）', en: 'γ (weight)' },
  beta: { zh: 'β（bias）', en: 'β (bias)' },
  notNumber: { zh: '不是数字，仍使用上一个值', en: 'Not a number; the previous value is kept' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  step: { zh: '下一步', en: 'Step' },
  back: { zh: '上一步', en: 'Back' },
  reset: { zh: '重来', en: 'Reset' },
  speed: { zh: '速度', en: 'Speed' },
  position: { zh: '进度（步）', en: 'Progress (steps)' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  table: { zh: '每一步的部分和（C++ 计算）', en: 'Every partial sum (computed in C++)' },
  picture: {
    zh: (n, g) => `第 ${g} 组的 ${n} 个元素依次汇入求和、均值与方差`,
    en: (n, g) => `The ${n} elements of group ${g} flowing into the sum, the mean and the variance`,
  },
  heading: {
    zh: (name, g, n, count) => `${name}：第 ${g} 组（组号 0–${count - 1}），${n} 个元素`,
    en: (name, g, n, count) => `${name}: group ${g} of 0–${count - 1}, ${n} elements`,
  },
  sum: { zh: 'Σx', en: 'Σx' },
  mean: { zh: '均值 μ', en: 'mean μ' },
  sq: { zh: 'Σ(x − μ)²', en: 'Σ(x − μ)²' },
  variance: { zh: '方差 σ²', en: 'variance σ²' },
  start: {
    zh: (n) => `按“播放”或“下一步”：这 ${n} 个元素会先汇入均值，再汇入方差。`,
    en: (n) =>
      `Press Play or Step: these ${n} elements flow first into the mean, then into the variance.`,
  },
  pass1: {
    zh: (s) =>
      `第 1 遍（均值），第 ${s.k} / ${s.n} 个元素：${s.label} = ${s.x}。Σx = ${s.sum}，目前的均值 = ${s.mean}。`,
    en: (s) =>
      `Pass 1 (mean), element ${s.k} of ${s.n}: ${s.label} = ${s.x}. Σx = ${s.sum}, mean so far = ${s.mean}.`,
  },
  meanDone: {
    zh: (m) => ` 均值 μ = ${m}。`,
    en: (m) => ` The mean μ = ${m}.`,
  },
  pass2: {
    zh: (s) =>
      `第 2 遍（方差），第 ${s.k} / ${s.n} 个元素：(${s.label} − μ)² = ${s.dev}。Σ(x − μ)² = ${s.sq}。`,
    en: (s) =>
      `Pass 2 (variance), element ${s.k} of ${s.n}: (${s.label} − μ)² = ${s.dev}. Σ(x − μ)² = ${s.sq}.`,
  },
  varDone: {
    zh: (n, v) => ` 方差 σ² = Σ(x − μ)² / ${n} = ${v}（有偏估计：除以 n）。`,
    en: (n, v) => ` The variance σ² = Σ(x − μ)² / ${n} = ${v} (biased: divided by n).`,
  },
  normalize: {
    zh: (r) => `归一化：x̂ = (x − μ) / √(σ² + ε)，其中 1 / √(σ² + ε) = ${r}。`,
    en: (r) => `Normalize: x̂ = (x − μ) / √(σ² + ε), with 1 / √(σ² + ε) = ${r}.`,
  },
  affine: {
    zh: (g, b) => `仿射变换：y = γ · x̂ + β，γ = ${g}，β = ${b}。完成。`,
    en: (g, b) => `Affine: y = γ · x̂ + β with γ = ${g}, β = ${b}. Done.`,
  },
  colK: { zh: '步', en: 'k' },
  colElement: { zh: '元素', en: 'element' },
  colRunMean: { zh: '目前的均值', en: 'mean so far' },
  colDev: { zh: '(x − μ)²', en: '(x − μ)²' },
};

const SPEEDS = [0.5, 1, 2, 4];
const SPEED_CODEC = {
  parse(text) {
    const v = Number(text);
    if (!SPEEDS.includes(v)) throw new Error(`"${text}" is not one of ${SPEEDS.join(', ')}`);
    return v;
  },
  format: (v) => String(v),
};
const STEPS_PER_SECOND = 1.5;
const CHIP_W = 72;
const CHIP_H = 30;
const GAP = 6;
const NARROW_PX = 520; // below this width: 4 chips and 2 sums per row, so the text stays legible
const BOX_H = 46;

const csv = (text) =>
  String(text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);

const ease = (f) => (f < 0.5 ? 2 * f * f : 1 - (-2 * f + 2) ** 2 / 2);

export class ReductionPlayer extends LitElement {
  static properties = {
    kind: { type: String },
    shape: { converter: { fromAttribute: csv } },
    groups: { type: Number },
    group: { type: Number },
    gamma: { type: Number },
    beta: { type: Number },
    speed: { type: Number },
    lang: { type: String },
    values: { attribute: false },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    position: { state: true },
    playing: { state: true },
    view: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    texts: { state: true },
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
      .heading {
        font-weight: 600;
        margin: 0.3em 0;
      }
      .chip rect {
        stroke: var(--nl-border, #c8cdd6);
      }
      .chip.used {
        opacity: 0.35;
      }
      .chip text,
      .box text {
        font-size: 13px;
        font-variant-numeric: tabular-nums;
      }
      .box rect {
        fill: var(--nl-bg, #fff);
        stroke: var(--nl-border, #c8cdd6);
      }
      .box.active rect {
        stroke: var(--nl-accent, #1f5fcc);
        stroke-width: 2.5;
      }
      .box .name {
        font-size: 11px;
        fill: var(--nl-muted, #5b6472);
      }
      .flyer rect {
        stroke: var(--nl-accent, #1f5fcc);
        stroke-width: 2;
      }
      .status {
        min-height: 3em;
        margin: 0.4em 0;
      }
      .table-wrap {
        overflow-x: auto;
        max-height: 24em;
      }
    `,
  ];

  constructor() {
    super();
    this.kind = 'batch';
    this.shape = [2, 6, 4, 4];
    this.groups = 3;
    this.group = 0;
    this.gamma = 1;
    this.beta = 0;
    this.speed = 1;
    this.lang = 'en';
    new LangController(this);
    this.values = null;
    this.stateKey = '';
    this.stateNotice = '';
    this.position = 0;
    this.playing = false;
    this.view = null;
    this.error = '';
    this.fieldErrors = {};
    this.texts = {};
    this.narrow = false;
    this.engine = null;
    new HashStateController(
      this,
      {
        group: codec.int(0, 4095),
        gamma: codec.number(-1e6, 1e6),
        beta: codec.number(-1e6, 1e6),
        speed: SPEED_CODEC,
      },
      null,
      {
        attributes: { kind: codec.oneOf(KINDS), shape: codec.shape, groups: codec.int(1, 64) },
      },
    );
  }

  async connectedCallback() {
    super.connectedCallback();
    this.#resize.observe(this);
    this.engine = await getEngine();
    this.requestUpdate();
  }

  #resize = new ResizeObserver(([entry]) => {
    this.narrow = entry.contentRect.width < NARROW_PX;
  });

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#stop();
    this.#resize.disconnect();
  }

  // ---- computation ------------------------------------------------------------------------------

  /** @param structural the norm or the shape changed: a group that no longer exists becomes 0 */
  #compute(structural) {
    const options = moduleOptions(this.kind, this.shape, this.groups);
    const mod = this.engine.norm(options);
    let plan;
    try {
      plan = mod.plan(this.shape);
    } finally {
      mod.delete();
    }
    if (!(this.group >= 0 && this.group < plan.statCount)) {
      if (!structural) throw new Error(t(this.lang, TEXT.groupRange)(plan.statCount));
      // a group from a link or an attribute that this plan does not have: say it was ignored
      if (!this.view) this.stateNotice = `group: ${t(this.lang, TEXT.groupRange)(plan.statCount)}`;
      this.group = 0;
      this.texts = { ...this.texts, group: '0' };
    }
    const indices = members(plan.group, this.group);
    const x = Float32Array.from(indices, (i) => this.values[i]);
    const n = x.length;
    const trace = reductionTrace(this.engine, x, {
      weight: new Float32Array(n).fill(this.gamma),
      bias: new Float32Array(n).fill(this.beta),
    });
    return { options, statCount: plan.statCount, indices, x, trace, n, steps: 2 * n + 2 };
  }

  willUpdate(changed) {
    const n = numel(this.shape);
    if (!this.values || this.values.length !== n) {
      this.values = this.values ? resize(this.values, n) : seededValues(n);
    }
    // a value the learner is typing keeps its spelling ("1." stays "1." while 1.5 is on its way)
    for (const key of ['gamma', 'beta', 'group']) {
      const typed = this.#typed.get(key);
      if ((changed.has(key) && typed !== this[key]) || this.texts[key] === undefined)
        this.texts = { ...this.texts, [key]: String(this[key]) };
    }
    this.#typed.clear();
    if (!this.engine) return;
    const inputs = ['kind', 'shape', 'groups', 'group', 'values', 'gamma', 'beta'];
    if (this.view && !inputs.some((k) => changed.has(k))) return;
    markStart('reduction-player');
    try {
      const before = this.view;
      this.view = this.#compute(['kind', 'shape', 'groups'].some((k) => changed.has(k)));
      this.error = '';
      const sameGroup =
        before &&
        before.n === this.view.n &&
        before.indices.every((v, i) => v === this.view.indices[i]);
      if (!sameGroup) {
        this.#stop();
        this.position = 0;
      }
      this.position = Math.min(this.position, this.view.steps);
    } catch (err) {
      this.error = err.message;
    }
  }

  updated() {
    markEnd('reduction-player');
  }

  // ---- time -------------------------------------------------------------------------------------

  #raf = 0;
  #anchor = null; // {time, position}: playing moves the position linearly from here

  static reducedMotion() {
    return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  }

  /** The position at time `now` while playing: a pure function of the anchor, speed and time. */
  positionAt(now) {
    const { time, position } = this.#anchor;
    const p = position + ((now - time) / 1000) * STEPS_PER_SECOND * this.speed;
    const stepped = ReductionPlayer.reducedMotion() ? Math.floor(p) : p;
    return Math.min(stepped, this.view.steps);
  }

  play() {
    if (!this.view) return;
    if (this.position >= this.view.steps) this.position = 0;
    this.playing = true;
    this.#anchor = { time: performance.now(), position: this.position };
    cancelAnimationFrame(this.#raf);
    this.#raf = requestAnimationFrame(this.#frame);
  }

  pause() {
    if (!this.playing) return;
    this.#stop();
  }

  #stop() {
    cancelAnimationFrame(this.#raf);
    this.playing = false;
    this.#anchor = null;
  }

  #frame = (now) => {
    if (!this.playing || !this.view) return;
    this.position = this.positionAt(now);
    if (this.position >= this.view.steps) {
      this.#stop();
      return;
    }
    this.#raf = requestAnimationFrame(this.#frame);
  };

  step(delta) {
    if (!this.view) return;
    const wasPlaying = this.playing;
    this.#stop();
    const base = delta > 0 ? Math.floor(this.position) : Math.ceil(this.position);
    this.position = Math.max(0, Math.min(this.view.steps, base + delta));
    if (wasPlaying && this.position < this.view.steps) this.play();
  }

  #setSpeed(value) {
    const now = performance.now();
    if (this.playing) this.#anchor = { time: now, position: this.positionAt(now) };
    this.speed = value;
  }

  // ---- text -------------------------------------------------------------------------------------

  #label(k) {
    return `x[${fullIndex(this.view.indices[k], this.shape).join(', ')}]`;
  }

  /** What has happened after `k` whole steps, in words. */
  #status(k) {
    const lang = this.lang;
    const v = this.view;
    const { n, trace } = v;
    const f = formatNumber;
    if (k <= 0) return t(lang, TEXT.start)(n);
    if (k <= n) {
      const i = k - 1;
      let text = t(
        lang,
        TEXT.pass1,
      )({
        k,
        n,
        label: this.#label(i),
        x: f(v.x[i]),
        sum: f(trace.runningSum[i]),
        mean: f(trace.runningMean[i]),
      });
      if (k === n) text += t(lang, TEXT.meanDone)(f(trace.mean));
      return text;
    }
    if (k <= 2 * n) {
      const i = k - n - 1;
      let text = t(
        lang,
        TEXT.pass2,
      )({
        k: i + 1,
        n,
        label: this.#label(i),
        dev: f(trace.sqDev[i]),
        sq: f(trace.runningSq[i]),
      });
      if (i === n - 1) text += t(lang, TEXT.varDone)(n, f(trace.variance));
      return text;
    }
    if (k === 2 * n + 1) return t(lang, TEXT.normalize)(f(trace.rstd));
    return t(lang, TEXT.affine)(f(this.gamma), f(this.beta));
  }

  // ---- fields -----------------------------------------------------------------------------------

  #typed = new Map();

  #onNumber(key, event) {
    const text = event.target.value;
    this.texts = { ...this.texts, [key]: text };
    const value = parseNumber(text);
    const whole = key !== 'group' || (value !== null && Number.isInteger(value));
    const inRange =
      key !== 'group' || (value !== null && value >= 0 && value < (this.view?.statCount ?? 1));
    if (value === null || !whole || !inRange) {
      const message =
        key === 'group'
          ? t(this.lang, TEXT.groupRange)(this.view?.statCount ?? 1)
          : t(this.lang, TEXT.notNumber);
      this.fieldErrors = { ...this.fieldErrors, [key]: message };
      return;
    }
    this.fieldErrors = { ...this.fieldErrors, [key]: '' };
    this.#typed.set(key, value);
    this[key] = value;
  }

  // ---- rendering --------------------------------------------------------------------------------

  get #cols() {
    return this.narrow ? 4 : 8;
  }

  #chipXY(k) {
    const cols = this.#cols;
    return { x: 8 + (k % cols) * (CHIP_W + GAP), y: 8 + Math.floor(k / cols) * (CHIP_H + GAP) };
  }

  #picture() {
    const v = this.view;
    const { n, trace } = v;
    const p = this.position;
    const k = Math.floor(p);
    const frac = p - k;
    const f = formatNumber;
    const cols = this.#cols;
    const rows = Math.ceil(n / cols);
    const width = 8 + cols * (CHIP_W + GAP);
    const boxCols = this.narrow ? 2 : 4;
    const boxW = (width - 8 - boxCols * 8) / boxCols;
    const boxTop = 8 + rows * (CHIP_H + GAP) + 26;
    const boxX = (b) => 8 + (b % boxCols) * (boxW + 8);
    const boxYOf = (b) => boxTop + Math.floor(b / boxCols) * (BOX_H + 8);
    const height = boxYOf(3) + BOX_H + 10;
    const color = `var(--nl-group-${this.group % 8})`;

    // what each chip shows: x during the two passes, x̂ after normalizing, y after the affine step
    const label = (i) => (k >= 2 * n + 2 ? trace.y[i] : k >= 2 * n + 1 ? trace.xhat[i] : v.x[i]);
    const inPass1 = k < n;
    const inPass2 = k >= n && k < 2 * n;
    const used = (i) => (k <= n ? i < k : k <= 2 * n ? i < k - n : false);
    const chips = Array.from({ length: n }, (_, i) => {
      const { x, y } = this.#chipXY(i);
      const fading = frac > 0 && (k === 2 * n || k === 2 * n + 1);
      return svg`<g class=${used(i) ? 'chip used' : 'chip'} data-i=${i}>
        <rect x=${x} y=${y} width=${CHIP_W} height=${CHIP_H} rx="5" fill=${color}></rect>
        <text x=${x + CHIP_W / 2} y=${y + 20} text-anchor="middle" opacity=${fading ? 1 - frac : 1}>${f(label(i))}</text>
      </g>`;
    });

    const boxes = [
      { name: TEXT.sum, value: k >= 1 ? trace.runningSum[Math.min(k, n) - 1] : null, on: inPass1 },
      { name: TEXT.mean, value: k >= n ? trace.mean : null, on: k === n },
      {
        name: TEXT.sq,
        value: k > n ? trace.runningSq[Math.min(k - n, n) - 1] : null,
        on: inPass2 && k > n,
      },
      { name: TEXT.variance, value: k >= 2 * n ? trace.variance : null, on: k === 2 * n },
    ];
    const boxEls = boxes.map(
      (b, j) => svg`<g class=${b.on ? 'box active' : 'box'}>
        <rect x=${boxX(j)} y=${boxYOf(j)} width=${boxW} height=${BOX_H} rx="6"></rect>
        <text class="name" x=${boxX(j) + 8} y=${boxYOf(j) + 15}>${t(this.lang, b.name)}</text>
        <text x=${boxX(j) + 8} y=${boxYOf(j) + 36}>${b.value === null ? '—' : f(b.value)}</text>
      </g>`,
    );

    // the element in flight, from its chip to the box it is being added to
    let flyer = nothing;
    if (frac > 0 && k < 2 * n) {
      const i = k < n ? k : k - n;
      const target = k < n ? 0 : 2;
      const from = this.#chipXY(i);
      const to = {
        x: boxX(target) + (boxW - CHIP_W) / 2,
        y: boxYOf(target) + (BOX_H - CHIP_H) / 2,
      };
      const e = ease(frac);
      const x = from.x + (to.x - from.x) * e;
      const y = from.y + (to.y - from.y) * e;
      const text = k < n ? f(v.x[i]) : f(trace.sqDev[i]);
      flyer = svg`<g class="flyer chip">
        <rect x=${x} y=${y} width=${CHIP_W} height=${CHIP_H} rx="5" fill=${color}></rect>
        <text x=${x + CHIP_W / 2} y=${y + 20} text-anchor="middle">${text}</text>
      </g>`;
    }
    return html`<svg
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-label=${t(this.lang, TEXT.picture)(n, this.group)}
    >
      ${chips} ${boxEls} ${flyer}
    </svg>`;
  }

  #table() {
    const v = this.view;
    const { trace } = v;
    const f = formatNumber;
    const lang = this.lang;
    return html`<details>
      <summary>${t(lang, TEXT.table)}</summary>
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t(lang, TEXT.table)}>
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.colK)}</th>
              <th scope="col">${t(lang, TEXT.colElement)}</th>
              <th scope="col">x</th>
              <th scope="col">Σx</th>
              <th scope="col">${t(lang, TEXT.colRunMean)}</th>
              <th scope="col">${t(lang, TEXT.colDev)}</th>
              <th scope="col">Σ(x − μ)²</th>
              <th scope="col">x̂</th>
              <th scope="col">y</th>
            </tr>
          </thead>
          <tbody>
            ${Array.from(
              v.x,
              (x, i) =>
                html`<tr>
                  <td>${i + 1}</td>
                  <td>${this.#label(i)}</td>
                  <td>${f(x)}</td>
                  <td>${f(trace.runningSum[i])}</td>
                  <td>${f(trace.runningMean[i])}</td>
                  <td>${f(trace.sqDev[i])}</td>
                  <td>${f(trace.runningSq[i])}</td>
                  <td>${f(trace.xhat[i])}</td>
                  <td>${f(trace.y[i])}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
  }

  #field(key, label) {
    return textField({
      key,
      label,
      inputmode: key === 'group' ? 'numeric' : 'decimal',
      value: this.texts[key],
      error: this.fieldErrors[key],
      onInput: (e) => this.#onNumber(key, e),
    });
  }

  render() {
    const lang = this.lang;
    const v = this.view;
    if (!v) {
      return this.error
        ? html`<p class="error" role="alert">${this.error}</p>`
        : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    }
    const name = moduleLiteral(v.options).replace(/^nn\./, '');
    const whole = Math.floor(this.position);
    return html`
      ${this.stateNotice ? html`<p class="notice" role="status">${this.stateNotice}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p class="heading">${t(lang, TEXT.heading)(name, this.group, v.n, v.statCount)}</p>
      <div class="controls">
        ${this.#field('group', t(lang, TEXT.group))} ${this.#field('gamma', t(lang, TEXT.gamma))}
        ${this.#field('beta', t(lang, TEXT.beta))}
      </div>
      ${this.#picture()}
      <p class="status" aria-live=${this.playing ? 'off' : 'polite'}>${this.#status(whole)}</p>
      <div class="controls" role="group" aria-label=${t(lang, TEXT.position)}>
        <button
          type="button"
          class="play"
          @click=${() => (this.playing ? this.pause() : this.play())}
        >
          ${t(lang, this.playing ? TEXT.pause : TEXT.play)}
        </button>
        <button type="button" @click=${() => this.step(-1)} ?disabled=${this.position <= 0}>
          ${t(lang, TEXT.back)}
        </button>
        <button type="button" @click=${() => this.step(1)} ?disabled=${this.position >= v.steps}>
          ${t(lang, TEXT.step)}
        </button>
        <button
          type="button"
          @click=${() => {
            this.#stop();
            this.position = 0;
          }}
        >
          ${t(lang, TEXT.reset)}
        </button>
        <label class="field">
          <span>${t(lang, TEXT.speed)}</span>
          <select @change=${(e) => this.#setSpeed(Number(e.target.value))}>
            ${SPEEDS.map(
              (s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`,
            )}
          </select>
        </label>
        <label class="field">
          <span>${t(lang, TEXT.position)}</span>
          <input
            type="range"
            min="0"
            max=${v.steps}
            step="1"
            .value=${String(whole)}
            aria-valuetext=${`${whole} / ${v.steps}`}
            @input=${(e) => {
              this.#stop();
              this.position = Number(e.target.value);
            }}
          />
        </label>
      </div>
      ${this.#table()}
    `;
  }
}

customElements.define('reduction-player', ReductionPlayer);
