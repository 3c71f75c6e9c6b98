// <training-lab>: one experiment of the training lab (web/model/experiments.js), trained live on the
// training module: its runs one after another, with curves of training loss and held-out
// accuracy, the numbers the experiment's statement is about, and the statement itself. The runs
// go on in the training worker, or on the main thread in slices where no worker can start
// (engine/train-client.js); the client's code, the Wasm and the data load only when a lab is shown.
//   <training-lab experiment="norms" steps="100" seed="1"></training-lab>
import { LitElement, html, nothing } from 'lit';
import { EngineController } from '../../controllers/engine-controller.js';
import { DraftFieldController } from '../../controllers/draft-field-controller.js';
import { LangController } from '../../controllers/lang-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { parseInteger, parseNumber } from '../../model/parse.js';
import { NORMS, TRAINING_OPTIMIZERS, networkLayers } from '../../model/training-run.js';
import { dataShape } from '../../model/training-data.js';
import { t } from '../../i18n.js';
import '../pytorch-code.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { chart, resultTable, statement, menu, COLOURS } from './view.js';
import { labScript } from './pytorch.js';
import * as lab from './model.js';

/** The runs a link or an attribute ticks: labels of the experiment's runs, comma-separated. */
export const runsCodec = {
  describe: { type: { zh: '运行名列表', en: 'list of run labels' }, range: 'none,batch,…' },
  parse(text) {
    const labels = text.split(',').map((s) => s.trim());
    if (labels.length > 20 || labels.some((s) => !s || s.length > 40))
      throw new Error('not a list of run labels');
    return labels;
  },
  format: (labels) => labels.join(','),
};

export const STATE_CODECS = {
  experiment: codec.oneOf(lab.EXPERIMENT_KEYS),
  runs: runsCodec,
  norm: codec.oneOf(NORMS),
  batchSize: codec.int(1, 1024),
  op: codec.oneOf(TRAINING_OPTIMIZERS),
  lr: codec.number(0, 10),
  weightDecay: codec.number(0, 10),
  seed: codec.int(0, 2 ** 32 - 1),
  steps: codec.int(1, lab.MAX_STEPS),
};
const SETTING_ATTRIBUTE = { batchSize: 'batch-size', weightDecay: 'weight-decay' };

export class TrainingLab extends LitElement {
  static properties = {
    experiment: { type: String },
    runs: {},
    ...Object.fromEntries(
      lab.SETTINGS.map((n) => [n, { attribute: SETTING_ATTRIBUTE[n] ?? n.toLowerCase() }]),
    ),
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    phase: { state: true }, // idle | running | paused | done | error
  };

  static styles = styles;

  #client = new EngineController(this, {
    load: () => import('../../engine/train-client.js').then((m) => m.TrainingClient),
  });
  #fields = new DraftFieldController(this);
  #run = null; // the TrainingClient, made at the first Train or Step
  #current = -1; // the lane the client runs
  #dropping = false; // messages of a cancelled run still on their way
  #starting = false; // a lane's start not yet confirmed: a step now would be lost
  #pendingSteps = 0;
  #frame = 0;
  #key = '';

  constructor() {
    super();
    this.experiment = 'norms';
    this.runs = null; // every run of the experiment
    for (const name of lab.SETTINGS) this[name] = null; // the experiment's own
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.phase = 'idle';
    this.lanes = [];
    new HashStateController(this, STATE_CODECS);
  }

  get #exp() {
    return lab.experiment(this.experiment) ?? lab.experiment('norms');
  }

  get #settings() {
    return Object.fromEntries(lab.SETTINGS.map((n) => [n, this[n]]));
  }

  /** The lanes a change would give; throws the model's message when a run would refuse it. */
  #lanesFor(exp, settings, runs) {
    const lanes = lab.laneConfigs(exp, settings, runs);
    for (const { config } of lanes) {
      const { rowShape, classes } = dataShape(config);
      networkLayers(config, rowShape, classes);
      if (config.steps > lab.MAX_STEPS)
        throw new Error(t(this.lang, TEXT.badInteger)(1, lab.MAX_STEPS));
    }
    return lanes;
  }

  acceptState(prop, value) {
    const exp = prop === 'experiment' ? lab.experiment(value) : this.#exp;
    if (prop === 'runs') return value.every((l) => exp.runs.some((r) => r.label === l));
    if (!lab.SETTINGS.includes(prop)) return true;
    try {
      this.#lanesFor(exp, { ...this.#settings, [prop]: value }, null);
      return prop in lab.sharedSettings(exp);
    } catch {
      return false;
    }
  }

  willUpdate() {
    const exp = this.#exp;
    const key = JSON.stringify([exp.id, this.runs, this.#settings]);
    if (key === this.#key) return;
    this.#key = key;
    this.#stop();
    let lanes = [];
    try {
      lanes = this.#lanesFor(exp, this.#settings, this.runs);
    } catch (err) {
      this.stateNotice = err.message; // a property set from script that no run takes
    }
    this.lanes = lanes.map((lane) => ({
      ...lane,
      index: exp.runs.findIndex((r) => r.label === lane.label),
      records: [],
      done: false,
    }));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    cancelAnimationFrame(this.#frame);
    this.#run?.terminate();
    this.#run = null;
    this.#stop(false);
  }

  // ---- the run -----------------------------------------------------------------------------------

  /** Back to step 0 of the first lane, nothing running (the shown records cleared). */
  #stop(cancel = true) {
    if (cancel && this.#run && this.#current >= 0) {
      this.#dropping = true;
      this.#run.cancel();
    }
    this.#current = -1;
    this.#starting = false;
    this.#pendingSteps = 0;
    this.phase = 'idle';
    for (const lane of this.lanes) Object.assign(lane, { records: [], done: false });
  }

  #startLane(i, paused) {
    this.#current = i;
    this.#starting = true;
    this.#run ??= new this.#client.value({ onMessage: (m) => this.#onMessage(m) });
    this.#run.start(this.lanes[i].config, { paused });
  }

  #play() {
    if (!this.lanes.length) return;
    if (this.phase === 'done' || this.phase === 'error') this.#stop();
    this.phase = 'running';
    if (this.#current < 0) this.#startLane(0, false);
    else this.#run.resume();
  }

  #pause() {
    this.phase = 'paused';
    this.#run?.pause();
  }

  #step() {
    if (!this.lanes.length) return;
    if (this.phase === 'done' || this.phase === 'error') this.#stop();
    if (this.phase === 'running') this.#run.pause();
    this.phase = 'paused';
    if (this.#current < 0) this.#startLane(0, true);
    if (this.#starting) this.#pendingSteps++;
    else this.#run.step(1);
  }

  #onMessage(m) {
    if (this.#dropping) {
      if (m.type === 'cancelled') this.#dropping = false;
      return;
    }
    const lane = this.lanes[this.#current];
    if (!lane) return;
    if (m.type === 'started') {
      this.#starting = false;
      if (this.#pendingSteps) this.#run.step(this.#pendingSteps);
      this.#pendingSteps = 0;
    } else if (m.type === 'records') lane.records.push(...m.records);
    else if (m.type === 'error') {
      lane.error = m.message;
      this.phase = 'error';
    } else if (m.type === 'done') {
      lane.done = true;
      if (this.#current + 1 < this.lanes.length)
        this.#startLane(this.#current + 1, this.phase !== 'running');
      else this.phase = 'done';
    }
    // one render per frame however many messages came
    if (!this.#frame)
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.requestUpdate();
      });
  }

  // ---- the form ----------------------------------------------------------------------------------

  #commit(name, value) {
    try {
      this.#lanesFor(this.#exp, { ...this.#settings, [name]: value }, this.runs);
    } catch (err) {
      throw new Error(`${err.message}${t(this.lang, TEXT.kept)}`);
    }
    this[name] = value;
  }

  #textField(name, shown, integer, [lo, hi] = []) {
    const lang = this.lang;
    const parse = (text) => {
      const v = integer ? parseInteger(text) : parseNumber(text);
      if (v === null)
        return { error: integer ? t(lang, TEXT.badInteger)(lo, hi) : t(lang, TEXT.badNumber) };
      if (integer && (v < lo || v > hi)) return { error: t(lang, TEXT.badInteger)(lo, hi) };
      return { value: v };
    };
    return this.#fields.field(name, {
      label: t(lang, TEXT[name]),
      value: this[name] ?? shown,
      inputmode: integer ? 'numeric' : 'decimal',
      cls: 'num',
      parse,
      commit: (v) => this.#commit(name, v),
    });
  }

  #menu(name, shown, choices) {
    const lang = this.lang;
    const options = choices.map((c) => [c, t(lang, TEXT[`${name}s`][c])]);
    return html`${menu(name, t(lang, TEXT[name]), this[name] ?? shown, options, (v) => {
      try {
        this.#commit(name, v);
        this.#fields.setError(name, '');
      } catch (err) {
        this.#fields.setError(name, err.message);
      }
    })}${this.#fields.error(name) ? html`<p class="field-error" role="alert">${this.#fields.error(name)}</p>` : nothing}`;
  }

  #settingsForm(exp) {
    const shared = lab.sharedSettings(exp);
    const fields = {
      norm: () => this.#menu('norm', shared.norm, NORMS),
      op: () => this.#menu('op', shared.op, TRAINING_OPTIMIZERS),
      batchSize: () => this.#textField('batchSize', shared.batchSize, true, [1, 1024]),
      lr: () => this.#textField('lr', shared.lr, false),
      weightDecay: () => this.#textField('weightDecay', shared.weightDecay, false),
      seed: () => this.#textField('seed', shared.seed, true, [0, 2 ** 32 - 1]),
      steps: () => this.#textField('steps', shared.steps, true, [1, lab.MAX_STEPS]),
    };
    return lab.SETTINGS.filter((n) => n in shared).map((n) => fields[n]());
  }

  #toggleRun(label, on) {
    const all = this.#exp.runs.map((r) => r.label);
    const ticked = new Set(this.runs ?? all);
    if (on) ticked.add(label);
    else ticked.delete(label);
    this.runs = all.filter((l) => ticked.has(l));
  }

  #status() {
    const lang = this.lang;
    const n = this.lanes.length;
    const lane = this.lanes[Math.max(0, this.#current)];
    if (!n) return t(lang, TEXT.noRun);
    if (this.phase === 'error') return t(lang, TEXT.failed)(lane.error);
    if (this.phase === 'done') return t(lang, TEXT.done)(n);
    if (this.phase === 'idle')
      return t(lang, TEXT.idle)(n, Math.max(...this.lanes.map((l) => l.config.steps)));
    const k = Math.max(0, this.#current) + 1;
    if (this.phase === 'running') return t(lang, TEXT.lane)(k, n, lane.label);
    const step = lane.records.at(-1)?.step ?? 0;
    return `${t(lang, TEXT.paused)} ${t(lang, TEXT.running)(k, n, lane.label, step, lane.config.steps)}`;
  }

  render() {
    const lang = this.lang;
    const exp = this.#exp;
    const ready = this.#client.ready;
    const running = this.phase === 'running';
    const total = this.lanes.reduce((s, l) => s + l.config.steps, 0);
    const done = this.lanes.reduce((s, l) => s + (l.records.at(-1)?.step ?? 0), 0);
    const maxSteps = Math.max(1, ...this.lanes.map((l) => l.config.steps));
    const ticked = this.runs ?? exp.runs.map((r) => r.label);
    return html`
      ${this.stateNotice ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>` : nothing}
      <fieldset class="runs">
        <legend>${t(lang, TEXT.runs)}: ${t(lang, TEXT.experiments[exp.key])}</legend>
        ${exp.runs.map(
          (r, i) =>
            html`<label
              ><input
                type="checkbox"
                data-run=${r.label}
                .checked=${ticked.includes(r.label)}
                @change=${(e) => this.#toggleRun(r.label, e.target.checked)}
              /><span class="swatch" style="background: ${COLOURS[i % COLOURS.length]}"></span
              >${r.label}</label
            >`,
        )}
      </fieldset>
      <div class="controls" role="group" aria-label=${t(lang, TEXT.settings)}>
        ${this.#settingsForm(exp)}
      </div>
      <div class="playback" role="group" aria-label=${t(lang, TEXT.playback)}>
        <button
          type="button"
          class="play"
          aria-pressed=${running ? 'true' : 'false'}
          ?disabled=${!ready || !this.lanes.length}
          @click=${() => (running ? this.#pause() : this.#play())}
        >
          ${t(lang, running ? TEXT.pause : TEXT.play)}
        </button>
        <button
          type="button"
          class="step"
          ?disabled=${!ready || !this.lanes.length}
          @click=${() => this.#step()}
        >
          ${t(lang, TEXT.step)}
        </button>
        <button type="button" class="reset" ?disabled=${!ready} @click=${() => this.#stop()}>
          ${t(lang, TEXT.reset)}
        </button>
        <progress
          max=${total || 1}
          .value=${done}
          aria-label=${t(lang, TEXT.progress)}
          aria-valuetext=${`${done} / ${total}`}
        ></progress>
      </div>
      <p class="status" role="status" aria-live="polite" data-phase=${this.phase}>
        ${ready ? this.#status() : this.#client.error ? String(this.#client.error.message) : t(lang, TEXT.loadingLab)}
      </p>
      <div class="charts">
        ${chart(lang, 'loss', this.lanes, maxSteps)}
        ${chart(lang, 'accuracy', this.lanes, maxSteps)}
      </div>
      ${resultTable(lang, this.lanes, { trainEval: this.lanes.some((l) => l.config.evalTrainSet) })}
      ${statement(lang, exp, lab.isDefault(this.#settings))}
      <pytorch-code
        .code=${labScript(t('en', TEXT.experiments[exp.key]), this.lanes)}
      ></pytorch-code>
    `;
  }
}

customElements.define('training-lab', TrainingLab);
