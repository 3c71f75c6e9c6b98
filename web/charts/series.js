// Line and step series for the widgets' charts, from d3-shape. A series is y values over x values
// (or over their index); points that are not finite (a diverged run, a NaN from the learner's
// input) break the line instead of drawing it to the picture's edge.
import { area, curveStepAfter, line } from 'd3-shape';
import { px } from './svg-safe.js';

/**
 * The SVG path of ys over xs (xs: an array, or absent for 0, 1, 2, …) on scales x and y;
 * '' when no point is drawable.
 * @param {ArrayLike<number>} ys
 * @param {{ x: (v: number) => number, y: (v: number) => number, xs?: ArrayLike<number> }} scales
 */
export function linePath(ys, { x, y, xs }) {
  const at = (i) => (xs ? xs[i] : i);
  const path = line()
    .defined((i) => Number.isFinite(at(i)) && Number.isFinite(ys[i]))
    .x((i) => px(x(at(i))))
    .y((i) => px(y(ys[i])));
  return path(Array.from({ length: ys.length }, (_, i) => i)) ?? '';
}

/**
 * A histogram's outline as a filled step area: `counts[i]` over the bin [edges[i], edges[i+1]),
 * from the baseline y(0).
 * @param {ArrayLike<number>} counts
 * @param {ArrayLike<number>} edges  counts.length + 1 bin edges
 */
export function histogramPath(counts, edges, { x, y }) {
  const points = Array.from(edges, (edge, i) => [edge, counts[Math.min(i, counts.length - 1)]]);
  return (
    area()
      .curve(curveStepAfter)
      .x((p) => px(x(p[0])))
      .y0(px(y(0)))
      .y1((p) => px(y(p[1])))(points) ?? ''
  );
}
