// <training-lab>'s DOM-free part: an experiment's runs with the learner's settings applied, the
// settings a learner may change (those every run of the experiment shares: what the experiment
// varies is chosen by ticking its runs), and the numbers and curves read off a run's records.
import { EXPERIMENTS, experiment } from '../../model/experiments.js';
import {
  checkConfig,
  DEFAULT_CONFIG,
  NORMS,
  TRAINING_OPTIMIZERS,
} from '../../model/training-run.js';
import { mean } from '../../model/run-summary.js';

export { experiment };
export const EXPERIMENT_KEYS = EXPERIMENTS.map((e) => e.key);

/** The settings a field or menu may override, in the order the form shows them. */
export const SETTINGS = ['norm', 'batchSize', 'op', 'lr', 'weightDecay', 'seed', 'steps'];
export const MAX_STEPS = 20_000; // a browser run of more steps is no lesson

/** How each setting is entered: a menu of `choices`, or a text field (integer in `range`). */
export const SETTING_FIELDS = {
  norm: { choices: NORMS },
  op: { choices: TRAINING_OPTIMIZERS },
  batchSize: { integer: true, range: [1, 1024] },
  lr: {},
  weightDecay: {},
  seed: { integer: true, range: [0, 2 ** 32 - 1] },
  steps: { integer: true, range: [1, MAX_STEPS] },
};

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

/** What a run's config says for a setting (lr: the optimizer's default when it gives none). */
export function settingOf(config, name) {
  const o = config.optimizer ?? DEFAULT_CONFIG.optimizer;
  if (name === 'op') return o.op;
  if (name === 'lr') return checkConfig(config).optimizer.lr;
  if (name === 'weightDecay') return o.weight_decay ?? 0;
  return config[name] ?? DEFAULT_CONFIG[name];
}

/** {name: value} of the settings every run of `exp` shares (the form's fields). */
export function sharedSettings(exp) {
  const out = {};
  for (const name of SETTINGS) {
    const values = exp.runs.map((r) => settingOf(r.config, name));
    if (values.every((v) => v === values[0])) out[name] = values[0];
  }
  return out;
}

/** A run's config with the learner's settings (null: the experiment's) applied. */
export function applySettings(config, settings) {
  const c = { ...config, optimizer: { ...(config.optimizer ?? DEFAULT_CONFIG.optimizer) } };
  for (const name of ['norm', 'batchSize', 'seed'])
    if (settings[name] != null) c[name] = settings[name];
  if (settings.steps != null) {
    c.steps = settings.steps;
    // about ten evals whatever the length
    c.evalEvery = Math.min(
      c.evalEvery ?? DEFAULT_CONFIG.evalEvery,
      Math.max(1, Math.round(c.steps / 10)),
    );
  }
  if (settings.op != null && settings.op !== c.optimizer.op) {
    c.optimizer.op = settings.op;
    delete c.optimizer.lr; // the new optimizer's own default
  }
  if (settings.lr != null) c.optimizer.lr = settings.lr;
  if (settings.weightDecay != null) c.optimizer.weight_decay = settings.weightDecay;
  return c;
}

/** The runs of `exp` the learner ticked (`labels`; null: all), each {label, config}, checked. */
export function laneConfigs(exp, settings, labels) {
  return exp.runs
    .filter((r) => !labels || labels.includes(r.label))
    .map((r) => ({ label: r.label, config: checkConfig(applySettings(r.config, settings)) }));
}

/** Whether the learner's settings leave every run as the statement measured it. */
export const isDefault = (settings) => SETTINGS.every((n) => settings[n] == null);

export const SMOOTHING = 20; // the loss curve and the table: the mean of the last 20 steps' losses

/** The live numbers of one run's records. */
export function laneNumbers(records) {
  const steps = records.filter((r) => r.step > 0);
  const evals = records.filter((r) => r.eval);
  const last = evals.at(-1)?.eval;
  return {
    step: records.at(-1)?.step ?? 0,
    loss: steps.length ? mean(steps.slice(-SMOOTHING).map((r) => r.loss)) : NaN,
    heldOutError: last ? 1 - last.heldOut.accuracy : NaN,
    trainEvalError: last?.train ? 1 - last.train.accuracy : NaN,
    trainModeError: steps.length ? 1 - mean(steps.slice(-200).map((r) => r.trainAccuracy)) : NaN,
    weightNorm: last ? last.weightNorm : NaN,
  };
}

/**
 * The curves of one run: {loss: {xs, ys}} the smoothed training loss at most `points` times,
 * {accuracy: {xs, ys}} the held-out accuracy at each eval.
 */
export function laneCurves(records, points = 300) {
  const losses = [];
  for (const r of records) if (r.step > 0) losses.push(r.loss);
  const stride = Math.max(1, Math.ceil(losses.length / points));
  const loss = { xs: [], ys: [] };
  let sum = 0;
  for (let k = 0; k < losses.length; k++) {
    sum += losses[k];
    if (k >= SMOOTHING) sum -= losses[k - SMOOTHING];
    if ((k + 1) % stride === 0 || k === losses.length - 1) {
      loss.xs.push(k + 1);
      loss.ys.push(sum / Math.min(k + 1, SMOOTHING));
    }
  }
  const evals = records.filter((r) => r.eval);
  return {
    loss,
    accuracy: { xs: evals.map((r) => r.step), ys: evals.map((r) => r.eval.heldOut.accuracy) },
  };
}

/**
 * The lanes of one lab, trained one after another on one TrainingClient (made by `makeClient`
 * at the first play() or step()): play / pause / step / stop, each lane's records as they come,
 * and `onChange()` after every message and command. No DOM.
 * phase: 'idle' | 'running' | 'paused' | 'done' | 'error'.
 */
export class LaneRunner {
  lanes = [];
  phase = 'idle';
  current = -1; // the lane the client runs
  #client = null;
  #dropping = false; // messages of a cancelled run still on their way
  #starting = false; // a lane's start not yet confirmed: a step sent now would be lost
  #pendingSteps = 0;

  constructor({ makeClient, onChange }) {
    this.makeClient = makeClient;
    this.onChange = onChange;
  }

  /** New lanes ({label, config, ...}): the run shown so far is dropped. */
  setLanes(lanes) {
    this.stop();
    this.lanes = lanes.map((lane) => ({ ...lane, records: [], done: false }));
  }

  /** Back to step 0 of the first lane, nothing running (the records cleared). */
  stop() {
    if (this.#client && this.current >= 0) {
      this.#dropping = true;
      this.#client.cancel();
    }
    this.current = -1;
    this.#starting = false;
    this.#pendingSteps = 0;
    this.phase = 'idle';
    for (const lane of this.lanes) Object.assign(lane, { records: [], done: false, error: '' });
    this.onChange();
  }

  /** Ends the client for good (the widget left the page); a later play() makes a new one. */
  dispose() {
    this.#client?.terminate();
    this.#client = null;
    this.#dropping = false;
    this.stop();
  }

  #startLane(i, paused) {
    this.current = i;
    this.#starting = true;
    this.#client ??= this.makeClient((m) => this.#onMessage(m));
    this.#client.start(this.lanes[i].config, { paused });
  }

  play() {
    if (!this.lanes.length) return;
    if (this.phase === 'done' || this.phase === 'error') this.stop();
    this.phase = 'running';
    if (this.current < 0) this.#startLane(0, false);
    else this.#client.resume();
    this.onChange();
  }

  pause() {
    if (this.phase !== 'running') return;
    this.phase = 'paused';
    this.#client.pause();
    this.onChange();
  }

  step() {
    if (!this.lanes.length) return;
    if (this.phase === 'done' || this.phase === 'error') this.stop();
    if (this.phase === 'running') this.#client.pause();
    this.phase = 'paused';
    if (this.current < 0) this.#startLane(0, true);
    if (this.#starting) this.#pendingSteps++;
    else this.#client.step(1);
    this.onChange();
  }

  #onMessage(m) {
    if (this.#dropping) {
      if (m.type === 'cancelled') this.#dropping = false;
      return;
    }
    const lane = this.lanes[this.current];
    if (!lane) return;
    if (m.type === 'started') {
      this.#starting = false;
      const steps = this.#pendingSteps;
      this.#pendingSteps = 0;
      // after the session's start() has set its own first request (a main-thread session emits
      // 'started' just before it does, and would overwrite a step sent from here at once)
      const client = this.#client;
      if (steps) queueMicrotask(() => this.lanes[this.current] === lane && client.step(steps));
    } else if (m.type === 'records') lane.records.push(...m.records);
    else if (m.type === 'error') {
      lane.error = m.message;
      this.phase = 'error';
    } else if (m.type === 'done') {
      lane.done = true;
      if (this.current + 1 < this.lanes.length)
        this.#startLane(this.current + 1, this.phase !== 'running');
      else this.phase = 'done';
    }
    this.onChange();
  }
}
