// One training run driven in time slices: the core that both the Web Worker
// (web/engine/train-worker.js) and the main-thread fallback (training-client.js) run, so both
// behave the same. No DOM: time comes from `now`, the next slice is scheduled with `schedule`
// (setTimeout 0 in both places), and everything the run says goes out through `emit`:
//   {type: 'started', config}                 the config as checked (defaults filled in)
//   {type: 'records', records, step, done, sliceMs}   new records of trainingRun (training-run.js)
//                                             and how long the slice that made them took
//   {type: 'paused', step} / {type: 'reset'} / {type: 'cancelled'}
//   {type: 'done', step, heapInUse}           the run ended; its network is freed
//   {type: 'error', message}                  a refused config or a failed step; nothing runs
import { checkConfig, runSlice, trainingRunWithTicks } from './training-run.js';

export const SLICE_MS = 8; // at most about this long between two looks at the event loop

export class TrainingSession {
  /**
   * @param loadEngine () => Promise<TrainEngine>
   * @param loadData (config) => Promise<{train, heldOut}>
   */
  constructor({
    loadEngine,
    loadData,
    emit,
    schedule = (f) => setTimeout(f, 0),
    now = () => performance.now(),
    sliceMs = SLICE_MS,
  }) {
    this.loadEngine = loadEngine;
    this.loadData = loadData;
    this.emit = emit;
    this.schedule = schedule;
    this.now = now;
    this.sliceMs = sliceMs;
    this.run = null;
    this.running = false;
    this.wanted = 0; // records still asked for by step() (or step 0) while paused
    this.pendingSlice = null;
    this.step = 0;
    this.generation = 0; // a slice scheduled for an older run does nothing
  }

  /** Starts `config` (replacing any run); paused: true makes it wait for resume() or step(). */
  async start(config, { paused = false } = {}) {
    this.stop();
    const generation = ++this.generation;
    let checked;
    try {
      checked = checkConfig(config);
      const [engine, data] = await Promise.all([this.loadEngine(), this.loadData(checked)]);
      if (generation !== this.generation) return;
      this.engine = engine;
      this.config = checked;
      this.run = trainingRunWithTicks(engine, data, checked);
      this.step = 0;
    } catch (err) {
      if (generation === this.generation) this.emit({ type: 'error', message: err.message });
      return;
    }
    // step 0 (the untrained network's eval) comes first either way, so a paused run shows where
    // it starts; set before 'started' goes out, so a step() sent in reply to it adds to this
    this.wanted = 1;
    this.running = !paused;
    this.emit({ type: 'started', config: checked });
    this.scheduleSlice();
  }

  resume() {
    if (!this.run || this.running) return;
    this.running = true;
    this.scheduleSlice();
  }

  pause() {
    if (!this.running) return;
    this.running = false;
    this.wanted = 0;
    this.emit({ type: 'paused', step: this.step });
  }

  /** Runs `count` more steps (paused or not), in slices as a running run does. */
  stepBy(count = 1) {
    if (!this.run) return;
    this.wanted += count;
    this.scheduleSlice();
  }

  // One slice at a time: at most sliceMs of steps (one step at least), then the event loop.
  scheduleSlice() {
    if (this.pendingSlice || !this.run) return;
    const token = (this.pendingSlice = {}); // stop() drops it: a slice of an ended run does nothing
    this.schedule(() => {
      if (this.pendingSlice !== token) return;
      this.pendingSlice = null;
      if (!this.running && this.wanted <= 0) return;
      const done = this.pull(this.running ? Infinity : this.wanted);
      if (!done && (this.running || this.wanted > 0)) this.scheduleSlice();
    });
  }

  /** The same config again from step 0, paused. */
  reset() {
    const config = this.config;
    this.stop();
    this.emit({ type: 'reset' });
    if (config) return this.start(config, { paused: true });
  }

  cancel() {
    this.stop();
    this.generation++;
    this.emit({ type: 'cancelled' });
  }

  /** Ends the current run and any start still loading, without a message. */
  dispose() {
    this.stop();
    this.generation++;
  }

  /** Ends the current run (its network freed) without a message. */
  stop() {
    this.running = false;
    this.wanted = 0;
    this.pendingSlice = null;
    if (this.run) this.run.return(); // trainingRun's finally deletes the network
    this.run = null;
  }

  // Pulls up to `limit` records within one slice; returns true when the run has ended.
  pull(limit) {
    const run = this.run;
    if (!run) return true;
    let result;
    const start = this.now();
    try {
      result = runSlice(run, this.sliceMs, this.now, limit);
    } catch (err) {
      this.stop();
      this.emit({ type: 'error', message: err.message });
      return true;
    }
    const records = result.records;
    this.wanted -= records.length;
    if (records.length) this.step = records.at(-1).step;
    if (records.length || result.done)
      this.emit({
        type: 'records',
        records,
        step: this.step,
        done: result.done,
        sliceMs: this.now() - start,
      });
    if (result.done) {
      this.stop();
      this.emit({ type: 'done', step: this.step, heapInUse: this.engine.heapInUse() });
      return true;
    }
    return false;
  }
}

/** Applies one command message (what the worker receives) to `session`. */
export function handleCommand(session, m) {
  if (m.type === 'start') session.start(m.config, { paused: m.paused });
  else if (m.type === 'pause') session.pause();
  else if (m.type === 'resume') session.resume();
  else if (m.type === 'step') session.stepBy(m.count);
  else if (m.type === 'reset') session.reset();
  else if (m.type === 'cancel') session.cancel();
}
