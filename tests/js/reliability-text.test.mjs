// What the page's fields accept, at the edges the reliability suite found: a dim missing between two
// commas is no shape (Python refuses "(2,,3)" as well), hexadecimal and infinite text is no number,
// and a trailing comma, as Python prints a 1-tuple, still is a shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShape, parseNumber, EMPTY_DIM } from '../../web/model/parse.js';
import { parseCubeShape } from '../../web/model/norms.js';
import * as codecs from '../../web/state/codecs.js';

test('a dim missing between two commas, or before the first, is no shape', () => {
  for (const text of ['2,,3', '2, ,3', ',2,3', '(2,, 3)', 'torch.Size([2,,3])'])
    assert.deepEqual(parseShape(text), { error: 'gap' }, text);
  for (const text of ['2,,6,4', ',2,6,4,4']) assert.ok(parseCubeShape(text).error, text);
});

test('a trailing comma and other spellings still read as shapes', () => {
  assert.deepEqual(parseShape('(6,)'), { shape: [6] });
  assert.deepEqual(parseShape('2, 3, 4,'), { shape: [2, 3, 4] });
  assert.deepEqual(parseShape('2 3 4'), { shape: [2, 3, 4] });
  assert.deepEqual(parseCubeShape('(2, 6, 4, 4)'), { shape: [2, 6, 4, 4] });
  assert.equal(EMPTY_DIM.test('2, 3, 4,'), false);
});

test('numbers are decimal and finite: hex, binary, infinities and blanks are not', () => {
  for (const text of [
    '0x10',
    '0b1',
    '0o7',
    'Infinity',
    '-Infinity',
    'NaN',
    '',
    ' ',
    '1e400',
    '1_0',
  ])
    assert.equal(parseNumber(text), null, text);
  assert.equal(parseNumber('−0.5'), -0.5);
  assert.equal(parseNumber(' 1e-3 '), 0.001);
  assert.equal(parseNumber('3.'), 3);
});

test('links and attributes read numbers and shapes by the fields’ rules (state/codecs.js)', () => {
  const refuses = (codec, text) => assert.throws(() => codec.parse(text), Error, text);
  for (const text of ['0x10', '0b1', 'Infinity', 'NaN', '', ' ', '1e400', '1_0']) {
    assert.equal(parseNumber(text), null, text);
    refuses(codecs.number(), text);
    refuses(codecs.int(0, 100), text);
    refuses(codecs.floats, `1,${text},2`);
  }
  assert.equal(codecs.number(0, 1).parse('−0'), -0);
  assert.equal(codecs.int(0, 1e10).parse('7e9'), 7e9);
  for (const text of ['2,,3', ',2,3', '0', '65', '2,a', '64,64,64', '1,1,1,1,1,1', '']) {
    assert.ok(parseShape(text).error, text);
    refuses(codecs.shape, text);
  }
  assert.throws(() => codecs.shape.parse('2,,3'), /a dim is missing between two commas/);
  assert.throws(() => codecs.shape.parse('64,64,64'), /262144 elements is more than 4096/);
  for (const text of ['2,3,4', '(2, 3, 4)', '2x3x4', '(6,)'])
    assert.deepEqual(codecs.shape.parse(text), parseShape(text).shape, text);
});
