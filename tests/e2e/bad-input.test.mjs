// Bad input, field by field: every input field of every widget on the tutorial page is given text
// that is not a number, NaN and infinities, empty text, overflowing numbers, hex, a 200,000-number
// list, shapes with zero, negative, missing or huge dims, and hyper-parameters PyTorch refuses.
// Each time: a message shows next to the field (in the field's own shadow root: role=alert, or
// aria-invalid plus visible text), what was on screen before (outputs, charts) is unchanged, the
// learner's text stays in the field, nothing reaches the console, and a valid value afterwards
// works again (the message goes, the outputs are recomputed). Values PyTorch accepts (ε = 0,
// lr = 1e30, ...) are shown, not refused. The table FIELDS drives it all. Then malformed and
// hostile links: ignored with a notice, never executed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.mjs';
import { settle, snapshot, longList, HOSTILE, injected } from './reliability-helpers.mjs';

const env = useBrowser();

const HUGE = longList(200_000);
/** Text that is no number: refused by every numeric field. */
const NOT_NUMBERS = ['abc', 'NaN', 'Infinity', '-Infinity', '', '1e400', '0x10', ' ', HUGE];
/** Shapes no tensor of the page may have. */
const BAD_SHAPES = ['0,3', '-1,4', '2,,3', '99999,99999', 'abc', '', '1e400', '2,3,4,4,1,1'];
// expectations other than "refused"
const accepted = (text) => ({ text, expect: 'accepted' });
const pasted = (text) => ({ text, paste: true });
const message = (text, words) => ({ text, message: words });

/** A host in a chapter, by tag and state-key. */
const inChapter = (chapter, tag, key) =>
  `section[data-chapter="${chapter}"] ${tag}${key ? `[state-key="${key}"]` : ''}`;

const click = (name) => (host) => host.getByRole('button', { name, exact: true }).click();
const openDetails = (summary) => async (host) => {
  const handle = host.locator('summary', { hasText: summary }).first();
  if (!(await handle.evaluate((el) => el.parentElement.open))) await handle.click();
};
const openLane = (id) => async (host) => {
  const summary = host.locator(`.lane[data-lane="${id}"] summary`);
  if (!(await summary.evaluate((el) => el.parentElement.open))) await summary.click();
};
const pressEnter = (host, field) => field.press('Enter');

/** Two lists of 24 numbers, for the (2, 3, 4) tensors. */
const list24 = (k) => Array.from({ length: 24 }, (_, i) => ((i * (k + 2)) % 7) - 3).join(', ');

/**
 * One row per field: where the widget is (`host`), the field (`field`, a locator in it), what
 * must stay on screen while the field holds a bad value (`keep`), the bad values (strings, or
 * {text, expect, message, paste}), two valid values that must each recompute `keep`, and what
 * applies a value (`commit`: a button, Enter; by default typing is enough). `marks`: the field
 * itself must be marked invalid (a form whose one message serves several fields).
 */
const FIELDS = [
  // ---- chapter 1 -------------------------------------------------------------------------------
  {
    name: 'playground: a tensor cell',
    host: inChapter('formula', 'norm-playground', 'formula.ln'),
    field: (h) => h.getByLabel('x[1, 2, 3]', { exact: true }),
    keep: (h) => h.locator('tensor-editor[readonly], .summary'),
    bad: [...NOT_NUMBERS, pasted(HUGE), pasted('1, 2, abc')],
    valid: ['0.5', '-1.5'],
  },
  {
    name: 'playground: the paste box',
    host: inChapter('formula', 'norm-playground', 'formula.ln'),
    open: openDetails('Paste a list'),
    field: (h) => h.getByLabel('Values in order (e.g. 1, 2, 3 or [[1,2],[3,4]])'),
    commit: click('Fill'),
    keep: (h) => h.locator('tensor-editor[readonly], .summary'),
    bad: [
      ...NOT_NUMBERS.filter((v) => v !== HUGE),
      message(HUGE, /200000 values were given, but a tensor of shape \(2, 3, 4\) holds 24/),
      message('1, 2, 3', /3 values were given/),
      message('[1, [2]', /brackets do not match/),
      message('tensor([1., 2., NaN])', /“NaN”, is not a number/),
    ],
    valid: [list24(0), list24(1)],
  },
  {
    name: 'playground: the ε field',
    host: inChapter('formula', 'norm-playground', 'formula.eps'),
    field: (h) => h.getByLabel('ε (eps)'),
    keep: (h) => h.locator('tensor-editor[readonly]'),
    bad: [...NOT_NUMBERS, '-1', '2', '1e30', '-0.5'],
    // ε = 0 is what the chapter asks for: the constant row turns into NaN, as in PyTorch
    accepted: ['0'],
    valid: ['0.001', '0.1'],
  },
  {
    name: 'playground: a γ cell',
    host: inChapter('formula', 'norm-playground', 'formula.eps'),
    field: (h) => h.getByLabel('weight[2]', { exact: true }),
    keep: (h) => h.locator('tensor-editor[readonly]'),
    bad: [...NOT_NUMBERS],
    valid: ['3', '-1'],
  },
  {
    name: 'activation plot: γ',
    host: inChapter('formula', 'affine-plot'),
    field: (h) => h.getByLabel('γ (weight) value'),
    keep: (h) => h.locator('svg, .summary'),
    bad: [...NOT_NUMBERS, '101', '1e30', '-1e30'],
    accepted: ['-100', '0'],
    valid: ['2', '0.5'],
  },
  {
    name: 'activation plot: β',
    host: inChapter('formula', 'affine-plot'),
    field: (h) => h.getByLabel('β (bias) value'),
    keep: (h) => h.locator('svg, .summary'),
    bad: [...NOT_NUMBERS, '-101', '1e30'],
    valid: ['1', '-1'],
  },
  {
    name: 'activation plot: the shape',
    host: inChapter('formula', 'affine-plot'),
    field: (h) => h.getByLabel('Shape', { exact: true }),
    commit: pressEnter,
    keep: (h) => h.locator('svg, .summary'),
    bad: [...BAD_SHAPES, HUGE],
    valid: ['3, 8', '2, 8'],
  },
  {
    name: 'activation plot: a cell',
    host: inChapter('formula', 'affine-plot'),
    field: (h) => h.getByLabel('feats[1, 7]', { exact: true }),
    keep: (h) => h.locator('svg, .summary'),
    bad: [...NOT_NUMBERS],
    // float32's largest, and a value float32 holds as inf (PyTorch's tensor() does the same)
    accepted: ['3e38', '1e39'],
    valid: ['2.5', '-2.5'],
  },
  // ---- chapter 2 -------------------------------------------------------------------------------
  {
    name: 'cube: the shape',
    host: inChapter('bn-vs-ln', 'norm-cube', 'bn-vs-ln.cube'),
    field: (h) => h.getByLabel('Shape (N, C, H, W)'),
    keep: (h) => h.locator('svg, .summary'),
    bad: [...BAD_SHAPES, '2,0,4,4', '2,-6,4,4', '2,,6,4', '64,64,64', '2,6', HUGE],
    valid: ['2, 6, 2, 4', '2, 6, 4, 4'],
  },
  {
    name: 'cube: the groups (GroupNorm, 6 channels)',
    host: inChapter('bn-vs-ln', 'norm-cube', 'bn-vs-ln.cube'),
    open: click('GroupNorm'),
    field: (h) => h.getByLabel('Groups (GroupNorm’s num_groups)'),
    keep: (h) => h.locator('svg, .summary'),
    bad: [
      ...NOT_NUMBERS,
      message('7', /num_channels must be divisible by num_groups/),
      message('4', /num_channels must be divisible by num_groups/),
      '0',
      '-1',
      '2.5',
      '99999',
    ],
    valid: ['2', '6'],
  },
  {
    name: 'cube: a cell',
    host: inChapter('bn-vs-ln', 'norm-cube', 'bn-vs-ln.cube'),
    open: openDetails('Edit the numbers in the tensor'),
    field: (h) => h.getByLabel('x[1, 5, 3, 3]', { exact: true }),
    keep: (h) => h.locator('svg, .summary, pytorch-code'),
    bad: [...NOT_NUMBERS],
    valid: ['1.5', '-0.5'],
  },
  {
    name: 'reduction player: the group',
    host: inChapter('bn-vs-ln', 'reduction-player', 'bn-vs-ln.player'),
    field: (h) => h.getByLabel('Group', { exact: true }),
    keep: (h) => h.locator('svg, .heading, table'),
    bad: [...NOT_NUMBERS, '-1', '1.5', '6', '99999'],
    valid: ['1', '2'],
  },
  {
    name: 'reduction player: γ',
    host: inChapter('bn-vs-ln', 'reduction-player', 'bn-vs-ln.player'),
    field: (h) => h.getByLabel('γ (weight)'),
    keep: (h) => h.locator('svg, .heading, table'),
    bad: [...NOT_NUMBERS],
    accepted: ['1e30', '-3'],
    valid: ['2', '0.5'],
  },
  {
    name: 'reduction player: β',
    host: inChapter('bn-vs-ln', 'reduction-player', 'bn-vs-ln.player'),
    field: (h) => h.getByLabel('β (bias)'),
    keep: (h) => h.locator('svg, .heading, table'),
    bad: [...NOT_NUMBERS],
    valid: ['1', '-1'],
  },
  // ---- chapter 3 -------------------------------------------------------------------------------
  {
    name: 'playground: the module field',
    host: inChapter('counting', 'norm-playground', 'counting.bn'),
    field: (h) => h.getByLabel('Module', { exact: true }),
    commit: click('Apply'),
    keep: (h) => h.locator('tensor-editor[readonly], .summary'),
    bad: [
      'abc',
      '',
      ' ',
      HUGE,
      message('nn.Foo(3)', /nn\.Foo is not one of/),
      'nn.BatchNorm2d(',
      'nn.BatchNorm2d(1e400)',
      'nn.BatchNorm2d(NaN)',
      message('nn.BatchNorm2d(3, foo=1)', /got an unexpected keyword argument 'foo'/),
      'nn.BatchNorm2d(-1)',
      'nn.BatchNorm2d(4)',
      message('nn.GroupNorm(2, 3)', /num_channels must be divisible by num_groups/),
      'nn.GroupNorm(0, 3)',
      'nn.LayerNorm(99999999)',
      message('nn.LayerNorm(5)', /Given normalized_shape=\[5\]/),
      'nn.BatchNorm1d(3)',
    ],
    // PyTorch builds these; the outputs say what they do (NaN where ε < 0 meets a small variance)
    accepted: ['nn.BatchNorm2d(3, momentum=2)', 'nn.BatchNorm2d(3, eps=0)'],
    valid: ['nn.BatchNorm2d(3, affine=False, eps=0.1)', 'nn.BatchNorm2d(3)'],
  },
  {
    name: 'playground: the shape field',
    host: inChapter('counting', 'norm-playground', 'counting.bn'),
    field: (h) => h.getByLabel('Shape', { exact: true }),
    commit: click('Set shape'),
    keep: (h) => h.locator('tensor-editor[readonly], .summary'),
    bad: [...BAD_SHAPES, HUGE, '2,3,65', '16,16,16,16'],
    valid: ['2, 3, 2, 4', '2, 3, 4, 4'],
  },
  {
    name: 'count table: the module',
    host: inChapter('counting', 'count-table', 'counting.table'),
    marks: true,
    field: (h) => h.getByLabel('Module', { exact: true }),
    commit: click('Add row'),
    keep: (h) => h.locator('tbody tr:nth-child(-n+4)'),
    bad: [
      'abc',
      '',
      HUGE,
      message('nn.Foo(1)', /nn\.Foo is not one of/),
      // PyTorch's refusal of a module on a shape is a row of the table, in PyTorch's words
      { text: 'nn.GroupNorm(7, 6)', expect: 'row', message: /divisible by num_groups/ },
      { text: 'nn.GroupNorm(0, 6)', expect: 'row', message: /\S/ },
      { text: 'nn.BatchNorm2d(-3)', expect: 'row', message: /\S/ },
    ],
    valid: ['nn.GroupNorm(3, 3)', 'nn.LayerNorm(4)'],
    works: (h) => h.locator('tbody tr').last().locator('td.n').first().waitFor({ timeout: 1000 }),
    // the last row's Remove button, whatever the language
    reset: (h) => h.locator('tbody tr').last().getByRole('button').click(),
  },
  {
    name: 'count table: the shape',
    host: inChapter('counting', 'count-table', 'counting.table'),
    marks: true,
    field: (h) => h.getByLabel('Input shape', { exact: true }),
    commit: click('Add row'),
    keep: (h) => h.locator('tbody tr:nth-child(-n+4)'),
    bad: [...BAD_SHAPES, HUGE, '1024,1024,2'],
    valid: ['2, 3, 4, 4', '4, 3, 2, 2'],
    works: (h) => h.locator('tbody tr').last().locator('td.n').first().waitFor({ timeout: 1000 }),
    // the last row's Remove button, whatever the language
    reset: (h) => h.locator('tbody tr').last().getByRole('button').click(),
  },
  // ---- chapter 4 -------------------------------------------------------------------------------
  {
    name: 'parameter table: num_features',
    host: inChapter('parameters', 'param-table', 'parameters.table'),
    // no input shape: any channel count is a module of its own
    setup: (h) => h.getByLabel('Input shape (optional)').fill(''),
    field: (h) => h.getByLabel('num_features (channels C)'),
    keep: (h) => h.locator('pre.listing, .summary'),
    bad: [...NOT_NUMBERS, '2.5', '99999999', '1,2', message('-1', /\S/)],
    accepted: ['0'],
    valid: ['64', '100'],
  },
  {
    name: 'parameter table: the input shape',
    host: inChapter('parameters', 'param-table', 'parameters.table'),
    setup: (h) => h.getByLabel('num_features (channels C)').fill('100'),
    field: (h) => h.getByLabel('Input shape (optional)'),
    keep: (h) => h.locator('pre.listing, p.summary'),
    works: (h) => h.locator('p.muted', { hasText: 'is accepted' }).waitFor({ timeout: 1000 }),
    bad: [
      'abc',
      '2,,3',
      HUGE,
      '1e400',
      '2,3,4,4,1,1',
      message('20, 99, 35, 45', /running_mean should contain|expected|99/),
      message('0,3', /\S/),
      message('-1,4', /\S/),
      message('20, 100', /expected 4D input \(got 2D input\)/),
    ],
    valid: ['8, 100, 4, 4', '20, 100, 35, 45'],
  },
  {
    name: 'playground: a β cell',
    host: inChapter('parameters', 'norm-playground', 'parameters.bn'),
    field: (h) => h.getByLabel('bias[1]', { exact: true }),
    keep: (h) => h.locator('tensor-editor[readonly]'),
    bad: [...NOT_NUMBERS],
    valid: ['2', '-2'],
  },
  // ---- chapter 5 -------------------------------------------------------------------------------
  {
    name: 'module console: the module',
    host: inChapter('usage', 'module-console', 'usage.console'),
    field: (h) => h.getByLabel('Module', { exact: true }),
    commit: click('Run'),
    keep: (h) => h.locator('tensor-editor[readonly]'),
    bad: [
      'abc',
      '',
      HUGE,
      message('nn.Dropout(0.5)', /nn\.Dropout is not one of/),
      message('nn.GroupNorm(7, 6)', /num_channels must be divisible by num_groups/),
      message('nn.BatchNorm1d(6)', /expected 2D or 3D input \(got 4D input\)/),
      message('nn.LayerNorm([6, 3])', /Given normalized_shape=\[6, 3\]/),
    ],
    valid: ['nn.LayerNorm(4)', 'nn.LayerNorm([3, 4])'],
    setup: async (h) => {
      // start from a run that worked: the input (8, 6, 3, 4) through LayerNorm([3, 4])
      await h.getByRole('button', { name: 'fix: LayerNorm([3, 4]) · (8, 6, 3, 4)' }).click();
    },
  },
  {
    name: 'module console: the input shape',
    host: inChapter('usage', 'module-console', 'usage.console'),
    open: openDetails('Show and edit the'),
    field: (h) => h.getByLabel('Shape', { exact: true }),
    commit: click('Set shape'),
    keep: (h) => h.locator('tensor-editor[readonly]'),
    bad: [...BAD_SHAPES],
    valid: ['2, 6, 3, 4', '8, 6, 3, 4'],
    setup: async (h) => {
      await h.getByRole('button', { name: 'fix: LayerNorm([3, 4]) · (8, 6, 3, 4)' }).click();
    },
    after: click('Run'),
  },
  // ---- chapter 6 -------------------------------------------------------------------------------
  {
    name: 'BN stepper: momentum',
    host: inChapter('train-eval', 'bn-stepper', 'train-eval.stepper'),
    field: (h) => h.getByLabel('momentum', { exact: true }),
    keep: (h) => h.locator('svg, pytorch-code, .nbt'),
    bad: [...NOT_NUMBERS, '2', '-1', '1e30', '1.0001'],
    valid: ['0.5', '0.2'],
  },
  {
    name: 'BN stepper: the batch size',
    host: inChapter('train-eval', 'bn-stepper', 'train-eval.stepper'),
    field: (h) => h.getByLabel('Batch size N'),
    keep: (h) => h.locator('svg, pytorch-code, .nbt'),
    bad: [...NOT_NUMBERS, '0', '-1', '33', '1.5', '99999'],
    valid: ['8', '4'],
  },
  {
    name: 'BN stepper: a cell of the batch',
    host: inChapter('train-eval', 'bn-stepper', 'train-eval.stepper'),
    field: (h) => h.getByLabel('x[3, 2]', { exact: true }),
    keep: (h) => h.locator('svg, pytorch-code, .nbt'),
    bad: [...NOT_NUMBERS],
    valid: ['1.25', '-3'],
  },
  {
    name: 'BN stepper: the eval sample',
    host: inChapter('train-eval', 'bn-stepper', 'train-eval.stepper'),
    field: (h) => h.getByLabel('sample[0, 1]', { exact: true }),
    keep: (h) => h.locator('.eval tensor-editor'),
    bad: [...NOT_NUMBERS],
    valid: ['0.75', '-0.75'],
  },
  {
    name: 'train/eval grid: the batch size',
    host: inChapter('train-eval', 'train-eval-grid', 'train-eval.grid'),
    field: (h) => h.getByLabel('Batch size N'),
    keep: (h) => h.locator('.grid, .verdicts'),
    bad: [...NOT_NUMBERS, '0', '-1', '17', '1.5'],
    // a batch of one: BatchNorm refuses to train, in PyTorch's words, inside its panel
    accepted: ['1'],
    valid: ['6', '4'],
  },
  {
    name: 'train/eval grid: a cell',
    host: inChapter('train-eval', 'train-eval-grid', 'train-eval.grid'),
    field: (h) => h.getByLabel('x[0, 0]', { exact: true }),
    keep: (h) => h.locator('.grid, .verdicts'),
    bad: [...NOT_NUMBERS],
    valid: ['5', '-5'],
  },
  // ---- chapter 7 -------------------------------------------------------------------------------
  {
    name: 'padding demo: pad to T',
    host: inChapter('nlp', 'padding-demo', 'nlp.padding'),
    field: (h) => h.getByLabel('Pad to length T'),
    keep: (h) => h.locator('table, .summary'),
    bad: [...NOT_NUMBERS, '0', '3', '13', '-1', '4.5'],
    valid: ['6', '5'],
  },
  {
    name: 'padding demo: a token',
    host: inChapter('nlp', 'padding-demo', 'nlp.padding'),
    field: (h) => h.getByLabel('tokens[0, 0]', { exact: true }),
    keep: (h) => h.locator('table, .summary'),
    bad: [...NOT_NUMBERS],
    valid: ['4', '-4'],
  },
  {
    name: 'batch of one: the batch size',
    host: inChapter('nlp', 'train-eval-grid', 'nlp.single'),
    field: (h) => h.getByLabel('Batch size N'),
    keep: (h) => h.locator('.grid, .verdicts'),
    bad: ['abc', '', '0', '17'],
    valid: ['3', '1'],
  },
  // ---- chapter 8 -------------------------------------------------------------------------------
  {
    name: 'deep stack: depth',
    host: inChapter('why-normalize', 'deep-stack', 'why-normalize.stack'),
    field: (h) => h.getByLabel('Depth (layers)', { exact: true }),
    keep: (h) => h.locator('svg, .summary'),
    bad: [...NOT_NUMBERS, '0', '61', '-1', '1.5'],
    valid: ['20', '12'],
  },
  {
    name: 'deep stack: the weight scale',
    host: inChapter('why-normalize', 'deep-stack', 'why-normalize.stack'),
    field: (h) => h.getByLabel('Weight scale g: W ~ N(0, g²/width)', { exact: true }),
    keep: (h) => h.locator('svg, .summary'),
    bad: [...NOT_NUMBERS, '-1', '5', '1e30', '-0.01'],
    accepted: ['0'],
    valid: ['1', '2'],
  },
  {
    name: 'deep stack: the batch size',
    host: inChapter('why-normalize', 'deep-stack', 'why-normalize.stack'),
    field: (h) => h.getByLabel('Batch size', { exact: true }),
    keep: (h) => h.locator('svg, .summary'),
    bad: [...NOT_NUMBERS, '0', '65', '-1', '2.5'],
    // BatchNorm refuses a batch of one in PyTorch's words; LayerNorm and no norm still run
    accepted: ['1'],
    valid: ['16', '32'],
  },
  {
    name: 'deep stack: a cell of the input',
    host: inChapter('why-normalize', 'deep-stack', 'why-normalize.stack'),
    open: openDetails('Edit the input batch'),
    field: (h) => h.getByLabel('x[0, 0]', { exact: true }),
    keep: (h) => h.locator('svg, .summary'),
    bad: [...NOT_NUMBERS],
    valid: ['3', '-3'],
  },
  // ---- chapter 9 -------------------------------------------------------------------------------
  {
    name: 'batch spread: batches K',
    host: inChapter('in-gn', 'batch-spread', 'in-gn.spread'),
    field: (h) => h.getByLabel('Batches K per batch size'),
    keep: (h) => h.locator('svg, table'),
    bad: [...NOT_NUMBERS, '1', '401', '-5', '2.5'],
    valid: ['20', '50'],
  },
  {
    name: 'batch spread: groups G',
    host: inChapter('in-gn', 'batch-spread', 'in-gn.spread'),
    field: (h) => h.getByLabel('GroupNorm groups G (C = 8)'),
    keep: (h) => h.locator('svg, table'),
    bad: [
      ...NOT_NUMBERS,
      message('3', /num_channels must be divisible by num_groups/),
      '0',
      '-1',
      '9',
      '2.5',
    ],
    valid: ['4', '2'],
  },
  {
    name: 'cube (IN, GN): the groups',
    host: inChapter('in-gn', 'norm-cube', 'in-gn.cube'),
    open: click('GroupNorm'),
    field: (h) => h.getByLabel('Groups (GroupNorm’s num_groups)'),
    keep: (h) => h.locator('svg, .summary'),
    bad: ['abc', '', '0', message('3', /divisible by num_groups/), '99999'],
    valid: ['4', '2'],
  },
  // ---- chapter 10 ------------------------------------------------------------------------------
  {
    name: 'race: steps',
    host: inChapter('optimizers', 'optimizer-race', 'optimizers.race'),
    field: (h) => h.getByLabel('Steps', { exact: true }),
    keep: (h) => h.locator('svg.surface, tbody'),
    bad: [...NOT_NUMBERS, '0', '2001', '-1', '1.5'],
    valid: ['50', '100'],
  },
  {
    name: 'race: start x',
    host: inChapter('optimizers', 'optimizer-race', 'optimizers.race'),
    field: (h) => h.getByLabel('Start x', { exact: true }),
    keep: (h) => h.locator('svg.surface, tbody'),
    bad: [...NOT_NUMBERS, '99999', '-1e30'],
    valid: ['-6', '-7'],
  },
  {
    name: 'race: Adam’s lr',
    host: inChapter('optimizers', 'optimizer-race', 'optimizers.race'),
    open: openLane('adam'),
    field: (h) => h.locator('.lane[data-lane="adam"]').getByLabel('lr', { exact: true }),
    keep: (h) => h.locator('svg.surface, tbody'),
    bad: [...NOT_NUMBERS, message('-1', /Invalid learning rate: -1\.0/)],
    // PyTorch takes any lr ≥ 0: the race shows Adam leaving the picture
    accepted: ['1e30', '0'],
    valid: ['0.1', '0.5'],
  },
  {
    name: 'race: Adam’s β₁',
    host: inChapter('optimizers', 'optimizer-race', 'optimizers.race'),
    open: openLane('adam'),
    field: (h) => h.locator('.lane[data-lane="adam"]').getByLabel('β₁ (betas[0])'),
    keep: (h) => h.locator('svg.surface, tbody'),
    bad: [
      ...NOT_NUMBERS,
      message('2', /Invalid beta parameter at index 0: 2\.0/),
      message('1', /Invalid beta parameter at index 0: 1\.0/),
      message('-0.5', /Invalid beta parameter at index 0/),
    ],
    valid: ['0.8', '0.9'],
  },
  {
    name: 'race: Adam’s eps',
    host: inChapter('optimizers', 'optimizer-race', 'optimizers.race'),
    open: openLane('adam'),
    field: (h) => h.locator('.lane[data-lane="adam"]').getByLabel('eps', { exact: true }),
    keep: (h) => h.locator('svg.surface, tbody'),
    bad: [...NOT_NUMBERS, message('-1', /Invalid epsilon value: -1\.0/)],
    accepted: ['0'],
    valid: ['0.5', '1e-8'],
  },
  {
    name: 'race: momentum of SGD + momentum',
    host: inChapter('optimizers', 'optimizer-race', 'optimizers.race'),
    open: openLane('momentum'),
    field: (h) => h.locator('.lane[data-lane="momentum"]').getByLabel('momentum', { exact: true }),
    keep: (h) => h.locator('svg.surface, tbody'),
    bad: [...NOT_NUMBERS, message('-1', /Invalid momentum value: -1\.0/)],
    // torch.optim.SGD checks only momentum ≥ 0: 2 runs (and diverges)
    accepted: ['2'],
    valid: ['0.5', '0.9'],
  },
  {
    name: 'race: weight decay of AdamW',
    host: inChapter('optimizers', 'optimizer-race', 'optimizers.race'),
    open: openLane('adamw'),
    field: (h) => h.locator('.lane[data-lane="adamw"]').getByLabel('weight_decay', { exact: true }),
    keep: (h) => h.locator('svg.surface, tbody'),
    bad: [...NOT_NUMBERS, message('-1', /Invalid weight_decay value: -1\.0/)],
    accepted: ['1e30', '99999'],
    valid: ['0.5', '0.01'],
  },
  {
    name: 'optimizer state: lr',
    host: inChapter('optimizers', 'optimizer-state', 'optimizers.state'),
    field: (h) => h.getByLabel('Learning rate lr'),
    keep: (h) => h.locator('pytorch-code'),
    bad: [...NOT_NUMBERS, message('-1', /Invalid learning rate: -1\.0/)],
    accepted: ['1e30'],
    valid: ['0.5', '0.1'],
  },
  {
    name: 'optimizer state: a cell of θ₀',
    host: inChapter('optimizers', 'optimizer-state', 'optimizers.state'),
    field: (h) => h.getByLabel('θ₀[1, 2]', { exact: true }),
    keep: (h) => h.locator('pytorch-code, tensor-editor[readonly]'),
    bad: [...NOT_NUMBERS],
    valid: ['4', '-4'],
  },
  {
    name: 'optimizer state: a cell of the gradient',
    host: inChapter('optimizers', 'optimizer-state', 'optimizers.state'),
    field: (h) => h.getByLabel('g[0, 0]', { exact: true }),
    keep: (h) => h.locator('pytorch-code'),
    bad: [...NOT_NUMBERS],
    valid: ['3', '-3'],
  },
  {
    name: 'memory calculator: the parameter count',
    host: inChapter('optimizers', 'memory-calculator', 'optimizers.memory'),
    field: (h) => h.getByLabel('Parameters', { exact: true }),
    keep: (h) => h.locator('table, svg, .summary'),
    bad: [...NOT_NUMBERS, '-1', '0', '1.5', '1e15', '7Q'],
    valid: ['1e9', '7B'],
  },
  {
    name: 'decay comparison: lr',
    host: inChapter('optimizers', 'decay-compare', 'optimizers.decay'),
    field: (h) => h.getByLabel('Learning rate lr'),
    keep: (h) => h.locator('figure, table'),
    bad: [...NOT_NUMBERS, message('-1', /Invalid learning rate: -1\.0/)],
    accepted: ['1e30', '100'],
    valid: ['0.1', '0.05'],
  },
  {
    name: 'decay comparison: weight decay',
    host: inChapter('optimizers', 'decay-compare', 'optimizers.decay'),
    field: (h) => h.getByLabel('Weight decay weight_decay (λ)'),
    keep: (h) => h.locator('figure, table'),
    bad: [...NOT_NUMBERS, message('-1', /Invalid weight_decay value: -1\.0/)],
    accepted: ['99999', '1e30'],
    valid: ['0.5', '0.1'],
  },
  {
    name: 'decay comparison: steps',
    host: inChapter('optimizers', 'decay-compare', 'optimizers.decay'),
    field: (h) => h.getByLabel('Steps', { exact: true }),
    keep: (h) => h.locator('figure, table'),
    bad: [...NOT_NUMBERS, '0', '5001', '-1', '1.5'],
    valid: ['100', '300'],
  },
  {
    name: 'self-check: the answer',
    host: 'section[data-chapter="counting"] self-check',
    field: (h) => h.getByLabel('Your answer'),
    commit: click('Check'),
    keep: (h) => h.locator('.question'),
    bad: [...NOT_NUMBERS.filter((v) => v !== '0x10'), '-1', '1.5', '2 apples'],
    // an answer may be a shape written "3 x 4": "0x10" reads as (0, 10), a wrong answer
    accepted: ['0x10'],
    valid: ['1', '2'],
    works: (h) => h.locator('.right, .wrong').first().waitFor({ timeout: 1000 }),
  },
];

/** The field's messages: visible text of error elements in the field's own shadow root. */
function readField(field) {
  return field.evaluate((el) => {
    const root = el.getRootNode();
    const messages = [
      ...root.querySelectorAll('[role="alert"], .error, .field-error, .err, [id$="-error"]'),
    ]
      .filter((m) => m.getClientRects().length && m.textContent.trim())
      .map((m) => ({ text: m.textContent.trim(), alert: m.getAttribute('role') === 'alert' }));
    return { invalid: el.getAttribute('aria-invalid') === 'true', messages, value: el.value };
  });
}

/** Messages that were not there before (a transcript may repeat an earlier one: counted). */
const newMessages = (now, before) => {
  const seen = new Map();
  for (const m of before.messages) seen.set(m.text, (seen.get(m.text) ?? 0) + 1);
  return now.messages.filter((m) => {
    const left = seen.get(m.text) ?? 0;
    seen.set(m.text, left - 1);
    return left <= 0;
  });
};

async function enter(row, host, field, value) {
  if (value.paste) {
    await field.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, value.text);
  } else {
    await field.fill(value.text);
  }
  if (row.commit) await row.commit(host, field);
}

/** Polls `check` (which throws while not yet true) for up to 3 s. */
async function eventually(check, what) {
  const end = Date.now() + 3000;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw new Error(`${what}: ${err.message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const show = (text) =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 30)}… (${text.length})` : text);

async function runRow(page, problems, row) {
  const host = page.locator(row.host).first();
  await host.waitFor();
  if (row.setup) await row.setup(host);
  if (row.open) await row.open(host);
  const field = row.field(host);
  await field.waitFor();
  const keep = row.keep(host);
  let valid = 0;
  const values = [
    ...row.bad.map((v) => (typeof v === 'string' ? { text: v } : v)),
    ...(row.accepted ?? []).map((v) => (typeof v === 'string' ? accepted(v) : v)),
  ];
  const counts = { refused: 0, accepted: 0 };
  for (const value of values) {
    const what = `${row.name}, ${show(value.text)}`;
    const clean = await readField(field);
    const before = await snapshot(keep);
    assert.ok(before.length, `${row.name}: nothing to keep on screen`);
    await enter(row, host, field, value);
    const expect = value.expect ?? 'refused';
    if (expect === 'accepted') {
      counts.accepted++;
      await eventually(async () => {
        const now = await readField(field);
        assert.equal(now.invalid, false, 'the field is not marked');
        const fresh = newMessages(now, clean).filter((m) => m.alert);
        assert.deepEqual(fresh, [], 'no alert');
      }, `${what}: PyTorch accepts it, the page must too`);
    } else {
      counts.refused++;
      const shown = await eventually(async () => {
        const now = await readField(field);
        const fresh = newMessages(now, clean);
        assert.ok(fresh.length, 'a message appears next to the field');
        if (expect === 'refused') {
          assert.ok(now.invalid || fresh.some((m) => m.alert), 'role=alert or aria-invalid');
          // a form's one message for several fields: the field it is about is marked
          if (row.marks) assert.ok(now.invalid, 'the field is marked');
        }
        if (value.message)
          assert.ok(
            fresh.some((m) => value.message.test(m.text)),
            `${fresh.map((m) => m.text).join(' | ')} should match ${value.message}`,
          );
        return fresh;
      }, what);
      assert.ok(
        shown.every((m) => m.text.length < 600),
        `${what}: the message is short`,
      );
      assert.deepEqual(await snapshot(keep), before, `${what}: what was on screen is unchanged`);
    }
    // the learner's text stays: in the field, or (a list pasted into a cell) in the paste box
    const kept = value.paste
      ? await field.evaluate((el) => el.getRootNode().querySelector('#list').value)
      : await field.inputValue();
    assert.ok(kept === value.text, `${what}: the learner's text stays`);
    assert.deepEqual(problems, [], what);
    // a valid value works again: the message goes and the outputs are recomputed
    const good = row.valid[valid++ % 2];
    const prior = await snapshot(keep);
    await field.fill(good);
    if (row.commit) await row.commit(host, field);
    if (row.after) await row.after(host);
    await eventually(
      async () => {
        const now = await readField(field);
        assert.equal(now.invalid, false, 'no longer marked');
        assert.deepEqual(
          newMessages(now, clean).filter((m) => m.alert || now.invalid),
          [],
          'no message left',
        );
        if (row.works) await row.works(host);
        else assert.notDeepEqual(await snapshot(keep), prior, 'recomputed');
      },
      `${what}, then ${show(good)}`,
    );
    if (row.reset) {
      await row.reset(host);
      if (expect === 'row') await row.reset(host);
    }
    assert.deepEqual(problems, [], `${what}, then ${show(good)}`);
  }
  return counts;
}

const CHAPTER_OF = (row) => row.host.match(/data-chapter="([^"]+)"/)[1];
const CHAPTERS = [...new Set(FIELDS.map(CHAPTER_OF))];

for (const chapter of CHAPTERS) {
  const rows = FIELDS.filter((row) => CHAPTER_OF(row) === chapter);
  test(`chapter ${chapter}: ${rows.length} fields refuse bad values with a message and keep what was shown`, async (t) => {
    const { context, page, problems } = await openPage(
      env.browser,
      `${env.server.url}#ch=${chapter}`,
      {
        viewport: { width: 1280, height: 1000 },
      },
    );
    await settle(page);
    for (const row of rows) {
      const counts = await runRow(page, problems, row);
      t.diagnostic(`${row.name}: ${counts.refused} refused, ${counts.accepted} accepted`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** Applies a field's value without the English button names: Enter, or the paste box's 填入. */
async function commitChinese(field) {
  if ((await field.evaluate((el) => el.tagName)) !== 'TEXTAREA') return field.press('Enter');
  await field.evaluate((el) =>
    [...el.getRootNode().querySelectorAll('button')]
      .find((b) => b.textContent.trim() === '填入')
      .click(),
  );
}

test('in Chinese, every field explains a bad value in Chinese', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, {
    viewport: { width: 1280, height: 1000 },
  });
  await settle(page);
  // find every field while the page speaks English (the table's labels), then switch
  // a field is found again by its place among its widget's fields (its label changes language)
  const inputs = (host) => {
    const out = [];
    const visit = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('input, textarea')) out.push(el);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(host.shadowRoot);
    return out;
  };
  await page.evaluate(`window.__nlInputs = ${inputs}`);
  const places = [];
  for (const row of FIELDS) {
    const host = page.locator(row.host).first();
    if (row.open) await row.open(host);
    const field = await row.field(host).elementHandle();
    places.push([row, await host.evaluate((h, el) => window.__nlInputs(h).indexOf(el), field)]);
  }
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '1. 归一化公式' }).waitFor();
  const CHINESE = /[\u4e00-\u9fff]/;
  for (const [row, place] of places) {
    assert.ok(place >= 0, row.name);
    const field = await page
      .locator(row.host)
      .first()
      .evaluateHandle((h, i) => window.__nlInputs(h)[i] ?? null, place);
    assert.ok(
      await field.evaluate((el) => el !== null),
      `${row.name}: field ${place} is there in Chinese`,
    );
    const clean = await readField(field);
    const original = clean.value;
    await field.fill('abc');
    if (row.commit) await commitChinese(field);
    await eventually(async () => {
      const now = await readField(field);
      const fresh = newMessages(now, clean);
      assert.ok(now.invalid || fresh.some((m) => m.alert), 'marked');
      assert.ok(
        fresh.some((m) => CHINESE.test(m.text)),
        `a Chinese message: ${fresh.map((m) => m.text).join(' | ')}`,
      );
    }, `${row.name} (中文)`);
    assert.equal(await field.evaluate((el) => el.value), 'abc');
    // back to what the field held, so that the next field starts clean (two share a form)
    await field.fill(original);
    if (row.commit) await commitChinese(field);
    if (row.reset) await row.reset(page.locator(row.host).first());
  }
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- links -------------------------------------------------------------------------------------

/** Every entry each stateful widget reads from the link (its HashStateController's schema). */
const LINK_PROPS = {
  'norm-playground': ['module', 'eps', 'shape', 'values', 'weight', 'bias'],
  'affine-plot': ['activation', 'gamma', 'beta', 'shape', 'values'],
  'norm-cube': ['kind', 'shape', 'groups', 'values'],
  'reduction-player': ['group', 'gamma', 'beta', 'speed'],
  'count-table': ['rows'],
  'param-table': ['module', 'input'],
  'module-console': ['module', 'shape', 'values'],
  'bn-stepper': ['momentum', 'cumulative', 'track', 'batch', 'values', 'sample'],
  'train-eval-grid': ['shape', 'values'],
  'padding-demo': ['padding', 'padTo', 'values'],
  'deep-stack': [
    'depth',
    'width',
    'gain',
    'batch',
    'norm',
    'activation',
    'range',
    'seed',
    'values',
  ],
  'batch-spread': ['batches', 'groups', 'seed', 'sampleSpread'],
  'optimizer-race': ['surface', 'steps', 'start', 'lanes', 'settings', 'inspect'],
  'optimizer-state': ['op', 'lr', 'theta0', 'grad'],
  'memory-calculator': ['params', 'precision', 'optimizer'],
  'decay-compare': ['lr', 'weightDecay', 'steps'],
};

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

/** What each stateful widget shows by default: its `keep` from FIELDS, by state-key. */
function keepOf(key) {
  return FIELDS.find((row) => row.host.includes(`[state-key="${key}"]`))?.keep;
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
  await clean.context.close();
  for (const [tag] of widgets) assert.ok(LINK_PROPS[tag], `${tag} is in LINK_PROPS`);
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
