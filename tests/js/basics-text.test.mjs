// What a learner types: numbers, lists, shapes (the tensor editor) and module calls (the module
// console, the playground, the parameter table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumber, parseList, parseShape } from '../../web/model/parse.js';
import { keepPrefix, unravel } from '../../web/model/shape.js';
import {
  parseModule,
  moduleText,
  moduleClass,
  specMessage,
  ModuleSpecError,
} from '../../web/model/module-spec.js';
import { parseAnswer, parseCount } from '../../web/model/answer.js';

test('numbers: plain, signed, exponent, Python-style and a true minus; nothing else', () => {
  assert.equal(parseNumber('1.5'), 1.5);
  assert.equal(parseNumber(' -2 '), -2);
  assert.equal(parseNumber('1e-3'), 0.001);
  assert.equal(parseNumber('3.'), 3);
  assert.equal(parseNumber('.5'), 0.5);
  assert.equal(parseNumber('−0.25'), -0.25);
  for (const bad of ['', 'abc', '1,5', '1e', '--1', 'nan', 'inf', '1e999', '0x10'])
    assert.equal(parseNumber(bad), null, bad);
});

test('lists: commas, whitespace, brackets, and PyTorch/NumPy printouts', () => {
  assert.deepEqual(parseList('1, 2, 3'), { values: [1, 2, 3], shape: null });
  assert.deepEqual(parseList('1 2\n3\t4'), { values: [1, 2, 3, 4], shape: null });
  assert.deepEqual(parseList('[[1,2],[3,4]]'), { values: [1, 2, 3, 4], shape: [2, 2] });
  assert.deepEqual(parseList('tensor([[1., 2., 3.],\n        [4., 5., 6.]])'), {
    values: [1, 2, 3, 4, 5, 6],
    shape: [2, 3],
  });
  assert.deepEqual(parseList('torch.tensor([0.5, -1], dtype=torch.float64)'), {
    values: [0.5, -1],
    shape: [2],
  });
  assert.deepEqual(parseList('array([1, 2], dtype=float32)').values, [1, 2]);
  assert.deepEqual(parseList('((1, 2), (3, 4))').shape, [2, 2]);
  assert.equal(parseList('[[1, 2], [3]]').shape, null, 'ragged brackets give no shape');
});

test('lists: the first bad value, unmatched brackets and empty text are reported', () => {
  assert.deepEqual(parseList('1, 2, x, 4'), { error: 'number', token: 'x', index: 2 });
  assert.deepEqual(parseList('[[1, 2], [3, 4]'), { error: 'brackets' });
  assert.deepEqual(parseList('1, 2]'), { error: 'brackets' });
  assert.deepEqual(parseList(' , ; '), { error: 'empty' });
});

test('shapes: many spellings, and each limit with its reason', () => {
  for (const text of ['2, 3, 4', '(2, 3, 4)', '[2,3,4]', '2x3x4', 'torch.Size([2, 3, 4])'])
    assert.deepEqual(parseShape(text), { shape: [2, 3, 4] }, text);
  assert.deepEqual(parseShape(''), { error: 'empty' });
  assert.deepEqual(parseShape('1,1,1,1,1,1'), { error: 'dims', count: 6 });
  assert.deepEqual(parseShape('2, a'), { error: 'dim', token: 'a' });
  assert.deepEqual(parseShape('2, 1.5'), { error: 'dim', token: '1.5' });
  assert.deepEqual(parseShape('2, 0'), { error: 'size', token: '0' });
  assert.deepEqual(parseShape('2, -3'), { error: 'size', token: '-3' });
  assert.deepEqual(parseShape('65'), { error: 'size', token: '65' });
  assert.deepEqual(parseShape('64, 64, 2'), { error: 'elements', count: 8192 });
  assert.deepEqual(parseShape('64, 64'), { shape: [64, 64] });
});

test('reshaping keeps the values that fit, in order; indices unravel row-major', () => {
  assert.deepEqual(keepPrefix([1, 2, 3], 5, 0), [1, 2, 3, 0, 0]);
  assert.deepEqual(keepPrefix([1, 2, 3], 2, 0), [1, 2]);
  assert.deepEqual(unravel(23, [2, 3, 4]), [1, 2, 3]);
  assert.deepEqual(unravel(5, [2, 3, 4]), [0, 1, 1]);
});

test('module calls become engine options', () => {
  assert.deepEqual(parseModule('nn.LayerNorm([6, 3])'), {
    name: 'LayerNorm',
    options: { op: 'layer_norm', normalized_shape: [6, 3] },
  });
  assert.deepEqual(parseModule('LayerNorm(4, eps=1e-6, bias=False)').options, {
    op: 'layer_norm',
    normalized_shape: [4],
    eps: 1e-6,
    bias: false,
  });
  assert.deepEqual(parseModule('torch.nn.BatchNorm2d(3, momentum=None, affine=False)').options, {
    op: 'batch_norm',
    dims: 2,
    num_features: 3,
    momentum: null,
    affine: false,
  });
  assert.deepEqual(parseModule('nn.GroupNorm(2, 6, 1e-5, True)').options, {
    op: 'group_norm',
    num_groups: 2,
    num_channels: 6,
    eps: 1e-5,
    affine: true,
  });
  assert.deepEqual(parseModule('nn.InstanceNorm1d(num_features=-3)').options, {
    op: 'instance_norm',
    dims: 1,
    num_features: -3,
  });
  assert.deepEqual(moduleClass('BatchNorm3d'), { op: 'batch_norm', dims: 3 });
  assert.equal(moduleClass('Dropout'), undefined);
});

test('module text round-trips through moduleText', () => {
  for (const text of [
    'nn.LayerNorm(4)',
    'nn.LayerNorm((6, 3), elementwise_affine=False)',
    'nn.BatchNorm1d(3, momentum=None)',
    'nn.InstanceNorm2d(3, affine=True)',
    'nn.GroupNorm(3, 6)',
  ]) {
    assert.equal(moduleText(parseModule(text).options), text);
  }
});

test('argument errors use Python’s words', () => {
  const message = (text) => {
    try {
      parseModule(text);
    } catch (err) {
      assert.ok(err instanceof ModuleSpecError);
      return specMessage(err, 'en');
    }
    assert.fail(`${text} was accepted`);
  };
  assert.equal(
    message('nn.BatchNorm2d()'),
    "_BatchNorm.__init__() missing 1 required positional argument: 'num_features'",
  );
  assert.equal(
    message('nn.GroupNorm()'),
    "GroupNorm.__init__() missing 2 required positional arguments: 'num_groups' and 'num_channels'",
  );
  assert.equal(
    message('nn.BatchNorm2d(3, foo=1)'),
    "_BatchNorm.__init__() got an unexpected keyword argument 'foo'",
  );
  assert.equal(
    message('nn.BatchNorm2d(3, num_features=3)'),
    "_BatchNorm.__init__() got multiple values for argument 'num_features'",
  );
  assert.equal(
    message('nn.LayerNorm(4, 1e-5, True, True, None, None, 7)'),
    'LayerNorm.__init__() takes from 2 to 7 positional arguments but 8 were given',
  );
  assert.equal(
    message('nn.InstanceNorm2d(3, affine=True, affine=False)'),
    'SyntaxError: keyword argument repeated: affine',
  );
});

test('other mistakes get a message in the reader’s language', () => {
  const both = (text) => {
    try {
      parseModule(text);
    } catch (err) {
      return [specMessage(err, 'zh'), specMessage(err, 'en')];
    }
    assert.fail(`${text} was accepted`);
  };
  const [zh, en] = both('nn.Dropout(0.5)');
  assert.match(en, /nn\.Dropout is not one of BatchNorm1d/);
  assert.match(zh, /没有 nn\.Dropout/);
  assert.match(both('LayerNorm')[1], /Write a module call/);
  assert.match(both('nn.BatchNorm2d(3.5)')[1], /num_features must be a whole number/);
  assert.match(both('nn.LayerNorm([4, 2.5])')[1], /normalized_shape must be a whole number/);
  assert.match(both('nn.BatchNorm2d(3, affine=1)')[1], /affine must be True or False/);
  assert.match(both('nn.BatchNorm2d(3, momentum="x")')[1], /Cannot read/);
  assert.match(both('nn.LayerNorm([4, 2)')[1], /Expected , or \]/);
  assert.match(both('nn.BatchNorm2d(3, device="cuda")')[1], /Cannot read/);
  assert.match(both('nn.BatchNorm2d(3, dtype=float16)')[1], /Cannot read|Only dtype=None/);
  assert.match(both(`nn.LayerNorm(${'1'.repeat(300)})`)[1], /Too long/);
  assert.equal(
    both('nn.BatchNorm2d(100000000)')[1],
    'num_features is too big (100000000 elements); this page handles at most 1000000',
  );
  assert.match(both('nn.LayerNorm([4096, 4096, 4096])')[1], /normalized_shape is too big/);
  assert.deepEqual(
    parseModule('nn.LayerNorm([1000, 1000])').options.normalized_shape,
    [1000, 1000],
  );
});

test('self-check: a count may carry thousands separators; a shape keeps its commas', () => {
  for (const text of ['3072', '3,072', '3 072', '3，072', '3\u00a0072', '3_072', '(3072,)'])
    assert.deepEqual(parseCount(text), [3072], text);
  assert.deepEqual(parseCount('12,288'), [12288]);
  assert.deepEqual(parseCount('1,024,000'), [1024000]);
  for (const bad of ['3, 72', '3,72', '3,0720', '3,072.5', '3,072 000', 'abc', '', '(3, 4)'])
    assert.equal(parseCount(bad), null, bad);
  assert.deepEqual(parseAnswer('3,072'), [3, 72], 'as a shape, "3,072" is (3, 72)');
  assert.deepEqual(parseAnswer('3，4'), [3, 4], 'a full-width comma separates dims too');
  assert.deepEqual(parseAnswer('torch.Size([3, 4])'), [3, 4]);
});
