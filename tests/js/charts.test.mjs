// The shared chart frame (web/charts/): tick values come from d3-scale, labels stay inside the
// picture, and a series breaks at a point that is not finite instead of drawing it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleLinear } from 'd3-scale';
import { axisTicks, bottomAxis, leftAxis } from '../../web/charts/axes.js';
import { histogramPath, linePath } from '../../web/charts/series.js';

test('axisTicks: d3 tick values, positions on the scale, page-format labels', () => {
  const x = scaleLinear().domain([-10, 10]).range([40, 340]);
  const ticks = axisTicks(x, { count: 5 });
  assert.deepEqual(
    ticks.map((t) => t.value),
    [-10, -5, 0, 5, 10],
  );
  assert.deepEqual(
    ticks.map((t) => t.position),
    [40, 115, 190, 265, 340],
  );
  // a true minus sign, as everywhere on the page
  assert.equal(ticks[0].label, '−10');
  // the end labels are drawn inward, the middle ones centred
  assert.deepEqual(
    ticks.map((t) => t.anchor),
    ['start', 'middle', 'middle', 'middle', 'end'],
  );
});

test('axisTicks: explicit values and format', () => {
  const y = scaleLinear().domain([0, 1]).range([100, 0]);
  const ticks = axisTicks(y, { values: [0, 0.5], format: (v) => `${v * 100}%` });
  assert.deepEqual(
    ticks.map((t) => [t.position, t.label]),
    [
      [100, '0%'],
      [50, '50%'],
    ],
  );
});

test('bottomAxis and leftAxis: one label per tick, base line unless turned off', () => {
  const x = scaleLinear().domain([0, 4]).range([0, 200]);
  const axis = bottomAxis(x, { y: 90, count: 4 });
  const labels = axis.values[1].map((tick) => tick.values.at(-1));
  assert.deepEqual(labels, ['0', '1', '2', '3', '4']);
  assert.equal(bottomAxis(x, { y: 90, line: false }).values[0], '');
  const y = scaleLinear().domain([-1, 1]).range([100, 10]);
  const left = leftAxis(y, { x: 30, count: 2 });
  const baselines = left.values[1].map((tick) => tick.values[1]);
  // each baseline inside [10, 100]: the top label moved down, the bottom one up
  assert.ok(
    baselines.every((b) => b >= 10 && b <= 100),
    String(baselines),
  );
});

test('linePath: breaks at NaN and Infinity, clamps far points', () => {
  const x = scaleLinear().domain([0, 3]).range([0, 30]);
  const y = scaleLinear().domain([0, 1]).range([10, 0]);
  // (a lone point after a gap is a zero-length subpath, as d3-shape draws it)
  assert.equal(linePath([0, 1, NaN, 1], { x, y }), 'M0,10L10,0M30,0Z');
  assert.equal(linePath([NaN, Infinity], { x, y }), '');
  const far = linePath([0, 1e40], { x, y });
  assert.match(far, /L10,-1000000$/);
  assert.equal(linePath([0, 1], { x, y, xs: [0, 3] }), 'M0,10L30,0');
});

test('histogramPath: a step outline over the bin edges from the baseline', () => {
  const x = scaleLinear().domain([0, 2]).range([0, 20]);
  const y = scaleLinear().domain([0, 4]).range([40, 0]);
  assert.equal(
    histogramPath([4, 2], [0, 1, 2], { x, y }),
    'M0,0L10,0L10,20L20,20L20,20L20,40L20,40L10,40L10,40L0,40Z',
  );
});
