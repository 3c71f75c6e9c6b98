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
import { NORMS, TRAINING_OPTIMIZERS, networkLayers } from '../../model/training-run.js';
import { dataShape } from '../../model/training-data.js';
import { t } from '../../i18n.js';
import '../pytorch-code/index.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import {
  chart,
  resultTable,
  statement,
  menu,
  runsPicker,
  playbackRow,
  statusText,
  fieldParser,
} from './view.js';
import { labScript } from './pytorch.js';
import * as lab from './model.js';

export const STATE_CODECS = {
  experiment: codec.oneOf(lab.EXPERIMENT_KEYS),
  runs: lab.runsCodec,
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
  };

  static styles = styles;

  #client = new EngineController(this, {
    load: () => import('../../engine/train-client.js').then((m) => m.TrainingClient),
  });
  #fields = new DraftFieldController(this);
  // the lanes' runs, one after another on one TrainingClient made at the first Train or Step
  #runner = new lab.LaneRunner({
    makeClient: (onMessage) => new this.#client.value({ onMessage }),
    // one render per frame however many messages came
    onChange: () => {
      this.#frame ||= requestAnimationFrame(() => {
        this.#frame = 0;
        this.requestUpdate();
      });
    },
  });
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
    let lanes = [];
    try {
      lanes = this.#lanesFor(exp, this.#settings, this.runs);
    } catch (err) {
      this.stateNotice = err.message; // a property set from script that no run takes
    }
    this.#runner.setLanes(
      lanes.map((lane) => ({ ...lane, index: exp.runs.findIndex((r) => r.label === lane.label) })),
    );
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#runner.dispose();
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

  #settingsForm(exp) {
    const lang = this.lang;
    const shared = lab.sharedSettings(exp);
    return lab.SETTINGS.filter((n) => n in shared).map((name) => {
      const { choices, integer, range } = lab.SETTING_FIELDS[name];
      const label = t(lang, TEXT[name]);
      if (choices) {
        const options = choices.map((c) => [c, t(lang, TEXT[`${name}s`][c])]);
        return menu(
          name,
          label,
          this[name] ?? shared[name],
          options,
          this.#fields.error(name),
          (v) => {
            try {
              this.#commit(name, v);
              this.#fields.setError(name, '');
            } catch (err) {
              this.#fields.setError(name, err.message);
            }
          },
        );
      }
      return this.#fields.field(name, {
        label,
        value: this[name] ?? shared[name],
        format: String,
        inputmode: integer ? 'numeric' : 'decimal',
        cls: 'num',
        parse: fieldParser(lang, integer, range),
        commit: (v) => this.#commit(name, v),
      });
    });
  }

  #toggleRun(label, on) {
    const all = this.#exp.runs.map((r) => r.label);
    const ticked = new Set(this.runs ?? all);
    if (on) ticked.add(label);
    else ticked.delete(label);
    this.runs = all.filter((l) => ticked.has(l));
  }

  render() {
    const lang = this.lang;
    const exp = this.#exp;
    const ready = this.#client.ready;
    const { lanes, phase, current } = this.#runner;
    const running = phase === 'running';
    const total = lanes.reduce((s, l) => s + l.config.steps, 0);
    const done = lanes.reduce((s, l) => s + (l.records.at(-1)?.step ?? 0), 0);
    const maxSteps = Math.max(1, ...lanes.map((l) => l.config.steps));
    const ticked = this.runs ?? exp.runs.map((r) => r.label);
    return html`
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${runsPicker(lang, exp, ticked, (label, on) => this.#toggleRun(label, on))}
      <div class="controls" role="group" aria-label=${t(lang, TEXT.settings)}>
        ${this.#settingsForm(exp)}
      </div>
      ${playbackRow(lang, {
        ready,
        running,
        runnable: ready && lanes.length > 0,
        total,
        done,
        onPlay: () => (running ? this.#runner.pause() : this.#runner.play()),
        onStep: () => this.#runner.step(),
        onReset: () => this.#runner.stop(),
      })}
      <p class="status" role="status" aria-live="polite" data-phase=${phase}>
        ${
          ready
            ? statusText(lang, phase, lanes, current)
            : this.#client.error
              ? String(this.#client.error.message)
              : t(lang, TEXT.loadingLab)
        }
      </p>
      <div class="charts">
        ${chart(lang, 'loss', lanes, maxSteps)} ${chart(lang, 'accuracy', lanes, maxSteps)}
      </div>
      ${resultTable(lang, lanes, { trainEval: lanes.some((l) => l.config.evalTrainSet) })}
      ${statement(lang, exp, lab.isDefault(this.#settings))}
      <pytorch-code .code=${labScript(t('en', TEXT.experiments[exp.key]), lanes)}></pytorch-code>
    `;
  }
}

customElements.define('training-lab', TrainingLab);
