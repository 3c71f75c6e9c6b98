// <optimizer-race>: SGD, SGD with momentum, Nesterov, Adagrad, RMSprop, Adam and AdamW raced side by
// side on a 2-D loss surface. The contour grid, every trajectory and every loss come from the
// engine (engine.surface(name).grid, engine.trajectory); this element only keeps the state, plays
// it back (PlaybackController) and hands it to view.js. Hyper-parameters are checked by the
// engine, which answers with PyTorch's message.
//   <optimizer-race surface="rosenbrock" steps="200" lanes="sgd,momentum,adam"></optimizer-race>
import { LitElement, html, nothing } from 'lit';
import { parseNumberText, fieldText, TEXT as COMMON } from '../shared/optim-controls.js';
import { markStart, markEnd } from '../shared/measure.js';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController, ConnectedHandle } from '../../controllers/engine-controller.js';
import { PlaybackController } from '../../controllers/playback-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t, formatNumber } from '../../i18n.js';
import {
  FIELDS,
  LANES,
  LANE,
  surfaceDefaults,
  lrFor,
  settingsCodec,
  describeSurfaces,
  contourPaths,
  raceCode,
} from '../../model/race.js';
import { parseInteger } from '../../model/parse.js';
import {
  MAX_STEPS,
  STEPS_PER_SECOND,
  lanesCodec,
  plotScales,
  raceResults,
  laneIds,
  startMovedBy,
  checkedSettings,
  laneRefusal,
  laneCursor,
} from './model.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { plotView, lanesView, inspectorView, tableView, playbackView, setupView } from './view.js';
import '../pytorch-code/index.js';

export class OptimizerRace extends LitElement {
  static properties = {
    surface: { type: String },
    steps: { type: Number },
    start: { converter: { fromAttribute: (s) => String(s).split(',').map(Number) } },
    lanes: { converter: { fromAttribute: laneIds } },
    settings: { attribute: false },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    inspect: { type: String },
    stateNotice: { state: true },
    drafts: { state: true },
    errors: { state: true },
    results: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: (engine) => this.#setUp(engine) });
  // the frame: a function of when play was pressed, the speed and the time now; under reduced
  // motion it jumps a tenth of the race at a time, as a slideshow
  #playback = new PlaybackController(this, {
    stepsPerSecond: STEPS_PER_SECOND,
    end: () => this.steps ?? 0,
    reducedStride: () => Math.max(1, Math.round((this.steps ?? 0) / 10)),
  });
  // the inspected lane's optimizer, stepped along its path as far as the frame went
  #cursor = new ConnectedHandle(this);
  #typed = new Set();
  #framed = false; // whether the frame was put at the end of the first race

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
    this.drafts = {};
    this.errors = {};
    this.results = null;
    this.engine = null;
    this.infos = null;
    this.stepsText = null;
    this.startText = null;
    this.fieldErrors = { steps: '', x: '', y: '' };
    this.contourCache = new Map();
    this.openLanes = new Set(); // lanes whose settings the learner unfolded
    this.inspect = 'adam';
    new HashStateController(this, {
      surface: codec.oneOf(['bowl', 'rosenbrock', 'saddle', 'bowl_l2']),
      steps: codec.int(1, MAX_STEPS),
      start: codec.floats,
      lanes: lanesCodec,
      settings: settingsCodec,
      inspect: codec.oneOf(LANES.map((l) => l.id)),
    });
  }

  /** The step the race shows, fractional while it plays. */
  get frame() {
    return this.#playback.position;
  }

  /** Whether the race is playing. */
  get playing() {
    return this.#playback.playing;
  }

  acceptState(prop, value) {
    return prop !== 'start' || value.length === 2;
  }

  #setUp(engine) {
    this.engine = engine;
    this.infos = describeSurfaces(engine).filter((s) => s.name !== 'bowl_l2');
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
  }

  #info() {
    return this.infos.find((s) => s.name === this.surface);
  }

  /** The link's settings over the defaults, each lane checked by the engine. */
  #checkedSettings(fromLink) {
    const { settings, refused } = checkedSettings(this.engine, this.surface, fromLink);
    const notice = ([id, message]) =>
      t(this.lang, TEXT.linkReset)(t(this.lang, LANE[id].label), message);
    if (refused.length) this.stateNotice = refused.map(notice).join('; ');
    return settings;
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
    // the race opens at its end; a shorter race moves the frame back to its end
    if (!this.#framed || this.frame > this.steps) this.#playback.position = this.steps;
    this.#framed = true;
    // the inspected lane must be racing: else the first one that is
    if (this.lanes.length && !this.lanes.includes(this.inspect)) this.inspect = this.lanes[0];
  }

  updated() {
    markEnd('optimizer-race');
  }

  #computeTrajectories() {
    const { surface, lanes, settings, start, steps } = this;
    this.results = raceResults(this.engine, { surface, lanes, settings, start, steps });
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
    const message = laneRefusal(this.engine, id, candidate, this.start);
    if (!message) this.settings = { ...this.settings, [id]: candidate };
    return message;
  }

  #toggleLane(id, on) {
    const set = new Set(this.lanes);
    if (on) set.add(id);
    else set.delete(id);
    this.lanes = LANES.map((l) => l.id).filter((l) => set.has(l));
  }

  #onSurface(name) {
    this.#playback.pause();
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
    this.#playback.seek(this.steps);
  }

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
    this.#playback.seek(v);
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
    this.#playback.seek(this.steps);
  }

  #onPlotClick(event, scales) {
    const svgEl = this.renderRoot.querySelector('svg.surface');
    const rect = svgEl.getBoundingClientRect();
    const px = ((event.clientX - rect.left) * scales.width) / rect.width;
    const py = ((event.clientY - rect.top) * scales.height) / rect.height;
    this.#playback.pause();
    this.#setStart(scales.x.invert(px), scales.y.invert(py));
  }

  #onPlotKey(event) {
    const moved = startMovedBy(event, this.start, this.#info().view);
    if (!moved) return;
    event.preventDefault();
    this.#playback.pause();
    this.#setStart(...moved);
  }

  #contours(info, scales) {
    const key = `${info.name}:${scales.width}x${scales.height}`;
    if (!this.contourCache.has(key)) {
      this.contourCache.set(key, contourPaths(this.engine, info, scales.x, scales.y));
    }
    return this.contourCache.get(key);
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
    let c = this.#cursor.value;
    if (!c || c.key !== key || c.step > k) {
      c = this.#cursor.replace(() => ({
        key,
        ...laneCursor(this.engine, id, this.settings[id], this.start),
      }));
      if (!c) return null;
    }
    if (c.step < k) {
      c.param = c.optimizer.descend({ surface: this.surface, steps: k - c.step });
      c.grad = c.optimizer.grad;
      c.step = k;
    }
    return { step: c.step, param: c.param, grad: c.grad, state: c.optimizer.state() };
  }

  #inspector() {
    if (!this.lanes.length) return nothing;
    const r = this.results[this.inspect];
    const s = this.#stateAt(Math.min(Math.floor(this.frame), Math.max(0, r.end - 1)));
    if (!s) return nothing;
    return inspectorView({ lanes: this.lanes, shown: this.inspect, s }, this.lang, {
      onInspect: (id) => (this.inspect = id),
    });
  }

  render() {
    const lang = this.lang;
    if (!this.results) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    const info = this.#info();
    const scales = plotScales(info);
    const playback = this.#playback;
    const race = { lanes: this.lanes, results: this.results, frame: this.frame };
    const { lanes, settings, start, steps } = this;
    const code = { lanes, settings, start, steps };
    return html`
      ${setupView(this, lang, {
        surface: (name) => this.#onSurface(name),
        steps: (text) => this.#onSteps(text),
        start: (axis, text) => this.#onStartText(axis, text),
      })}
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${plotView(
        { ...race, info, scales, contours: this.#contours(info, scales), start: this.start },
        lang,
        { onKey: (e) => this.#onPlotKey(e), onClick: (e) => this.#onPlotClick(e, scales) },
      )}
      ${playbackView(playback, this.steps, lang)}
      ${tableView({ ...race, view: info.view, steps: this.steps, playing: playback.playing }, lang)}
      ${this.#inspector()}
      ${lanesView(this, lang, {
        onLane: (id, on) => this.#toggleLane(id, on),
        onField: (id, key, value) => this.#onField(id, key, value),
      })}
      <pytorch-code
        .code=${raceCode({ surface: info.name, title: t('en', info.label), ...code })}
      ></pytorch-code>
    `;
  }
}

customElements.define('optimizer-race', OptimizerRace);
