// <bn-momentum-convert>'s templates: the converter line and the chart of two running means.
import { html, svg } from 'lit';
import { scaleLinear } from 'd3-scale';
import { t, formatNumber } from '../../i18n.js';
import { bottomAxis, leftAxis } from '../../charts/axes.js';
import { linePath } from '../../charts/series.js';
import { TEXT } from './text.js';
import { STEPS, TRUE_MEAN } from './model.js';

const W = 420;
const H = 200;
const M = { left: 40, right: 10, top: 10, bottom: 32 };

/** runs: [{key: 'torch' | 'keras', label, means}] */
export function chartView(lang, runs) {
  const all = runs.flatMap((r) => r.means).concat([0, TRUE_MEAN]);
  const y = scaleLinear()
    .domain([Math.min(...all), Math.max(...all)])
    .nice()
    .range([H - M.bottom, M.top]);
  const x = scaleLinear()
    .domain([0, STEPS])
    .range([M.left, W - M.right]);
  const xs = Array.from({ length: STEPS + 1 }, (_, i) => i);
  const last = runs.map((r) => formatNumber(r.means.at(-1)));
  return html`<svg
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-label=${t(lang, TEXT.chartLabel)(...last)}
    class="chart"
  >
    ${bottomAxis(x, { y: H - M.bottom, count: 5 })} ${leftAxis(y, { x: M.left })}
    <line
      class="true-mean"
      x1=${M.left}
      x2=${W - M.right}
      y1=${y(TRUE_MEAN)}
      y2=${y(TRUE_MEAN)}
    ></line>
    ${runs.map(
      (r) =>
        svg`<path class="series ${r.key}" d=${linePath([0, ...r.means], { x, y, xs })}></path>`,
    )}
  </svg>`;
}

export function runRow(lang, run) {
  return html`<li class="run ${run.key}" data-momentum=${run.momentum}>
    <span class="swatch ${run.key}"></span> ${run.label}: ${t(lang, TEXT.after)(STEPS)}<strong
      class="final"
      >${formatNumber(run.means.at(-1))}</strong
    >; ${t(lang, TEXT.startWeight)(formatNumber((1 - run.momentum) ** STEPS))}
  </li>`;
}
