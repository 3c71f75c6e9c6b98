// The engine, as a widget waits for it: a Lit ReactiveController that loads the page's one engine
// (engine/shared.js) when the widget is first connected, and keeps what a widget needs to render the
// three states (loading, ready, failed). A widget removed while the engine loads is not updated and
// `onReady` is not called: it runs again when the widget is put back.
//   #engine = new EngineController(this, { onReady: (engine) => this.#restart(engine) });
//   render() { if (!this.#engine.value) return this.#engine.error ? ... : loading; ... }
import { getEngine } from '../engine/shared.js';

export class EngineController {
  #host;
  #load;
  #onReady;
  /** The engine once loaded, else null. */
  value = null;
  /** The load's Error when it failed, else null (a later connect tries again). */
  error = null;

  /**
   * @param {import('lit').ReactiveControllerHost & HTMLElement} host
   * @param {{onReady?: (engine) => void, load?: () => Promise<object>}} [options] `onReady` runs
   *   once per connect after the engine is there (and the widget still on the page); `load` stands
   *   in for getEngine (tests).
   */
  constructor(host, { onReady, load = getEngine } = {}) {
    this.#host = host;
    this.#load = load;
    this.#onReady = onReady;
    host.addController(this);
  }

  /** Whether the engine is there. */
  get ready() {
    return this.value !== null;
  }

  async hostConnected() {
    try {
      const engine = await this.#load();
      // removed while the engine loaded: it starts again when it is put back
      if (!this.#host.isConnected) return;
      this.value = engine;
      this.error = null;
      this.#onReady?.(engine);
    } catch (err) {
      if (!this.#host.isConnected) return;
      this.error = err;
    }
    this.#host.requestUpdate();
  }
}

export { ConnectedHandle } from './connected-handle.js';
