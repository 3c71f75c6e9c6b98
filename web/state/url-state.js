// The page's shareable state: one flat table of string entries in the URL hash, such as
//   #lang=zh&ch=formula&formula.ln.x=1,2,3,4&formula.ln.shape=1,4
// Widgets own their entries through HashStateController (below); the table is written back with
// history.replaceState, so sharing or reloading the link restores every widget.
const WRITE_DELAY_MS = 150;

export class HashState extends EventTarget {
  constructor(win = window) {
    super();
    this.win = win;
    this.params = HashState.parse(win.location.hash);
    this.timer = 0;
    win.addEventListener('hashchange', () => {
      this.params = HashState.parse(win.location.hash);
      this.dispatchEvent(new Event('change'));
    });
  }

  static parse(hash) {
    try {
      return new URLSearchParams(String(hash).replace(/^#/, ''));
    } catch {
      return new URLSearchParams();
    }
  }

  get(key) {
    return this.params.get(key) ?? undefined;
  }

  set(key, value) {
    if (value === undefined || value === null) this.params.delete(key);
    else this.params.set(key, value);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  flush() {
    clearTimeout(this.timer);
    const text = this.params.toString();
    const url = new URL(this.win.location.href);
    url.hash = text;
    if (url.href !== this.win.location.href) this.win.history.replaceState(null, '', url);
  }
}

let pageState = null;

/** The one table of this window (the URL hash is per window, so its mirror is too). */
export function getPageState() {
  pageState ??= new HashState(window);
  return pageState;
}

/**
 * A Lit reactive controller that ties some of a widget's properties to hash entries named
 * `${host.stateKey}.${prop}`. Entries are read when the widget connects (a malformed one is ignored
 * and reported in host.stateNotice) and written whenever one of the properties changes from the
 * value it had at first render. A widget
 * without a state-key attribute keeps its state to itself.
 *
 * @param schema {prop: codec}, codecs from ./codecs.js
 */
export class HashStateController {
  constructor(host, schema, state = null) {
    this.host = host;
    this.schema = schema;
    this.state = state;
    this.written = new Map();
    host.addController(this);
  }

  get table() {
    this.state ??= getPageState();
    return this.state;
  }

  hostConnected() {
    if (!this.host.stateKey) return;
    const notices = [];
    for (const [prop, codec] of Object.entries(this.schema)) {
      const text = this.table.get(`${this.host.stateKey}.${prop}`);
      if (text === undefined) continue;
      try {
        const value = codec.parse(text);
        if (this.host.acceptState?.(prop, value) === false)
          throw new Error('does not fit the rest');
        this.host[prop] = value;
        this.written.set(prop, text);
      } catch (err) {
        notices.push(`${prop}: ${err.message}`);
      }
    }
    if (notices.length) this.host.stateNotice = notices.join('; ');
  }

  hostUpdated() {
    if (!this.host.stateKey || !this.host.isConnected) return;
    for (const [prop, codec] of Object.entries(this.schema)) {
      const value = this.host[prop];
      if (value === undefined || value === null) continue;
      const text = codec.format(value);
      const before = this.written.get(prop);
      this.written.set(prop, text);
      // the first value seen is the widget's default (or what the link said): a link carries
      // only what the learner changed
      if (before === undefined || before === text) continue;
      this.table.set(`${this.host.stateKey}.${prop}`, text);
    }
  }
}
