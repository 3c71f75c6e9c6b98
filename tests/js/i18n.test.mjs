import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialLanguage, formatFloat32, formatNumber, t } from '../../web/i18n.js';

const storage = (value) => ({ getItem: () => value, setItem() {} });

test('the remembered language wins, then the browser’s, then English', () => {
  assert.equal(initialLanguage(storage('zh'), ['en-US']), 'zh');
  assert.equal(initialLanguage(storage(null), ['zh-CN', 'en']), 'zh');
  assert.equal(initialLanguage(storage(null), ['fr-FR', 'en-GB']), 'en');
  assert.equal(initialLanguage(storage(null), ['fr-FR']), 'en');
  assert.equal(initialLanguage(storage('xx'), ['zh-TW']), 'zh');
  const blocked = {
    getItem: () => {
      throw new Error('blocked');
    },
  };
  assert.equal(initialLanguage(blocked, ['zh']), 'zh');
});

test('t picks the language and passes plain text through', () => {
  assert.equal(t('zh', { zh: '均值', en: 'mean' }), '均值');
  assert.equal(t('en', { zh: '均值', en: 'mean' }), 'mean');
  assert.equal(t('zh', 'x'), 'x');
});

test('float32 values print as the shortest decimal that reads back', () => {
  assert.equal(formatFloat32(Math.fround(1.7)), '1.7');
  assert.equal(formatFloat32(Math.fround(-0.1)), '-0.1');
  assert.equal(formatFloat32(3), '3');
  assert.equal(formatFloat32(Math.fround(1e-7)), '1e-7');
});

test('float32 texts are the same asked once or many times, past the memo’s bound', () => {
  // the memo keys by value: 0 and -0 share a key and must share a text; NaN is one key
  assert.equal(formatFloat32(-0), formatFloat32(0));
  assert.equal(formatFloat32(NaN), 'NaN');
  const values = Array.from({ length: 70_000 }, (_, i) => Math.fround(i / 7 - 5000));
  const first = values.map(formatFloat32);
  const again = values.map(formatFloat32);
  assert.deepEqual(again, first);
  for (const [i, v] of values.entries()) assert.equal(Math.fround(Number(first[i])), v);
  assert.equal(formatFloat32(Math.fround(1.7)), '1.7', 'still right after the memo was cleared');
});

test('numbers print short, with a true minus sign', () => {
  assert.equal(formatNumber(-1.3416354656), '−1.342');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(1.25), '1.25');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(2e-5), '2.000e−5');
});
