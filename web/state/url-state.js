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
 * The same codecs check the widget's attributes (a blog post's `<norm-cube shape="...">`): when it
 * connects and whenever one changes, before the widget renders. A refused attribute is named in
 * host.stateNotice and its property keeps the widget's default, so nothing out of range (a shape
 * of 99999 × 99999) ever reaches an allocation. Boolean attributes (presence) are left to Lit.
 *
 * `schema`: {prop: codec}, codecs from ./codecs.js; `attributes`: {prop: codec}, attributes
 * checked that the hash does not carry.
 */
export class HashStateController {
  constructor(host, schema, state = null, { attributes = {} } = {}) {
    this.host = host;
    this.schema = schema;
    this.state = state;
    this.written = new Map();
    this.attributes = attributeCodecs(host.constructor, { ...schema, ...attributes });
    // the values the widget's constructor set before this controller: a refused attribute's default
    this.defaults = new Map([...this.attributes.keys()].map((prop) => [prop, host[prop]]));
    host.constructor.stateSchema ??= {
      hash: schema,
      attributes: this.attributes,
      defaults: this.defaults,
    };
    this.observer = null;
    host.addController(this);
  }

  /** Every checked attribute present on the host: parsed, or reset to its default and named. */
  #checkAttributes(names = null) {
    const notices = [];
    for (const [prop, { name, codec }] of this.attributes) {
      if (names && !names.has(name)) continue;
      const text = this.host.getAttribute(name);
      if (text === null) continue;
      try {
        const value = codec.parse(codec.normalize ? codec.normalize(text) : text);
        if (this.host.acceptState?.(prop, value) === false)
          throw new Error('does not fit the rest');
        this.host[prop] = value;
      } catch (err) {
        // a list may keep what it could read of itself (err.partial), else the default
        const partial =
          err.partial !== undefined && this.host.acceptState?.(prop, err.partial) !== false;
        this.host[prop] = partial ? err.partial : this.defaults.get(prop);
        notices.push(
          `${name}="${text.length > 40 ? `${text.slice(0, 40)}…` : text}": ${err.message}`,
        );
      }
    }
    return notices;
  }

  hostDisconnected() {
    this.observer?.disconnect();
    this.observer = null;
  }

  get table() {
    this.state ??= getPageState();
    return this.state;
  }

  hostConnected() {
    // once: a widget moved in the page keeps what the reader did with it
    const notices = this.checked ? [] : this.#checkAttributes();
    this.checked = true;
    // a later setAttribute: its mutation record is delivered before Lit's update runs
    this.observer ??= new MutationObserver((records) => {
      const names = new Set(records.map((r) => r.attributeName));
      const later = this.#checkAttributes(names);
      if (later.length) this.host.stateNotice = later.join('; ');
    });
    const filter = [...this.attributes.values()].map((a) => a.name);
    if (filter.length)
      this.observer.observe(this.host, { attributes: true, attributeFilter: filter });
    if (!this.host.stateKey) {
      if (notices.length) this.host.stateNotice = notices.join('; ');
      return;
    }
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

/**
 * The attributes a widget class checks: {prop -> {name, codec}} for each prop of `codecs` that Lit
 * reads from an attribute, boolean ones (presence) excepted.
 */
export function attributeCodecs(ctor, codecs) {
  const out = new Map();
  for (const [prop, codec] of Object.entries(codecs)) {
    const options = ctor.elementProperties?.get(prop);
    if (!options || options.attribute === false || options.type === Boolean || codec.boolean)
      continue;
    const name = typeof options.attribute === 'string' ? options.attribute : prop.toLowerCase();
    out.set(prop, { name, codec });
  }
  return out;
}
