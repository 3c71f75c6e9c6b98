// Shared by the reliability tests (bad-input, soak): waiting until every widget on the page has
// drawn, snapshots of what a widget shows, and a count of what the page holds in the Wasm heap
// (malloc's in-use bytes, the _malloc blocks and Embind handles made since tracking began).
import assert from 'node:assert/strict';
import { random } from '../lib/testing.mjs';

/** `count` numbers as a learner would paste them: "0.1, -1.3, ...". */
export function longList(count, seed = 1) {
  const r = random(seed);
  return Array.from({ length: count }, () => (Math.round((r() * 8 - 4) * 10) / 10).toString()).join(
    ', ',
  );
}

/**
 * Resolves when no widget is still loading (no aria-busy anywhere, shadow roots included) and two
 * frames have been drawn since.
 */
export async function settle(page, timeout = 30_000) {
  const busyWidgets = () => {
    const out = [];
    const visit = (root, host) => {
      if (host && root.querySelector('[aria-busy="true"]')) out.push(host.tagName.toLowerCase());
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot, el);
    };
    visit(document, null);
    if (document.documentElement.dataset.engine !== 'ready') out.push('engine');
    return out;
  };
  try {
    await page.waitForFunction(`(${busyWidgets})().length === 0`, null, { timeout, polling: 100 });
  } catch (err) {
    const busy = await page.evaluate(`(${busyWidgets})()`);
    throw new Error(`still loading after ${timeout} ms: ${busy.join(', ')}`, { cause: err });
  }
  await frames(page, 2);
}

/**
 * Builds every chapter (the page builds a chapter's widgets as the reader comes near it, or follows
 * its link in the contents) and waits until all of them have drawn.
 */
export async function buildEveryChapter(page) {
  await page.evaluate(() => {
    for (const link of document.querySelectorAll('normlab-app nav a')) link.click();
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(
    () => !document.querySelector('normlab-app section > [aria-busy="true"]'),
    null,
    { timeout: 30_000 },
  );
  await settle(page);
}

export function frames(page, n = 1) {
  return page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const next = (left) => (left ? requestAnimationFrame(() => next(left - 1)) : resolve());
        next(count);
      }),
    n,
  );
}

/**
 * What an element shows, as text: its tag, the attributes that carry a picture or a number, its
 * text, and the same of its children, shadow roots included. Two equal snapshots mean nothing a
 * reader can see changed (numbers, tensors, SVG shapes).
 */
export function snapshot(locator) {
  return locator.evaluateAll((elements) => {
    const KEEP = [
      'd',
      'points',
      'cx',
      'cy',
      'r',
      'x',
      'y',
      'x1',
      'x2',
      'y1',
      'y2',
      'width',
      'height',
      'transform',
      'fill',
      'aria-label',
    ];
    const walk = (node, out) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent.trim();
        if (text) out.push(text);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE)
        return;
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.tagName === 'STYLE') return;
        const attrs = KEEP.filter((a) => node.hasAttribute(a)).map(
          (a) => `${a}=${node.getAttribute(a)}`,
        );
        out.push(`<${node.tagName.toLowerCase()}${attrs.length ? ' ' + attrs.join(' ') : ''}>`);
        if (node.shadowRoot) walk(node.shadowRoot, out);
      }
      for (const child of node.childNodes) walk(child, out);
    };
    return elements.map((el) => {
      const out = [];
      walk(el, out);
      return out.join(' ');
    });
  });
}

/**
 * Wraps the page's engine so that it counts what it holds: every _malloc block not yet freed and
 * every Embind handle (NormHandle, OptimHandle, DeepStackHandle, ...) not yet deleted, made from
 * now on. `element` is any widget: each keeps the page's one engine in `engine`.
 */
export async function trackEngine(page, widgetSelector) {
  await page
    .locator(widgetSelector)
    .first()
    .evaluate((widget) => {
      const engine = widget.engine;
      if (!engine) throw new Error('the widget has no engine yet');
      const wasm = engine.wasm;
      const blocks = new Map();
      const handles = new Map();
      const malloc = wasm._malloc;
      const free = wasm._free;
      wasm._malloc = (n) => {
        const p = malloc(n);
        if (p) blocks.set(p, n);
        return p;
      };
      wasm._free = (p) => {
        blocks.delete(p);
        return free(p);
      };
      // Embind classes: every constructor on the module whose prototype has delete()
      for (const name of Object.keys(wasm)) {
        const cls = wasm[name];
        if (typeof cls !== 'function' || typeof cls.prototype?.delete !== 'function') continue;
        const live = new Set();
        handles.set(name, live);
        const remove = cls.prototype.delete;
        Object.defineProperty(cls.prototype, 'delete', {
          configurable: true,
          value() {
            live.delete(this);
            return remove.call(this);
          },
        });
        wasm[name] = new Proxy(cls, {
          construct(target, args) {
            const made = Reflect.construct(target, args);
            live.add(made);
            return made;
          },
        });
      }
      window.__nlTracked = {
        engine,
        count() {
          return {
            heap: engine.heapInUse(),
            blocks: blocks.size,
            blockBytes: [...blocks.values()].reduce((a, b) => a + b, 0),
            handles: Object.fromEntries([...handles].map(([name, set]) => [name, set.size])),
          };
        },
      };
    });
  return () => page.evaluate(() => window.__nlTracked.count());
}

/** Asserts that nothing the page made since tracking began is still held in the Wasm heap. */
export function assertNothingHeld(now, baseline, what) {
  for (const [name, n] of Object.entries(now.handles)) {
    assert.equal(n, 0, `${what}: ${n} ${name} objects were never deleted`);
  }
  assert.equal(
    now.blocks,
    0,
    `${what}: ${now.blocks} heap blocks (${now.blockBytes} bytes) never freed`,
  );
  assert.ok(
    now.heap <= baseline.heap,
    `${what}: ${now.heap - baseline.heap} more bytes in use than the baseline (${baseline.heap})`,
  );
}

/** Text that would run script if it were ever parsed as HTML or code. */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload="window.__pwned=1"></svg>',
  'javascript:window.__pwned=1',
  '${window.__pwned=1}',
  "');window.__pwned=1;//",
];

/** No element anywhere (shadow roots included) carries an event-handler attribute or is an img. */
export function injected(page) {
  return page.evaluate(() => {
    const found = [];
    const visit = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'IMG' || [...el.attributes].some((a) => a.name.startsWith('on')))
          found.push(el.outerHTML.slice(0, 80));
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return { found, pwned: window.__pwned ?? null, polluted: {}.polluted ?? null };
  });
}
