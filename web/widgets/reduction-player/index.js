// <reduction-player>: the elements of one statistics group flow, one by one, into the running sum
// that gives their mean, then their squared deviations flow into the sum that gives the variance;
// then every element is normalized, then scaled by γ and shifted by β. Which elements form the
// group comes from the engine's plan; every partial sum, mean, variance and output comes from the
// C++ reduction trace (cpp/src/demos/reduction_trace.cpp).
//   <reduction-player kind="batch" shape="2,3,2,2" group="1"></reduction-player>
// The picture is a function of one number, the position (steps done, fractional while a step is
// in flight); playing moves it with time, and prefers-reduced-motion makes it jump whole steps.
import { LitElement } from 'lit';
import { DraftFieldController } from '../../controllers/draft-field-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { LangController } from '../../controllers/lang-controller.js';
import { PlaybackController, prefersReducedMotion } from '../../controllers/playback-controller.js';
import { markStart, markEnd } from '../shared/measure.js';
import { reductionTrace } from '../../engine/reduction-trace.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { parseNumber } from '../../model/parse.js';
import { KINDS, moduleOptions, numel, members, seededValues, resize } from '../../model/norms.js';
import { SPEED_CODEC, STEPS_PER_SECOND, NARROW_PX } from './model.js';
import { styles } from './styles.js';
import { TEXT } from './text.js';
import { reductionPlayerView } from './view.js';

const csv = (text) =>
  String(text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);

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
    view: { state: true },
    error: { state: true },
    narrow: { state: true },
  };
  static styles = styles;

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
    this.view = null;
    this.error = '';
    this.narrow = false;
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

  #engine = new EngineController(this);

  /** The engine once loaded, else null. */
  get engine() {
    return this.#engine.value;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  #resize = new ResizeObserver(([entry]) => {
    this.narrow = entry.contentRect.width < NARROW_PX;
  });

  disconnectedCallback() {
    super.disconnectedCallback(); // the clock stops with it (PlaybackController.hostDisconnected)
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
      this.#fields.reset('group');
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
    // (a link or an attribute replacing the value shows the new value instead)
    for (const key of ['gamma', 'beta', 'group'])
      if (changed.has(key) && !this.#fromField.has(key)) this.#fields.reset(key);
    this.#fromField.clear();
    // a speed from a link or an attribute: the clock runs at it
    if (changed.has('speed') && this.#playback.speed !== this.speed)
      this.#playback.setSpeed(this.speed);
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
      if (!sameGroup) this.#stopAt(0);
      else if (this.position > this.view.steps) this.#playback.seek(this.view.steps);
    } catch (err) {
      this.error = err.message;
    }
  }

  updated() {
    markEnd('reduction-player');
  }

  // ---- time -------------------------------------------------------------------------------------

  /** The clock: the position is steps done, fractional while a step is in flight. */
  #playback = new PlaybackController(this, {
    stepsPerSecond: STEPS_PER_SECOND,
    end: () => this.view?.steps ?? 0,
  });

  /** Steps done, fractional while a step is in flight. */
  get position() {
    return this.#playback.position;
  }

  get playing() {
    return this.#playback.playing;
  }

  static reducedMotion() {
    return prefersReducedMotion();
  }

  /** The position at time `now` while playing: a pure function of the anchor, speed and time. */
  positionAt(now) {
    return this.#playback.positionAt(now);
  }

  play() {
    if (!this.view) return;
    this.#playback.play();
  }

  pause() {
    this.#playback.pause();
  }

  step(delta) {
    if (!this.view) return;
    const wasPlaying = this.playing;
    this.#playback.step(delta);
    if (wasPlaying && this.position < this.view.steps) this.#playback.play();
  }

  /** Stops the clock and puts the position at `position`. */
  #stopAt(position) {
    this.#playback.pause();
    this.#playback.seek(position);
  }

  #setSpeed(value) {
    this.#playback.setSpeed(value);
    this.speed = value;
  }

  // ---- fields -----------------------------------------------------------------------------------

  /** The drafts of the group, γ and β fields and their messages. */
  #fields = new DraftFieldController(this);
  #fromField = new Set(); // keys just committed from their field: their drafts stay as typed

  /** A field's text read: γ and β any number, the group a whole number this plan has. */
  #parseField(key, text) {
    const value = parseNumber(text);
    if (key !== 'group')
      return value === null ? { error: t(this.lang, TEXT.notNumber) } : { value };
    const count = this.view?.statCount ?? 1;
    const ok = value !== null && Number.isInteger(value) && value >= 0 && value < count;
    return ok ? { value } : { error: t(this.lang, TEXT.groupRange)(count) };
  }

  #field(key, label) {
    return this.#fields.field(key, {
      label,
      inputmode: key === 'group' ? 'numeric' : 'decimal',
      value: this[key],
      format: String,
      parse: (text) => this.#parseField(key, text),
      commit: (value) => {
        this.#fromField.add(key);
        this[key] = value;
      },
    });
  }

  #viewCallbacks = {
    field: (key, label) => this.#field(key, label),
    toggle: () => (this.playing ? this.pause() : this.play()),
    step: (delta) => this.step(delta),
    reset: () => this.#stopAt(0),
    setSpeed: (value) => this.#setSpeed(value),
    seek: (position) => this.#stopAt(position),
  };

  render() {
    return reductionPlayerView(this, this.#viewCallbacks);
  }
}

customElements.define('reduction-player', ReductionPlayer);
