// Chapter 4 (parameters): named_parameters and named_buffers as the engine lists them, γ and β per
// channel, and the self-check answered right and wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../harness.mjs';
import { formatNumber } from '../../../web/i18n.js';
import { runModule } from '../../../web/widgets/lib/run-module.js';
import { parseModule } from '../../../web/widgets/lib/module-spec.js';
import { openTutorial, widget, texts, alert, valuesOf, selfCheck } from './basics-helpers.mjs';

const env = useBrowser({ engine: true });
const open = (locale, hash) => openTutorial(env, locale, hash);

// ---- chapter 4 ---------------------------------------------------------------------------------

test('chapter 4: named_parameters and named_buffers as the engine’s module lists them', async () => {
  const { context, page, problems } = await open();
  const table = widget(page, 'param-table', 'parameters.table');
  const listing = table.locator('pre.listing');
  await listing.waitFor();
  const lines = async () => texts(listing.locator('.line'));
  const expectModule = (text) => {
    const m = env.engine.norm(parseModule(text).options);
    try {
      const p = m.parameterShapes();
      const b = m.bufferShapes();
      const row = ([n, s]) => `${n} torch.Size([${s.join(', ')}])`;
      return {
        params: p.map(row),
        buffers: b.map(row),
        total: p.reduce((s, [, sh]) => s + sh.reduce((a, c) => a * c, 1), 0),
      };
    } finally {
      m.delete();
    }
  };
  let want = expectModule('nn.BatchNorm2d(100)');
  assert.deepEqual(want.params, ['weight torch.Size([100])', 'bias torch.Size([100])']);
  assert.deepEqual(await lines(), [
    '>>> m = nn.BatchNorm2d(100)',
    '>>> for name, p in m.named_parameters():',
    '...     print(name, p.shape)',
    ...want.params,
    '>>> sum(p.numel() for p in m.parameters())',
    String(want.total),
    '>>> for name, b in m.named_buffers():',
    '...     print(name, b.shape)',
    ...want.buffers,
  ]);
  await table
    .getByText('200 learnable parameters (weight 100 + bias 100); and 3 buffers')
    .waitFor();
  await table.getByText('An input of shape (20, 100, 35, 45) is accepted').waitFor();
  await table.getByRole('button', { name: 'LayerNorm(10)', exact: true }).click();
  want = expectModule('nn.LayerNorm(10)');
  await listing.getByText('>>> m = nn.LayerNorm(10)').waitFor();
  assert.deepEqual((await lines()).slice(3, 5), want.params);
  await table.getByText('20 learnable parameters (weight 10 + bias 10); No buffers.').waitFor();
  assert.equal(await table.getByLabel('Input shape (optional)').inputValue(), '20, 5, 10');
  await table.getByRole('button', { name: 'LayerNorm(10, bias=False)' }).click();
  await table.getByText('10 learnable parameters').waitFor();
  await table.getByText('bias=False needs PyTorch 2.1 or newer').waitFor();
  await table.getByLabel('elementwise_affine').uncheck();
  await table.getByText('0 learnable parameters').waitFor();
  await listing
    .getByText('>>> m = nn.LayerNorm(10, elementwise_affine=False, bias=False)')
    .waitFor();
  // InstanceNorm: none by default, 2C with affine
  await table.locator('select[name="cls"]').selectOption('InstanceNorm2d');
  await table.getByLabel('num_features (channels C)').fill('3');
  await table.getByText('0 learnable parameters').waitFor();
  await table.getByLabel('affine').check();
  await table.getByText('6 learnable parameters (weight 3 + bias 3)').waitFor();
  // GroupNorm: refused combinations get PyTorch's message
  await table.locator('select[name="cls"]').selectOption('GroupNorm');
  await table.getByLabel('num_groups').fill('4');
  await table.getByLabel('num_channels').fill('6');
  await alert(table, 'nn.GroupNorm(4, 6): num_channels must be divisible by num_groups');
  await table.getByLabel('num_groups').fill('3');
  await table.getByText('12 learnable parameters (weight 6 + bias 6)').waitFor();
  // bad fields are explained next to the field; the last listing stays
  await table.locator('select[name="cls"]').selectOption('BatchNorm2d');
  await table.getByLabel('num_features (channels C)').fill('100');
  await table.getByLabel('num_features (channels C)').fill('abc');
  await alert(table, 'num_features must be a whole number');
  assert.match(await listing.textContent(), /nn\.BatchNorm2d\(100\)/);
  await table.getByLabel('num_features (channels C)').fill('-3');
  await alert(
    table,
    'nn.BatchNorm2d(-3): Trying to create tensor with negative dimension -3: [-3]',
  );
  await table.getByLabel('num_features (channels C)').fill('100');
  await table.getByLabel('Input shape (optional)').fill('20, 99, 35, 45');
  await table
    .locator('.input-error')
    .filter({ hasText: 'running_mean should contain 99 elements not 100' })
    .waitFor();
  await table.getByLabel('Input shape (optional)').fill('x');
  await alert(table, 'A shape is 1 to 5 whole numbers');
  await table.getByText('Show as PyTorch').click();
  assert.match(
    await table.locator('pytorch-code code').textContent(),
    /m = nn\.BatchNorm2d\(100\)/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 4: γ and β of BatchNorm2d(3) are per channel', async () => {
  const { context, page, problems } = await open();
  const bn = widget(page, 'norm-playground', 'parameters.bn');
  await bn.getByLabel('weight[1]', { exact: true }).fill('3');
  await bn.getByLabel('bias[2]', { exact: true }).fill('-1');
  const values = await valuesOf(bn);
  const want = runModule(
    env.engine,
    { op: 'batch_norm', dims: 2, num_features: 3 },
    values,
    [2, 3, 2, 2],
    {
      weight: [1, 3, 1],
      bias: [0, 0, -1],
    },
  );
  const expected = Array.from(want.output, (v) => formatNumber(v));
  await bn
    .locator('tensor-editor[label="fmap_out"] output')
    .nth(4)
    .filter({ hasText: expected[4] })
    .waitFor();
  assert.deepEqual(await texts(bn.locator('tensor-editor[label="fmap_out"] output')), expected);
  await bn.getByText('Learnable parameters: γ (weight) (3,) · β (bias) (3,)').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 4: the self-check, right and wrong', async () => {
  const { context, page, problems } = await open();
  await selfCheck(page, 'parameters', 'en-US');
  assert.deepEqual(problems, []);
  await context.close();
});
