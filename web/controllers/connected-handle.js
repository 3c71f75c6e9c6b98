// An engine object (an optimizer, a module, a runner: anything with delete()) that a widget keeps
// between renders, alive exactly while the widget is on the page. Lit goes on updating a widget
// after it is removed (a property set in the same task, or its own disconnectedCallback stopping a
// playback, schedules one more render), and an object made by that render would never be deleted:
// this holder makes nothing while its widget is off the page and deletes what it holds as the
// widget leaves. A widget put back makes its object again on its next render or restart.
export class ConnectedHandle {
  #host;
  #value = null;

  constructor(host) {
    this.#host = host;
    host.addController(this);
  }

  /** What is held: null before the first replace(), and while the widget is off the page. */
  get value() {
    return this.#value;
  }

  /**
   * Holds `make()`'s object instead of the current one, which is deleted once the new one is made
   * (a make() that throws leaves the current one in place). While the widget is off the page
   * nothing is made and null is returned.
   */
  replace(make) {
    if (!this.#host.isConnected) {
      this.clear();
      return null;
    }
    const next = make();
    this.#value?.delete();
    this.#value = next;
    return next;
  }

  clear() {
    this.#value?.delete();
    this.#value = null;
  }

  hostDisconnected() {
    this.clear();
  }
}
