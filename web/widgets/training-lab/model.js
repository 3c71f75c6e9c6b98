// <training-lab>'s DOM-free part: an experiment's runs with the learner's settings applied, the
// settings a learner may change (those every run of the experiment shares: what the experiment
// varies is chosen by ticking its runs), and the numbers and curves read off a run's records.
import { EXPERIMENTS, experiment } from '../../model/experiments.js';
import { checkConfig, DEFAULT_CONFIG } from '../../model/training-run.js';
import { mean } from '../../model/run-summary.js';

export { experiment };
export const EXPERIMENT_KEYS = EXPERIMENTS.map((e) => e.key);

/** The settings a field or menu may override, in the order the form shows them. */
export const SETTINGS = ['norm', 'batchSize', 'op', 'lr', 'weightDecay', 'seed', 'steps'];
export const MAX_STEPS = 20_000; // a browser run of more steps is no lesson

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
