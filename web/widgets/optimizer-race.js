// <optimizer-race>: SGD, SGD with momentum, Nesterov, Adagrad, RMSprop, Adam and AdamW raced side by
// side on a 2-D loss surface. The contour grid, every trajectory and every loss come from the
// engine (engine.surface(name).grid, engine.trajectory); this file only lays them out and plays
// them back. Hyper-parameters are checked by the engine, which answers with PyTorch's message.
//   <optimizer-race surface="rosenbrock" steps="200" lanes="sgd,momentum,adam"></optimizer-race>
import { hostStyle } from './shared/host-style.js';
import { fieldInput, fieldError } from './shared/text-field.js';
import { formStyles, parseNumberText, fieldText, TEXT as COMMON } from './shared/optim-controls.js';
import { markStart, markEnd } from './shared/measure.js';
import { LitElement, html, svg, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { scaleLinear } from 'd3-scale';
import {
  symbol,
  symbolCircle,
  symbolSquare,
  symbolTriangle,
  symbolDiamond,
  symbolStar,
  symbolCross,
  symbolWye,
} from 'd3-shape';
import { getEngine } from '../engine/shared.js';
import { ConnectedHandle } from '../controllers/connected-handle.js';
import { tickAnchor, tickBaseline, clearsXLabels } from '../charts/tick-labels.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import {
  FIELDS,
  LANES,
  LANE,
  surfaceDefaults,
  lrFor,
  laneArgs,
  defaultSettings,
  settingsCodec,
  describeSurfaces,
  contourPaths,
  raceCode,
} from '../model/race.js';
import { BUFFER_NAMES } from '../model/optimizers.js';
import { parseInteger } from '../model/parse.js';

// read from here by tests/e2e/ch-race.test.mjs until it imports model/race.js
export { LANES, laneArgs, defaultSettings };
import './pytorch-code/index.js';

// ---- the racers ---------------------------------------------------------------------------------

const SYMBOLS = [
  symbolCircle,
  symbolSquare,
  symbolTriangle,
  symbolDiamond,
  symbolStar,
  symbolCross,
  symbolWye,
];
const COLOURS = ['#d62728', '#1f77b4', '#9467bd', '#8c564b', '#e377c2', '#2ca02c', '#ff7f0e'];

const lanesCodec = {
  parse(text) {
    const ids = text.split(',').filter(Boolean);
    const known = [...new Set(ids.filter((id) => LANE[id]))];
    for (const id of ids)
      if (!LANE[id]) {
        // an attribute keeps the racers it names that exist (url-state.js: partial)
        const err = new Error(`"${id.slice(0, 20)}" is not a racer`);
        if (known.length) err.partial = known;
        throw err;
      }
    return known;
  },
  format: (ids) => ids.join(','),
};

// ---- text ---------------------------------------------------------------------------------------

const TEXT = {
  inspect: { zh: '查看优化器状态', en: 'Look inside' },
  inside: {
    zh: (k) => `第 ${k} 步之后它保存的状态（optimizer.state，由引擎算出）`,
    en: (k) => `What it keeps after step ${k} (optimizer.state, from the engine)`,
  },
  noState: {
    zh: '还没有走过一步：状态在第一次 step() 时才创建。',
    en: 'No step yet: the state is created by the first step().',
  },
  quantity: { zh: '量', en: 'Quantity' },
  theta: { zh: '参数 θ', en: 'parameter θ' },
  gradient: { zh: (k) => `第 ${k} 步的梯度 g`, en: (k) => `gradient g of step ${k}` },
  surface: { zh: '损失曲面', en: 'Loss surface' },
  steps: { zh: '步数', en: 'Steps' },
  startX: { zh: '起点 x', en: 'Start x' },
  startY: { zh: '起点 y', en: 'Start y' },
  racers: { zh: '参赛的优化器', en: 'Racers' },
  settings: { zh: '超参数', en: 'Hyper-parameters' },
  show: { zh: '参赛', en: 'Race' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  step: { zh: '前进一步', en: 'Step' },
  rewind: { zh: '回到起点', en: 'Back to start' },
  speed: { zh: '速度', en: 'Speed' },
  playback: { zh: '播放控制', en: 'Playback' },
  scrub: { zh: '当前步', en: 'Current step' },
  plot: {
    zh: '起点：点击曲面放置，或聚焦此处用方向键移动（Shift 加速）',
    en: 'Start point: click the surface to place it, or focus here and use the arrow keys (Shift: bigger moves)',
  },
  picture: {
    zh: (name, parts) => `${name} 的等高线和各优化器的轨迹。${parts}`,
    en: (name, parts) => `Contours of ${name} and each optimizer's path. ${parts}`,
  },
  at: { zh: (x, y) => `位于 (${x}, ${y})`, en: (x, y) => `at (${x}, ${y})` },
  racer: { zh: '优化器', en: 'Optimizer' },
  loss: { zh: '损失', en: 'Loss' },
  position: { zh: '位置 (x, y)', en: 'Position (x, y)' },
  note: { zh: '说明', en: 'Note' },
  diverged: { zh: (k) => `第 ${k} 步发散`, en: (k) => `diverged at step ${k}` },
  outside: { zh: '跑出了画面', en: 'left the picture' },
  best: { zh: '损失最低', en: 'lowest loss' },
  status: {
    zh: (k, n, best) => `第 ${k} / ${n} 步。${best}`,
    en: (k, n, best) => `Step ${k} of ${n}. ${best}`,
  },
  leader: {
    zh: (name, loss) => `损失最低：${name}（${loss}）。`,
    en: (name, loss) => `Lowest loss: ${name} (${loss}).`,
  },
  noRacer: { zh: '请至少选择一个优化器。', en: 'Choose at least one optimizer.' },
  badSteps: {
    zh: '步数是 1 到 2000 之间的整数；当前仍使用上一个有效值',
    en: 'Steps is a whole number from 1 to 2000; the last valid value is still in use',
  },
  badStart: {
    zh: (lo, hi) => `起点要在画面内（${lo} 到 ${hi}）；当前仍使用上一个有效值`,
    en: (lo, hi) =>
      `The start must lie in the picture (${lo} to ${hi}); the last valid value is still in use`,
  },
  linkReset: {
    zh: (name, msg) => `链接里 ${name} 的超参数被 PyTorch 拒绝（${msg}），已恢复默认值`,
    en: (name, msg) => `The link's settings for ${name} were refused by PyTorch (${msg}) and reset`,
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

const MAX_STEPS = 2000;
const STEPS_PER_SECOND = 25;
const SPEEDS = [0.25, 0.5, 1, 2, 4];
const PLOT_W = 560;

// ---- the widget ---------------------------------------------------------------------------------

export class OptimizerRace extends LitElement {
  static properties = {
    surface: { type: String },
    steps: { type: Number },
    start: { converter: { fromAttribute: (s) => String(s).split(',').map(Number) } },
    lanes: {
      converter: {
        fromAttribute: (s) =>
          String(s)
            .split(',')
            .filter((id) => LANE[id]),
      },
    },
    settings: { attribute: false },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    inspect: { type: String },
    stateNotice: { state: true },
    frame: { state: true },
    playing: { state: true },
    speed: { state: true },
    drafts: { state: true },
    errors: { state: true },
    results: { state: true },
  };

  static styles = [
    hostStyle,
    formStyles,
    css`
      .plot {
        position: relative;
        max-width: 720px;
        margin: 0.6em 0;
        border: 1px solid var(--nl-border, #c8cdd6);
        border-radius: 6px;
        cursor: crosshair;
        touch-action: manipulation;
      }
      .contour {
        fill: none;
        stroke: var(--nl-muted, #5b6472);
        stroke-opacity: 0.45;
        stroke-width: 1;
      }
      .axis text {
        fill: var(--nl-muted, #5b6472);
        font-size: 11px;
      }
      .axis line {
        stroke: var(--nl-border, #c8cdd6);
      }
      .path {
        fill: none;
        stroke-width: 2;
        stroke-linejoin: round;
      }
      .start {
        fill: none;
        stroke: var(--nl-fg, #1d2330);
        stroke-width: 2;
      }
      .minimum {
        fill: var(--nl-fg, #1d2330);
      }
      .lanes {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16em, 1fr));
        gap: 0.4em 0.8em;
      }
      .lane {
        border: 1px solid var(--nl-border, #c8cdd6);
        border-radius: 6px;
        padding: 0.3em 0.5em;
      }
      .lane summary {
        cursor: pointer;
        font-size: 0.9em;
        color: var(--nl-muted, #5b6472);
      }
      .lane .fields {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em 0.6em;
        margin-top: 0.3em;
      }
      .lane .field {
        display: flex;
        flex-direction: column;
      }
      .key {
        display: inline-block;
        vertical-align: middle;
      }
      .status {
        font-weight: 600;
        margin: 0.4em 0;
      }
      tr.best td {
        font-weight: 600;
      }
      .notice {
        color: var(--nl-muted, #5b6472);
        font-size: 0.9em;
      }
      .inspect {
        margin: 0.6em 0;
      }
      .caption {
        font-weight: 600;
        margin: 0.4em 0 0.2em;
      }
    `,
  ];

  constructor() {
    super();
    this.surface = null; // the engine's first surface unless an attribute or the link says
    this.steps = null; // the surface's own number unless an attribute or the link says
    this.start = null;
    this.lanes = LANES.map((l) => l.id);
    this.settings = null;
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.frame = null;
    this.playing = false;
    this.speed = 1;
    this.drafts = {};
    this.errors = {};
    this.results = null;
    this.engine = null;
    this.infos = null;
    this.stepsText = null;
    this.startText = null;
    this.fieldErrors = { steps: '', x: '', y: '' };
    this.timer = 0;
    this.contourCache = new Map();
    this.openLanes = new Set(); // lanes whose settings the learner unfolded
    this.inspect = 'adam';
    // the inspected lane's optimizer, stepped along its path as far as the frame went
    this.cursor = new ConnectedHandle(this);
    new HashStateController(this, {
      surface: codec.oneOf(['bowl', 'rosenbrock', 'saddle', 'bowl_l2']),
      steps: codec.int(1, MAX_STEPS),
      start: codec.floats,
      lanes: lanesCodec,
      settings: settingsCodec,
      inspect: codec.oneOf(LANES.map((l) => l.id)),
    });
  }

  acceptState(prop, value) {
    return prop !== 'start' || value.length === 2;
  }

  async connectedCallback() {
    super.connectedCallback();
    this.reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
    this.engine = await getEngine();
    // removed while the engine loaded: it sets up again when it is put back
    if (!this.isConnected) return;
    this.infos = describeSurfaces(this.engine).filter((s) => s.name !== 'bowl_l2');
    if (!this.infos.some((s) => s.name === this.surface)) this.surface = this.infos[0].name;
    const info = this.#info();
    // attributes of a blog post may say anything: a start outside the picture, steps of "abc"
    const [xmin, xmax, ymin, ymax] = info.view;
    const [sx, sy] = this.start ?? [];
    if (!(sx >= xmin && sx <= xmax && sy >= ymin && sy <= ymax)) this.start = [...info.start];
    if (!(Number.isInteger(this.steps) && this.steps >= 1 && this.steps <= MAX_STEPS)) {
      this.steps = surfaceDefaults(this.surface).steps;
    }
    if (!LANE[this.inspect]) this.inspect = 'adam';
    this.settings = this.#checkedSettings(this.settings ?? {});
    this.requestUpdate();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    // this.cursor deletes its optimizer itself, and makes none while the race is off the page:
    // stopping the playback here renders the race once more
    this.#stop();
  }

  #info() {
    return this.infos.find((s) => s.name === this.surface);
  }

  /** The link's settings over the defaults, each lane checked by the engine. */
  #checkedSettings(fromLink) {
    const merged = defaultSettings(this.surface);
    const notices = [];
    for (const [id, s] of Object.entries(fromLink)) {
      const candidate = { ...merged[id], ...s };
      try {
        this.engine.optimizer(LANE[id].op, laneArgs(id, candidate), [0, 0]).delete();
        merged[id] = candidate;
      } catch (err) {
        notices.push(t(this.lang, TEXT.linkReset)(t(this.lang, LANE[id].label), err.message));
      }
    }
    if (notices.length) this.stateNotice = notices.join('; ');
    return merged;
  }

  willUpdate(changed) {
    if (!this.engine || !this.settings) return;
    // the fields keep what the learner typed; a click, a key or the link rewrites them
    const typed = this.#typed;
    this.#typed = new Set();
    if (this.stepsText === null || (changed.has('steps') && !typed.has('steps'))) {
      if (!this.fieldErrors.steps) this.stepsText = String(this.steps);
    }
    if (this.startText === null || (changed.has('start') && !typed.has('start'))) {
      if (!this.fieldErrors.x && !this.fieldErrors.y) {
        this.startText = this.start.map((v) => fieldText(+v.toFixed(4)));
      }
    }
    if (['surface', 'steps', 'start', 'lanes', 'settings'].some((k) => changed.has(k))) {
      markStart('optimizer-race');
      this.#computeTrajectories();
    }
    if (this.frame === null || this.frame > this.steps) this.frame = this.steps;
    // the inspected lane must be racing: else the first one that is
    if (this.lanes.length && !this.lanes.includes(this.inspect)) this.inspect = this.lanes[0];
  }

  updated() {
    markEnd('optimizer-race');
  }

  #computeTrajectories() {
    const results = {};
    for (const id of this.lanes) {
      const lane = LANE[id];
      const r = this.engine.trajectory(
        this.surface,
        lane.op,
        laneArgs(id, this.settings[id]),
        this.start,
        this.steps,
      );
      // the first step whose point or loss is not finite: the path ends there
      let end = r.loss.length;
      for (let i = 0; i < r.loss.length; i++) {
        if (!Number.isFinite(r.x[i]) || !Number.isFinite(r.y[i]) || !Number.isFinite(r.loss[i])) {
          end = i;
          break;
        }
      }
      results[id] = { ...r, end };
    }
    this.results = results;
  }

  // ---- edits ------------------------------------------------------------------------------------

  #setDraft(id, key, text) {
    this.drafts = { ...this.drafts, [id]: { ...this.drafts[id], [key]: text } };
  }

  #setError(id, key, message) {
    const lane = { ...this.errors[id] };
    if (message) lane[key] = message;
    else delete lane[key];
    this.errors = { ...this.errors, [id]: lane };
  }

  /** A hyper-parameter typed into a lane: checked by the engine before the race uses it. */
  #onField(id, key, raw) {
    const flag = FIELDS[key].flag;
    if (!flag) this.#setDraft(id, key, raw);
    const value = flag ? raw : parseNumberText(raw);
    if (value === null) {
      this.#setError(id, key, t(this.lang, COMMON.notNumber));
      return;
    }
    const message = this.#tryLane(id, { ...this.settings[id], [key]: value });
    this.#setError(id, key, message);
    // a field refused earlier may be fine now that this one changed (Nesterov's pair, say)
    for (const [other, text] of Object.entries(this.drafts[id] ?? {})) {
      if (other === key || !this.errors[id]?.[other]) continue;
      const v = parseNumberText(text);
      if (v !== null && !this.#tryLane(id, { ...this.settings[id], [other]: v })) {
        this.#setError(id, other, '');
      }
    }
  }

  /** Commits the lane's settings if the engine accepts them; returns PyTorch's message if not. */
  #tryLane(id, candidate) {
    try {
      this.engine.optimizer(LANE[id].op, laneArgs(id, candidate), this.start).delete();
    } catch (err) {
      return err.message;
    }
    this.settings = { ...this.settings, [id]: candidate };
    return '';
  }

  #toggleLane(id, on) {
    const set = new Set(this.lanes);
    if (on) set.add(id);
    else set.delete(id);
    this.lanes = LANES.map((l) => l.id).filter((l) => set.has(l));
  }

  #onSurface(name) {
    this.#stop();
    this.surface = name;
    const info = this.#info();
    this.start = [...info.start];
    this.startText = null;
    // each surface comes with learning rates that make its race worth watching
    const next = {};
    for (const l of LANES) next[l.id] = { ...this.settings[l.id], lr: lrFor(name, l.id) };
    this.settings = next;
    this.drafts = {};
    this.errors = {};
    this.fieldErrors = { steps: '', x: '', y: '' };
    this.steps = surfaceDefaults(name).steps;
    this.stepsText = String(this.steps);
    this.frame = this.steps;
  }

  #typed = new Set();

  #onSteps(text) {
    this.stepsText = text;
    const v = parseInteger(text);
    if (v === null || v < 1 || v > MAX_STEPS) {
      this.fieldErrors = { ...this.fieldErrors, steps: t(this.lang, TEXT.badSteps) };
      this.requestUpdate();
      return;
    }
    this.fieldErrors = { ...this.fieldErrors, steps: '' };
    this.#typed.add('steps');
    this.steps = v;
    this.frame = v;
  }

  #onStartText(axis, text) {
    const texts = [...this.startText];
    texts[axis] = text;
    this.startText = texts;
    const v = parseNumberText(text);
    const [xmin, xmax, ymin, ymax] = this.#info().view;
    const [lo, hi] = axis === 0 ? [xmin, xmax] : [ymin, ymax];
    const key = axis === 0 ? 'x' : 'y';
    if (v === null || v < lo || v > hi) {
      this.fieldErrors = {
        ...this.fieldErrors,
        [key]: t(this.lang, TEXT.badStart)(formatNumber(lo), formatNumber(hi)),
      };
      this.requestUpdate();
      return;
    }
    this.fieldErrors = { ...this.fieldErrors, [key]: '' };
    const start = [...this.start];
    start[axis] = v;
    this.#typed.add('start');
    this.start = start;
  }

  #setStart(x, y) {
    const [xmin, xmax, ymin, ymax] = this.#info().view;
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    this.fieldErrors = { ...this.fieldErrors, x: '', y: '' };
    this.start = [clamp(x, xmin, xmax), clamp(y, ymin, ymax)];
    this.startText = null;
    this.frame = this.steps;
  }

  #onPlotClick(event, scales) {
    const svgEl = this.renderRoot.querySelector('svg.surface');
    const rect = svgEl.getBoundingClientRect();
    const px = ((event.clientX - rect.left) * scales.width) / rect.width;
    const py = ((event.clientY - rect.top) * scales.height) / rect.height;
    this.#stop();
    this.#setStart(scales.x.invert(px), scales.y.invert(py));
  }

  #onPlotKey(event) {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const [xmin, xmax, ymin, ymax] = this.#info().view;
    const unit = (event.shiftKey ? 0.1 : 0.02) * Math.min(xmax - xmin, ymax - ymin);
    this.#stop();
    this.#setStart(this.start[0] + move[0] * unit, this.start[1] + move[1] * unit);
  }

  // ---- playback: the frame is a function of (state, time) -----------------------------------------

  #play() {
    if (this.frame >= this.steps) this.frame = 0;
    this.playing = true;
    this.#schedule();
  }

  #schedule() {
    const origin = { time: performance.now(), frame: this.frame };
    if (this.reducedMotion?.matches) {
      // no motion: jump a tenth of the race at a time, as a slideshow
      const tick = () => {
        const chunk = Math.max(1, Math.round(this.steps / 10));
        this.frame = Math.min(this.steps, Math.floor(this.frame) + chunk);
        if (this.frame >= this.steps) this.playing = false;
        else this.timer = setTimeout(tick, 700 / this.speed);
      };
      this.timer = setTimeout(tick, 700 / this.speed);
      return;
    }
    const frame = (now) => {
      // a frame's timestamp can precede the click that started the clock by a few ms
      const elapsed = Math.max(0, now - origin.time) / 1000;
      this.frame = Math.min(this.steps, origin.frame + elapsed * STEPS_PER_SECOND * this.speed);
      if (this.frame >= this.steps) this.playing = false;
      else this.timer = requestAnimationFrame(frame);
    };
    this.timer = requestAnimationFrame(frame);
  }

  #stop() {
    cancelAnimationFrame(this.timer);
    clearTimeout(this.timer);
    this.playing = false;
  }

  #step() {
    this.#stop();
    this.frame = Math.min(this.steps, Math.floor(this.frame) + 1);
  }

  #setSpeed(speed) {
    this.speed = speed;
    if (this.playing) {
      this.#stop();
      this.playing = true;
      this.#schedule();
    }
  }

  // ---- drawing ----------------------------------------------------------------------------------

  #scales(info) {
    const [xmin, xmax, ymin, ymax] = info.view;
    const width = PLOT_W;
    const height = Math.round(Math.min(1.1, Math.max(0.5, (ymax - ymin) / (xmax - xmin))) * width);
    return {
      width,
      height,
      x: scaleLinear().domain([xmin, xmax]).range([0, width]),
      y: scaleLinear().domain([ymin, ymax]).range([height, 0]),
    };
  }

  #contours(info, scales) {
    const key = `${info.name}:${scales.width}x${scales.height}`;
    if (!this.contourCache.has(key)) {
      this.contourCache.set(key, contourPaths(this.engine, info, scales.x, scales.y));
    }
    return this.contourCache.get(key);
  }

  /** Where a lane is at the (fractional) frame, and how much of its path to draw. */
  #position(r) {
    const last = Math.max(0, r.end - 1);
    const f = Math.max(0, Math.min(this.frame, last));
    const i = Math.floor(f);
    const j = Math.min(i + 1, last);
    const a = f - i;
    return { i, x: r.x[i] + (r.x[j] - r.x[i]) * a, y: r.y[i] + (r.y[j] - r.y[i]) * a };
  }

  #plot(info, scales) {
    const { x, y, width, height } = scales;
    const lang = this.lang;
    const paths = this.lanes.map((id) => {
      const r = this.results[id];
      const k = LANES.findIndex((l) => l.id === id);
      const p = this.#position(r);
      const points = [];
      for (let i = 0; i <= p.i; i++) points.push(`${x(r.x[i]).toFixed(1)},${y(r.y[i]).toFixed(1)}`);
      points.push(`${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`);
      const marker = symbol(SYMBOLS[k], 90)();
      const mx = Math.min(width, Math.max(0, x(p.x)));
      const my = Math.min(height, Math.max(0, y(p.y)));
      return svg`<g data-lane=${id} style="color: var(--nl-race-${id}, ${COLOURS[k]})">
        <polyline class="path" stroke="currentColor" points=${points.join(' ')}></polyline>
        <path d=${marker} transform="translate(${mx.toFixed(1)},${my.toFixed(1)})"
          fill="currentColor" stroke="var(--nl-bg, #fff)" stroke-width="1"></path>
      </g>`;
    });
    const description = this.lanes
      .map((id) => {
        const p = this.#position(this.results[id]);
        return `${t(lang, LANE[id].label)} ${t(lang, TEXT.at)(formatNumber(p.x), formatNumber(p.y))}`;
      })
      .join('; ');
    const xTicks = x.ticks(6);
    const yTicks = y.ticks(5).filter((v) => clearsXLabels(y(v), height));
    return html`<div
      class="plot"
      tabindex="0"
      role="group"
      aria-label=${t(lang, TEXT.plot)}
      @keydown=${(e) => this.#onPlotKey(e)}
      @click=${(e) => this.#onPlotClick(e, scales)}
    >
      <svg
        class="surface"
        viewBox="0 0 ${width} ${height}"
        role="img"
        aria-label=${t(lang, TEXT.picture)(t(lang, info.label), description)}
      >
        <defs>
          <clipPath id="clip"><rect width=${width} height=${height}></rect></clipPath>
        </defs>
        <g clip-path="url(#clip)">
          ${this.#contours(info, scales).map((c) => svg`<path class="contour" d=${c.d}></path>`)}
          ${info.minima.map(
            ([mx, my]) =>
              svg`<path class="minimum" d=${symbol(symbolCross, 70)()}
                transform="translate(${x(mx)},${y(my)}) rotate(45)"></path>`,
          )}
          <circle class="start" cx=${x(this.start[0])} cy=${y(this.start[1])} r="7"></circle>
          ${paths}
        </g>
        <g class="axis">
          ${xTicks.map((v) => {
            const label = formatNumber(v);
            const anchor = tickAnchor(x(v), label, [0, width]);
            return svg`<text x=${x(v)} y=${height - 4} text-anchor=${anchor}>${label}</text>`;
          })}
          ${yTicks.map(
            (v) => svg`<text x="4" y=${tickBaseline(y(v), [0, height])}>${formatNumber(v)}</text>`,
          )}
        </g>
      </svg>
    </div>`;
  }

  // ---- the form ---------------------------------------------------------------------------------

  #laneForm(lane, k) {
    const lang = this.lang;
    const id = lane.id;
    const s = this.settings[id];
    const on = this.lanes.includes(id);
    const errors = this.errors[id] ?? {};
    const keys = ['lr', ...Object.keys(lane.defaults)];
    const summary = keys
      .filter((key) => !FIELDS[key].flag || s[key])
      .map((key) => (FIELDS[key].flag ? key : `${key}=${fieldText(s[key])}`))
      .join(', ');
    return html`<div class="lane" data-lane=${id}>
      <label class="inline">
        <input
          type="checkbox"
          .checked=${on}
          @change=${(e) => this.#toggleLane(id, e.target.checked)}
        />
        <svg class="key" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
          <path d=${symbol(SYMBOLS[k], 60)()} fill="var(--nl-race-${id}, ${COLOURS[k]})"></path>
        </svg>
        ${t(lang, lane.label)}
      </label>
      <details
        ?open=${this.openLanes.has(id) || Object.keys(errors).length > 0}
        @toggle=${(e) => {
          if (e.target.open) this.openLanes.add(id);
          else this.openLanes.delete(id);
        }}
      >
        <summary>${t(lang, TEXT.settings)}: ${summary}</summary>
        <div class="fields">
          ${keys.map((key) => {
            const f = FIELDS[key];
            const fid = `${id}-${key}`;
            if (f.flag) {
              return html`<label class="inline"
                ><input
                  type="checkbox"
                  .checked=${s[key]}
                  @change=${(e) => this.#onField(id, key, e.target.checked)}
                />${f.label}</label
              >`;
            }
            const text = this.drafts[id]?.[key] ?? fieldText(s[key]);
            return html`<div class="field">
              <label
                >${f.label}
                ${fieldInput({
                  cls: 'num',
                  inputmode: 'decimal',
                  value: text,
                  error: errors[key],
                  errorId: `${fid}-error`,
                  onInput: (e) => this.#onField(id, key, e.target.value),
                })}</label
              >
              ${fieldError(`${fid}-error`, errors[key])}
            </div>`;
          })}
        </div>
      </details>
    </div>`;
  }

  /**
   * The inspected lane's parameter, last gradient and state buffers after step k. Its optimizer
   * walks the same path as engine.trajectory, in C++ (optimizer.descend: the surface's gradient
   * at the float32 point), the steps since the last frame at a time while the race plays; going
   * back starts it over. Null while the race is off the page (a render then shows no inspector
   * and makes no optimizer).
   */
  #stateAt(k) {
    const id = this.inspect;
    const key = JSON.stringify([this.surface, this.start, id, this.settings[id]]);
    let c = this.cursor.value;
    if (!c || c.key !== key || c.step > k) {
      c = this.cursor.replace(() => {
        const optimizer = this.engine.optimizer(
          LANE[id].op,
          laneArgs(id, this.settings[id]),
          this.start,
        );
        const param = Float32Array.from(this.start);
        return {
          key,
          optimizer,
          step: 0,
          param,
          grad: null,
          delete: () => optimizer.delete(),
        };
      });
      if (!c) return null;
    }
    if (c.step < k) {
      c.param = c.optimizer.descend(this.surface, k - c.step);
      c.grad = c.optimizer.grad;
      c.step = k;
    }
    return { step: c.step, param: c.param, grad: c.grad, state: c.optimizer.state() };
  }

  #inspector() {
    const lang = this.lang;
    const lanes = this.lanes;
    if (!lanes.length) return nothing;
    const shown = this.inspect;
    const r = this.results[shown];
    const k = Math.min(Math.floor(this.frame), Math.max(0, r.end - 1));
    const s = this.#stateAt(k);
    if (!s) return nothing;
    const pair = (v) => `(${formatNumber(v[0])}, ${formatNumber(v[1])})`;
    const rows = [[t(lang, TEXT.theta), s.param, 'theta']];
    if (s.grad) rows.push([t(lang, TEXT.gradient)(s.step), s.grad, 'grad']);
    for (const [name, values] of Object.entries(s.state)) {
      const what = BUFFER_NAMES[name];
      rows.push([what ? `${name} (${t(lang, what)})` : name, values, name]);
    }
    return html`<div class="inspect">
      <label class="inline"
        >${t(lang, TEXT.inspect)}
        <select @change=${(e) => (this.inspect = e.target.value)}>
          ${lanes.map(
            (l) =>
              html`<option value=${l} ?selected=${l === shown}>${t(lang, LANE[l].label)}</option>`,
          )}
        </select></label
      >
      <p class="caption">${t(lang, TEXT.inside)(s.step)}</p>
      ${
        s.step === 0 && !Object.keys(s.state).length
          ? html`<p class="muted">${t(lang, TEXT.noState)}</p>`
          : nothing
      }
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.quantity)}</th>
              <th scope="col">(x, y)</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              ([label, v, key]) =>
                html`<tr data-quantity=${key}>
                  <td>${label}</td>
                  <td>${pair(v)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
  }

  #table() {
    const lang = this.lang;
    const [xmin, xmax, ymin, ymax] = this.#info().view;
    const rows = this.lanes.map((id) => {
      const r = this.results[id];
      const p = this.#position(r);
      const i = Math.min(Math.round(this.frame), r.end - 1);
      return { id, r, p, i, loss: r.loss[Math.max(0, i)] };
    });
    const finite = rows.filter((row) => row.r.end > Math.round(this.frame));
    const best = finite.length ? finite.reduce((a, b) => (b.loss < a.loss ? b : a)) : null;
    const status = best
      ? t(lang, TEXT.leader)(t(lang, LANE[best.id].label), formatNumber(best.loss))
      : '';
    return html`
      <p class="status" aria-live="polite">
        ${
          this.playing
            ? ''
            : this.lanes.length
              ? t(lang, TEXT.status)(Math.round(this.frame), this.steps, status)
              : t(lang, TEXT.noRacer)
        }
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.racer)}</th>
              <th scope="col">${t(lang, TEXT.loss)}</th>
              <th scope="col">${t(lang, TEXT.position)}</th>
              <th scope="col">${t(lang, TEXT.note)}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(({ id, r, p, loss }) => {
              const off = p.x < xmin || p.x > xmax || p.y < ymin || p.y > ymax;
              const note =
                r.end <= Math.round(this.frame)
                  ? t(lang, TEXT.diverged)(r.end)
                  : off
                    ? t(lang, TEXT.outside)
                    : best?.id === id
                      ? t(lang, TEXT.best)
                      : '';
              return html`<tr data-lane=${id} class=${best?.id === id ? 'best' : ''}>
                <td>${t(lang, LANE[id].label)}</td>
                <td data-loss>${formatNumber(loss)}</td>
                <td>(${formatNumber(p.x)}, ${formatNumber(p.y)})</td>
                <td>${note}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    `;
  }

  render() {
    const lang = this.lang;
    if (!this.results) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    const info = this.#info();
    const scales = this.#scales(info);
    return html`
      <div class="row">
        <label
          >${t(lang, TEXT.surface)}
          <select @change=${(e) => this.#onSurface(e.target.value)}>
            ${this.infos.map(
              (s) =>
                html`<option value=${s.name} ?selected=${s.name === this.surface}>
                  ${t(lang, s.label)}
                </option>`,
            )}
          </select></label
        >
        <label
          >${t(lang, TEXT.steps)}
          ${fieldInput({
            cls: 'num',
            inputmode: 'numeric',
            value: this.stepsText,
            error: this.fieldErrors.steps,
            errorId: 'steps-error',
            onInput: (e) => this.#onSteps(e.target.value),
          })}</label
        >
        ${['x', 'y'].map(
          (axis, i) =>
            html`<label
              >${t(lang, i ? TEXT.startY : TEXT.startX)}
              ${fieldInput({
                cls: 'num',
                inputmode: 'decimal',
                value: this.startText[i],
                error: this.fieldErrors[axis],
                errorId: 'start-error',
                onInput: (e) => this.#onStartText(i, e.target.value),
              })}</label
            >`,
        )}
      </div>
      ${fieldError('steps-error', this.fieldErrors.steps)}
      ${fieldError('start-error', this.fieldErrors.x || this.fieldErrors.y)}
      ${this.stateNotice ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>` : nothing}
      ${this.#plot(info, scales)}
      <div class="row" role="group" aria-label=${t(lang, TEXT.playback)}>
        <button
          type="button"
          aria-pressed=${this.playing ? 'true' : 'false'}
          @click=${() => (this.playing ? this.#stop() : this.#play())}
        >
          ${t(lang, this.playing ? TEXT.pause : TEXT.play)}
        </button>
        <button type="button" @click=${() => this.#step()}>${t(lang, TEXT.step)}</button>
        <button
          type="button"
          @click=${() => {
            this.#stop();
            this.frame = 0;
          }}
        >
          ${t(lang, TEXT.rewind)}
        </button>
        <label class="inline"
          >${t(lang, TEXT.speed)}
          <select @change=${(e) => this.#setSpeed(Number(e.target.value))}>
            ${SPEEDS.map(
              (s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`,
            )}
          </select></label
        >
        <label class="inline"
          >${t(lang, TEXT.scrub)}
          <input
            type="range"
            min="0"
            max=${this.steps}
            step="1"
            .value=${String(Math.round(this.frame))}
            @input=${(e) => {
              this.#stop();
              this.frame = Number(e.target.value);
            }}
        /></label>
      </div>
      ${this.#table()} ${this.#inspector()}
      <fieldset>
        <legend>${t(lang, TEXT.racers)}</legend>
        <div class="lanes">${LANES.map((l, k) => this.#laneForm(l, k))}</div>
      </fieldset>
      <pytorch-code
        .code=${raceCode({
          surface: info.name,
          title: t('en', info.label),
          lanes: this.lanes,
          settings: this.settings,
          start: this.start,
          steps: this.steps,
        })}
      ></pytorch-code>
    `;
  }
}

customElements.define('optimizer-race', OptimizerRace);
