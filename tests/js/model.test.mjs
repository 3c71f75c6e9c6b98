// web/model/ without a browser: one table of texts run through the field parsers, the attribute
// converters and the URL codecs, which must take and refuse the same ones; the seeded generators'
// first values, pinned as each former copy produced them; the shape helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseNumber,
  parseInteger,
  parseIntegerList,
  parseShape,
  numberAttribute,
  integerAttribute,
} from '../../web/model/parse.js';
import * as codec from '../../web/state/codecs.js';
import { numel, unravel, fullIndex, keepPrefix, formatShape } from '../../web/model/shape.js';
import { lcg, xorshift, randomSource, seededValues } from '../../web/model/rng.js';
import { makeRandom } from '../../web/model/answer.js';
import { seededUniform } from '../../web/widgets/shared/dynamics-kit.js';
import { resize } from '../../web/model/norms.js';

const f32 = (list) => Float32Array.from(list);

// [text, the number it reads as (null: refused), whether it is an integer]
const NUMBERS = [
  ['1.5', 1.5, false],
  ['-2', -2, true],
  ['+4', 4, true],
  ['  3 ', 3, true],
  ['1e-3', 1e-3, false],
  ['7e9', 7e9, true],
  ['3.', 3, true],
  ['.5', 0.5, false],
  ['\u22120.5', -0.5, false],
  ['\u20132', -2, true],
  ['1e400', null],
  ['-1e400', null],
  ['0x10', null],
  ['0b11', null],
  ['Infinity', null],
  ['-Infinity', null],
  ['NaN', null],
  ['', null],
  [' ', null],
  ['abc', null],
  ['1,5', null],
  ['1.5.2', null],
  ['2 apples', null],
  ['1e', null],
  ['--1', null],
  ['9'.repeat(400), null],
];

test('fields, attributes and links read the same numbers and refuse the same texts', () => {
  const attribute = numberAttribute('fallback');
  const link = codec.number();
  for (const [text, value] of NUMBERS) {
    assert.equal(parseNumber(text), value, `field: ${JSON.stringify(text)}`);
    assert.equal(attribute.fromAttribute(text), value ?? 'fallback', `attribute: ${text}`);
    if (value === null) assert.throws(() => link.parse(text), Error, `link: ${text}`);
    else assert.equal(link.parse(text), value, `link: ${text}`);
  }
});

test('fields, attributes and links read the same integers and refuse the same texts', () => {
  const attribute = integerAttribute('fallback');
  const link = codec.int(-Infinity, Infinity);
  for (const [text, value, integer] of [...NUMBERS, ['2.5', 2.5, false], ['1e21', 1e21, false]]) {
    const want = integer ? value : null;
    assert.equal(parseInteger(text), want, `field: ${JSON.stringify(text)}`);
    assert.equal(attribute.fromAttribute(text), want ?? 'fallback', `attribute: ${text}`);
    if (want === null) assert.throws(() => link.parse(text), Error, `link: ${text}`);
    else assert.equal(link.parse(text), want, `link: ${text}`);
  }
  assert.deepEqual(parseIntegerList('4, 2,3'), [4, 2, 3]);
  assert.equal(parseIntegerList('4,,3'), null);
  assert.equal(parseIntegerList('4,0x10'), null);
});

test('a shape refused in a field is refused in a link, and read the same when taken', () => {
  const shapes = [
    ['2,3,4', [2, 3, 4]],
    ['(6,)', [6]],
    ['torch.Size([2, 3])', [2, 3]],
    ['2x3', [2, 3]],
    ['2,,3', null],
    ['0,3', null],
    ['-1,4', null],
    ['99999,99999', null],
    ['1e400', null],
    ['0x10', null],
    ['', null],
    ['2,3,4,4,1,1', null],
  ];
  for (const [text, shape] of shapes) {
    assert.deepEqual(parseShape(text).shape ?? null, shape, `field: ${text}`);
    const normalized = codec.shape.normalize(text);
    if (shape === null) assert.throws(() => codec.shape.parse(normalized), Error, `link: ${text}`);
    else assert.deepEqual(codec.shape.parse(normalized), shape, `link: ${text}`);
  }
});

test('the seeded generators give the values each former copy gave', () => {
  // norm-kinds.js / norm-playground.js seededValues(n, 7): values in [-2, 2]
  assert.deepEqual(seededValues(8), f32([-1, 1.7, 0.4, 1.7, -1.8, 1.4, -0.6, -1.8]));
  // affine-plot.js seeded(n, 11): values in [-3, 3]
  assert.deepEqual(seededValues(8, 11, 3), f32([-1.6, -1.3, -0.9, -2.5, 1.3, 2.1, -2.5, 1.3]));
  // dynamics-kit.js seededUniform: xorshift32, a zero seed stands for 0x9e3779b9
  const take = (next, n) => Array.from({ length: n }, next);
  assert.deepEqual(
    take(seededUniform(0), 3),
    [0.31659353361465037, 0.8757069851271808, 0.4833001629449427],
  );
  assert.deepEqual(
    take(xorshift(42), 3),
    [0.002643892541527748, 0.660311977379024, 0.11095708678476512],
  );
  // model/answer.js makeRandom: xorshift32, a zero seed stands for 1
  assert.deepEqual(
    take(makeRandom(0).next, 3),
    [0.00006295018829405308, 0.015747428173199296, 0.6164041024167091],
  );
  assert.deepEqual(
    take(makeRandom(12345).next, 3),
    [0.776938705239445, 0.3951726963277906, 0.6557702794671059],
  );
  const r = randomSource(lcg(3));
  for (let i = 0; i < 100; i++) {
    const v = r.int(2, 5);
    assert.ok(Number.isInteger(v) && v >= 2 && v <= 5);
  }
  assert.ok(['a', 'b'].includes(r.pick(['a', 'b'])));
  // norms.js resize keeps the old values in order and fills with the seeded ones
  assert.deepEqual(resize(f32([9, 8]), 4), f32([9, 8, 0.4, 1.7]));
});

test('shape helpers', () => {
  assert.equal(numel([2, 3, 4]), 24);
  assert.equal(numel([]), 1);
  assert.deepEqual(unravel(5, [2, 3]), [1, 2]);
  assert.deepEqual(fullIndex(23, [2, 3, 4]), [1, 2, 3]);
  assert.deepEqual(keepPrefix([1, 2, 3], 5, 0), [1, 2, 3, 0, 0]);
  assert.deepEqual(keepPrefix([1, 2, 3], 2, 0), [1, 2]);
  assert.equal(formatShape([6]), '(6,)');
  assert.equal(formatShape([2, 3]), '(2, 3)');
});

test('flagAttribute: present is on, the off words are off, absent is off (compact="false" as padding="false")', async () => {
  const { flagAttribute, isOffWord } = await import('../../web/model/parse.js');
  const { boolAttribute } = await import('../../web/widgets/shared/dynamics-kit.js');
  for (const on of ['', 'true', 'compact', 'yes', '1'])
    assert.equal(flagAttribute.fromAttribute(on), true, JSON.stringify(on));
  for (const off of ['false', 'FALSE', ' 0 ', 'no', 'off'])
    assert.equal(flagAttribute.fromAttribute(off), false, JSON.stringify(off));
  assert.equal(flagAttribute.fromAttribute(null), false);
  // the default-on attributes (padding, track-running-stats) read the same words as off
  for (const word of ['false', '0', 'no', 'off', 'true', ''])
    assert.equal(boolAttribute.fromAttribute(word), !isOffWord(word), word);
});
