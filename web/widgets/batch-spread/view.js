// <batch-spread>'s pictures: the chart of both spreads against the batch size, its summary and its
// numbers.
import { html, svg } from 'lit';
import { scaleLog, scaleLinear } from 'd3-scale';
import { bottomAxis, leftAxis } from '../../charts/axes.js';
import { linePath } from '../../charts/series.js';
import { t, formatNumber } from '../../i18n.js';
import { TEXT } from './text.js';
import { BATCH_SIZES } from './model.js';

// the chart's coordinate width follows the widget's, so its text stays near its CSS size on phones
const WIDE = 600;
const NARROW = 360;
const M = { left: 58, right: 18, top: 20, bottom: 50 };

/** What the chart shows, in words (its aria-label and the paragraph under it). */
export function summary(lang, r) {
  const f = formatNumber;
  return t(
    lang,
    TEXT.picture,
  )({
    bn1: f(r.bn[0]),
    bn64: f(r.bn[r.bn.length - 1]),
    gnMin: f(Math.min(...r.gn)),
    gnMax: f(Math.max(...r.gn)),
  });
}

/**
 * BN's spread (line and circles) and GN's (dashed line and squares) over the batch sizes.
 * @param {string} lang
 * @param {{bn: Iterable<number> & ArrayLike<number>, gn: Iterable<number> & ArrayLike<number>}} r
 * @param {boolean} narrow
 */
export function spreadChart(lang, r, narrow) {
  const width = narrow ? NARROW : WIDE;
  const height = narrow ? 300 : 330;
  const x = scaleLog()
    .base(2)
    .domain([BATCH_SIZES[0], BATCH_SIZES[BATCH_SIZES.length - 1]])
    .range([M.left, width - M.right]);
  const top = Math.max(...r.bn, ...r.gn, 1e-6);
  const y = scaleLinear()
    .domain([0, top * 1.08])
    .nice()
    .range([height - M.bottom, M.top]);
  const points = (values) => BATCH_SIZES.map((b, i) => [x(b), y(values[i])]);
  const bottom = height - M.bottom;
  return html`<svg
    class="chart"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-label=${summary(lang, r)}
  >
    <g class="grid">
      ${y
        .ticks(5)
        .map((v) => svg`<line x1=${M.left} x2=${width - M.right} y1=${y(v)} y2=${y(v)}></line>`)}
    </g>
    ${leftAxis(y, { x: M.left, count: 5, tickSize: 0, labelGap: 6, line: false })}
    ${bottomAxis(x, { y: bottom, values: BATCH_SIZES, format: String, labelGap: 14, line: false })}
    <text
      class="axis-title"
      x=${(M.left + width - M.right) / 2}
      y=${height - 8}
      text-anchor="middle"
    >
      ${t(lang, TEXT.xAxis)}
    </text>
    <text
      class="axis-title"
      transform="translate(14 ${(M.top + bottom) / 2}) rotate(-90)"
      text-anchor="middle"
    >
      ${t(lang, TEXT.yAxis)}
    </text>
    <path class="bn" d=${linePath(r.bn, { x, y, xs: BATCH_SIZES })}></path>
    <path class="gn" d=${linePath(r.gn, { x, y, xs: BATCH_SIZES })}></path>
    ${points(r.bn).map(([cx, cy]) => svg`<circle class="bn" cx=${cx} cy=${cy} r="4"></circle>`)}
    ${points(r.gn).map(
      ([rx, ry]) => svg`<rect class="gn" x=${rx - 4} y=${ry - 4} width="8" height="8"></rect>`,
    )}
  </svg>`;
}

/** The chart's numbers, one row per batch size. */
export function spreadTable(lang, r) {
  const f = formatNumber;
  return html`<details>
    <summary>${t(lang, TEXT.table)}</summary>
    <table>
      <thead>
        <tr>
          <th scope="col">${t(lang, TEXT.colB)}</th>
          <th scope="col">BN</th>
          <th scope="col">GN</th>
        </tr>
      </thead>
      <tbody>
        ${BATCH_SIZES.map(
          (b, i) =>
            html`<tr>
              <td>${b}</td>
              <td>${f(r.bn[i])}</td>
              <td>${f(r.gn[i])}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
