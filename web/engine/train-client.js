// The main thread's handle on a training run: the same commands whether the run goes on in the
// training worker (train-worker.js) or, where a worker cannot start, on the main thread in slices
// of at most SLICE_MS (training-session.js) with the event loop between them. A page opened from
// file:// cannot start a worker from its file (browsers refuse file: worker scripts), so there,
// and wherever the worker fails before it says ready, the main thread runs it.
//
//   const client = new TrainingClient({ onMessage: (m) => ..., prefer: 'auto' });
//   client.start(config); client.pause(); client.resume(); client.step(5); client.reset();
//   client.cancel(); client.terminate();   // messages: see training-session.js
// client.mode is 'worker' or 'main' once known ('pending' before).
import { TrainingSession, handleCommand } from '../model/training-session.js';

export class TrainingClient {
  /** @param prefer 'auto' (a worker unless on file:), 'worker' or 'main' */
  constructor({ onMessage, prefer = 'auto' }) {
    this.onMessage = onMessage;
    this.mode = 'pending';
    this.queue = [];
    const fileUrl = typeof location !== 'undefined' && location.protocol === 'file:';
    if (prefer === 'main' || (prefer === 'auto' && fileUrl) || typeof Worker === 'undefined') {
      this.useMainThread();
      return;
    }
    try {
      // this exact form is what Vite bundles as a worker of its own (same origin, CSP 'self')
      this.worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
    } catch {
      this.useMainThread();
      return;
    }
    this.worker.onmessage = ({ data }) => {
      if (data.type === 'ready') {
        this.mode = 'worker';
        for (const m of this.queue.splice(0)) this.worker.postMessage(m);
        return;
      }
      this.onMessage(data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.mode === 'pending') {
        this.worker.terminate();
        this.worker = null;
        this.useMainThread();
      } else {
        this.onMessage({ type: 'error', message: event.message || 'the training worker failed' });
      }
    };
  }

  useMainThread() {
    const engine = () => import('./train-wasm.js').then((m) => m.loadBrowserTrainEngine());
    const data = (config) =>
      import('../model/training-data.js').then((m) => m.loadTrainingData(config));
    this.session = new TrainingSession({
      loadEngine: engine,
      loadData: data,
      emit: (m) => this.onMessage(m),
    });
    this.mode = 'main';
    for (const m of this.queue.splice(0)) handleCommand(this.session, m);
  }

  send(message) {
    if (this.mode === 'worker') this.worker.postMessage(message);
    else if (this.mode === 'main') handleCommand(this.session, message);
    else this.queue.push(message);
  }

  start(config, { paused = false } = {}) {
    this.send({ type: 'start', config, paused });
  }
  pause() {
    this.send({ type: 'pause' });
  }
  resume() {
    this.send({ type: 'resume' });
  }
  step(count = 1) {
    this.send({ type: 'step', count });
  }
  reset() {
    this.send({ type: 'reset' });
  }
  cancel() {
    this.send({ type: 'cancel' });
  }
  /** Ends the worker (or the main-thread run) for good. */
  terminate() {
    this.onMessage = () => {};
    if (this.worker) this.worker.terminate();
    if (this.session) this.session.dispose();
    this.worker = null;
  }
}
