// Axes for the widgets' SVG charts: the tick values and their positions come from d3-scale
// (`scale.ticks`), the labels from the page's number format, and each label is kept inside the
// picture (tick-labels.js). A widget's view draws its own series; these draw only the frame.
//   svg`${bottomAxis(x, { y: H - M.bottom, count: 7 })} ${leftAxis(y, { x: M.left })}`
import { svg } from 'lit';
import { formatNumber } from '../i18n.js';
import { tickAnchor, tickBaseline } from './tick-labels.js';

/**
 * The ticks of a d3 continuous scale as plain data: value, position, label and the text-anchor
 * that keeps the label inside the scale's range. `format(value)`; `count` as for `scale.ticks`.
 * @param {{ ticks: (n: number) => number[], range: () => number[] } & ((v: number) => number)} scale
 * @param {{ count?: number, format?: (v: number) => string, values?: number[] }} [options]
 */
export function axisTicks(scale, { count = 5, format = formatNumber, values } = {}) {
  const range = scale.range();
  /** @type {[number, number]} */
  const extent = [Math.min(...range), Math.max(...range)];
  return (values ?? scale.ticks(count)).map((value) => {
    const position = scale(value);
    const label = format(value);
    return { value, position, label, anchor: tickAnchor(position, label, extent) };
  });
}

/**
 * @typedef {object} AxisOptions
 * @property {number} [count]  how many ticks to ask d3 for
 * @property {(v: number) => string} [format]
 * @property {number[]} [values]  the tick values, instead of d3's
 * @property {number} [tickSize]  0 draws labels only
 * @property {number} [labelGap]
 * @property {boolean} [line]  false leaves the base line out (a chart with its own frame)
 */

/**
 * An x axis along `y`: the base line over the scale's range, a tick and a label per tick value.
 * @param {any} scale  a d3 continuous scale
 * @param {AxisOptions & { y: number, keepInside?: boolean }} options
 */
export function bottomAxis(
  scale,
  { y, count = 5, format, values, tickSize = 5, labelGap = 13, line = true, keepInside = true },
) {
  const [x1, x2] = scale.range();
  return svg`<g class="axis x-axis">
    ${line ? svg`<line x1=${x1} x2=${x2} y1=${y} y2=${y}></line>` : ''}
    ${axisTicks(scale, { count, format, values }).map(
      (tick) => svg`${
        tickSize
          ? svg`<line x1=${tick.position} x2=${tick.position} y1=${y} y2=${y + tickSize}></line>`
          : ''
      }<text x=${tick.position} y=${y + tickSize + labelGap}
          text-anchor=${keepInside ? tick.anchor : 'middle'}>${tick.label}</text>`,
    )}
  </g>`;
}

/**
 * A y axis along `x`: the base line over the scale's range, a tick and a right-aligned label per
 * tick value, each label's baseline kept inside the range.
 * @param {any} scale  a d3 continuous scale
 * @param {AxisOptions & { x: number }} options
 */
export function leftAxis(
  scale,
  { x, count = 4, format, values, tickSize = 5, labelGap = 3, line = true },
) {
  const [y1, y2] = scale.range();
  /** @type {[number, number]} */
  const extent = [Math.min(y1, y2), Math.max(y1, y2)];
  return svg`<g class="axis y-axis">
    ${line ? svg`<line x1=${x} x2=${x} y1=${y1} y2=${y2}></line>` : ''}
    ${axisTicks(scale, { count, format, values }).map(
      (tick) => svg`${
        tickSize
          ? svg`<line x1=${x - tickSize} x2=${x} y1=${tick.position} y2=${tick.position}></line>`
          : ''
      }<text x=${x - tickSize - labelGap} y=${tickBaseline(tick.position, extent)}
          text-anchor="end">${tick.label}</text>`,
    )}
  </g>`;
}
