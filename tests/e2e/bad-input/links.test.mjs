// Malformed and hostile links: every entry of the link each stateful widget reads, given hostile
// text (script, markup, prototype keys, ...), and links broken in many ways. Each is ignored with a
// notice, never executed, and the page keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from '../harness.mjs';
import { settle, snapshot, HOSTILE, injected } from '../reliability-helpers.mjs';
import { keepOf } from './fields.mjs';
import { eventually } from './runner.mjs';

const env = useBrowser();

/**
 * The widgets whose link entries are tried: every widget with a HashStateController on the page.
 * Only the names: the entries each reads come from the widget itself (linkSchemas).
 */
const LINKED_WIDGETS = [
  'norm-playground',
  'affine-plot',
  'norm-cube',
  'reduction-player',
  'count-table',
  'param-table',
  'module-console',
  'bn-stepper',
  'train-eval-grid',
  'padding-demo',
  'deep-stack',
  'batch-spread',
  'optimizer-race',
  'optimizer-state',
  'memory-calculator',
  'decay-compare',
  'training-lab',
  'bn-mode-grid',
  'bn-batch-rule',
  'bn-momentum-convert',
];

/**
 * Every entry each stateful widget reads from the link: the props of its HashStateController's
 * schema, which the controller records on the widget's class (`stateSchema.hash`, as the docs page's
 * attribute reference reads it). Read in the page: the codecs are declared where each widget is
 * constructed, not exported for node.
 */
async function linkSchemas(page, tags) {
  return page.evaluate(
    (tags) =>
      Object.fromEntries(
        tags.map((tag) => [tag, Object.keys(customElements.get(tag)?.stateSchema?.hash ?? {})]),
      ),
    tags,
  );
}

/** Every stateful widget on the page: [tag, state-key]. */
async function statefulWidgets(page) {
  return page.evaluate(() => {
    const out = [];
    const visit = (root) => {
      for (const el of root.querySelectorAll('[state-key]'))
        out.push([el.tagName.toLowerCase(), el.getAttribute('state-key')]);
    };
    visit(document);
    return out;
  });
}

async function widgetTexts(page, widgets) {
  const out = {};
  for (const [tag, key] of widgets) {
    const keep = keepOf(key);
    // the console draws a random input on every load: nothing of it is the same twice
    if (!keep || tag === 'module-console') continue;
    out[key] = await snapshot(keep(page.locator(`${tag}[state-key="${key}"]`)));
  }
  return out;
}

test('hostile text in every entry of the link is ignored with a notice, never run', async (t) => {
  const clean = await openPage(env.browser, env.server.url, {
    viewport: { width: 1280, height: 1000 },
  });
  await settle(clean.page);
  const widgets = await statefulWidgets(clean.page);
  const defaults = await widgetTexts(clean.page, widgets);
  const tags = [...new Set(widgets.map(([tag]) => tag))];
  const LINK_PROPS = await linkSchemas(clean.page, [...new Set([...LINKED_WIDGETS, ...tags])]);
  await clean.context.close();
  for (const tag of LINKED_WIDGETS) assert.ok(tags.includes(tag), `a ${tag} on the page`);
  for (const tag of tags) {
    assert.ok(LINKED_WIDGETS.includes(tag), `${tag} is in LINKED_WIDGETS`);
    assert.ok(LINK_PROPS[tag].length, `${tag} reads entries from the link`);
  }
  assert.ok(widgets.length >= 20, `${widgets.length} stateful widgets`);
  let entries = 0;
  for (const text of HOSTILE) {
    const params = new URLSearchParams();
    for (const [tag, key] of widgets)
      for (const prop of LINK_PROPS[tag]) params.set(`${key}.${prop}`, text);
    params.set('lang', text);
    params.set('ch', text);
    entries += [...params.keys()].length;
    const { context, page, problems } = await openPage(env.browser, `${env.server.url}#${params}`, {
      viewport: { width: 1280, height: 1000 },
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      d.dismiss();
    });
    await settle(page);
    assert.deepEqual(await injected(page), { found: [], pwned: null, polluted: null }, text);
    // each widget says which entries it ignored; what it shows is its default
    for (const [tag, key] of widgets) {
      const host = page.locator(`${tag}[state-key="${key}"]`);
      const notice = (await host.locator('[role="status"]').allTextContents()).join(' ');
      for (const prop of LINK_PROPS[tag]) {
        // the console runs whatever module text it is given and answers in PyTorch's words
        if (tag === 'module-console' && prop === 'module') continue;
        assert.ok(notice.includes(`${prop}:`), `${key}.${prop} = ${text}: notice "${notice}"`);
      }
    }
    const console = page.locator('module-console');
    await console.locator('.err').first().waitFor();
    assert.equal(await console.getByLabel('Module', { exact: true }).inputValue(), text);
    assert.deepEqual(await widgetTexts(page, widgets), defaults, `${text}: defaults shown`);
    await assert.doesNotReject(
      page.getByText('Part of the link could not be read and was ignored').waitFor(),
    );
    assert.deepEqual(problems, [], text);
    await context.close();
  }
  t.diagnostic(`link schemas: ${JSON.stringify(LINK_PROPS)}`);
  t.diagnostic(`${HOSTILE.length} hostile texts × ${entries / HOSTILE.length} link entries`);
});

/**
 * Malformed links: [what, hash, what the page says]. Each must leave a working page with no error;
 * an entry that is refused is named in its widget's notice (or, where PyTorch refuses a rate, its
 * words show next to the field); what is not named is used as the link says.
 */
const notice = (key, prop) => [`[state-key="${key}"] [role="status"]`, `${prop}:`];
const MALFORMED = [
  [
    'a list far too long',
    `formula.ln.values=${'1,'.repeat(40_000)}1`,
    [notice('formula.ln', 'values')],
  ],
  [
    'a long table of rows (the first 8 are kept)',
    `counting.table.rows=${'nn.LayerNorm(4) | 2,3,4; '.repeat(3000)}`,
    [['[state-key="counting.table"] tbody tr:nth-child(8)', 'nn.LayerNorm(4)']],
  ],
  [
    'broken percent-encoding',
    'formula.ln.shape=%E0%A4%A&%ZZ=1&formula.eps.eps=%',
    [notice('formula.ln', 'shape'), notice('formula.eps', 'eps')],
  ],
  ['the same entry twice (the first counts)', 'formula.ln.shape=2,4&formula.ln.shape=9,9,9', []],
  ['values that do not fit the shape', 'formula.ln.values=1,2,3', [notice('formula.ln', 'values')]],
  [
    'empty entries and separators',
    '&&=&formula.ln.=1&.values=2&formula.affine.gamma=',
    [notice('formula.affine', 'gamma')],
  ],
  [
    'numbers out of range',
    'why-normalize.stack.depth=0&in-gn.spread.batches=1&optimizers.race.steps=99999',
    [
      notice('why-normalize.stack', 'depth'),
      notice('in-gn.spread', 'batches'),
      notice('optimizers.race', 'steps'),
    ],
  ],
  [
    'overflowing numbers',
    'optimizers.memory.params=1e400&formula.eps.eps=1e400&optimizers.decay.steps=1e400',
    [
      notice('optimizers.memory', 'params'),
      notice('formula.eps', 'eps'),
      notice('optimizers.decay', 'steps'),
    ],
  ],
  ['prototype keys', '__proto__=1&__proto__.polluted=1&constructor.prototype.polluted=1', []],
  ['a group past the last', 'bn-vs-ln.player.group=4095', [notice('bn-vs-ln.player', 'group')]],
  [
    'settings PyTorch refuses',
    'optimizers.race.settings=adam:lr=-1;momentum:momentum=-5',
    [
      ['[state-key="optimizers.race"] [role="status"]', 'Invalid learning rate: -1.0'],
      ['[state-key="optimizers.race"] [role="status"]', 'Invalid momentum value: -5.0'],
    ],
  ],
  [
    'rates PyTorch refuses',
    'optimizers.decay.lr=-1&optimizers.state.lr=-1',
    [
      ['[state-key="optimizers.decay"] [role="status"]', 'Invalid learning rate: -1.0'],
      ['[state-key="optimizers.state"] [role="alert"]', 'Invalid learning rate: -1.0'],
    ],
  ],
  [
    // a link may share a mistake on purpose: the module is kept and PyTorch's message shown
    'a module PyTorch refuses',
    'counting.bn.module=nn.GroupNorm(7,6)&usage.console.module=nn.GroupNorm(7,6)',
    [
      ['[state-key="counting.bn"] [role="alert"]', 'num_channels must be divisible by num_groups'],
      ['[state-key="usage.console"] .err', 'num_channels must be divisible by num_groups'],
    ],
  ],
  [
    'a shape with a zero',
    'formula.ln.shape=0,4&train-eval.grid.shape=0,3',
    [notice('formula.ln', 'shape'), notice('train-eval.grid', 'shape')],
  ],
];

test(`${MALFORMED.length} malformed links leave a working page with a notice and no error`, async () => {
  for (const [what, hash, says] of MALFORMED) {
    const { context, page, problems } = await openPage(env.browser, `${env.server.url}#${hash}`, {
      viewport: { width: 1280, height: 1000 },
    });
    await settle(page);
    assert.deepEqual(await injected(page), { found: [], pwned: null, polluted: null }, what);
    for (const [selector, text] of says) {
      await assert.doesNotReject(
        page.locator(selector).filter({ hasText: text }).first().waitFor({ timeout: 5000 }),
        `${what}: ${selector} says "${text}"`,
      );
    }
    // the first playground still computes, and a cell edit still recomputes it
    const ln = page.locator('norm-playground[state-key="formula.ln"]');
    const before = await snapshot(ln.locator('tensor-editor[readonly]'));
    await ln.locator('tensor-editor:not([readonly]) input.cell').first().fill('9');
    await eventually(async () => {
      assert.notDeepEqual(await snapshot(ln.locator('tensor-editor[readonly]')), before);
    }, `${what}: the page still works`);
    assert.deepEqual(problems, [], what);
    await context.close();
  }
});
