// <deep-stack>'s pictures, pure functions of its runs: the ridge of per-layer histograms, the
// standard deviation per layer for all three norms, and the numbers per layer.
import { html, svg, nothing } from 'lit';
import { scaleLinear, scaleLog } from 'd3-scale';
import { max } from 'd3-array';
import { bottomAxis, leftAxis } from '../../charts/axes.js';
import { histogramPath, linePath } from '../../charts/series.js';
import { t, formatNumber } from '../../i18n.js';
import { TEXT } from './text.js';
import { NORMS, NORM_CLASS } from './model.js';

/**
 * Every layer's histogram in its own band, the input at the top; the values outside ±range as red
 * bars at both ends; each layer's standard deviation at the right.
 * @param {string} lang
 * @param {{norm: string, run: any}} shown the norm on screen and its run
 * @param {number} W the picture's width
 */
export function ridgeChart(lang, { norm, run }, W) {
  const layers = run.layers;
  const rowGap = Math.max(9, Math.min(26, 520 / layers.length));
  const top = 14;
  const H = top + rowGap * layers.length + 34;
  const left = 46;
  const right = 72; // room for "σ 8.47e−4"
  const side = 26; // the overflow bars' columns
  const x = scaleLinear()
    .domain([-run.range, run.range])
    .range([left + side + 6, W - right - side - 6]);
  const binWidth = (2 * run.range) / run.bins;
  const edges = Array.from({ length: run.bins + 1 }, (_, i) => -run.range + i * binWidth);
  const height = rowGap - 2; // rows do not overlap: each layer's bars stay in its own band
  const rows = layers.map((layer, l) => {
    const base = top + rowGap * (l + 1);
    const peak = Math.max(1, max(layer.counts), layer.under, layer.over);
    const y = (c) => base - (c / peak) * height;
    const bar = (count, x0) =>
      count
        ? svg`<rect class="overflow" x=${x0} width=${side - 4} y=${y(count)} height=${base - y(count)}></rect>`
        : nothing;
    return svg`<g class="layer" data-layer=${l}>
      <line class="base" x1=${left} x2=${W - right} y1=${base} y2=${base}></line>
      <path class="hist" d=${histogramPath(layer.counts, edges, { x, y })}></path>
      ${bar(layer.under, left + 2)} ${bar(layer.over, W - right - side + 2)}
      <text x=${left - 6} y=${base} text-anchor="end">${l === 0 ? 'x' : l}</text>
      <text x=${W - right + 6} y=${base} text-anchor="start">σ ${formatNumber(layer.std, 3)}</text>
    </g>`;
  });
  const axisY = top + rowGap * layers.length + 16;
  const name = t(lang, TEXT.normNames[norm]);
  const label = t(lang, TEXT.ridgeLabel)(
    name,
    layers.length - 1,
    formatNumber(layers[0].std),
    formatNumber(layers.at(-1).std),
  );
  return html`<p class="caption">${t(lang, TEXT.ridge)(name)}</p>
    <svg class="ridge" viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
      ${rows}
      <g class="axis">
        ${bottomAxis(x, { y: axisY - 13, count: 5, tickSize: 0, line: false, keepInside: false })}
        <text x=${left + side / 2} y=${axisY} text-anchor="middle">&lt;</text>
        <text x=${W - right - side / 2} y=${axisY} text-anchor="middle">&gt;</text>
        <text x=${W / 2} y=${axisY + 14} text-anchor="middle" class="muted">
          ${t(lang, TEXT.outside)}: ${`< −${formatNumber(run.range)}`},
          ${`> ${formatNumber(run.range)}`}
        </text>
      </g>
    </svg>`;
}

/**
 * The standard deviation per layer (log scale) of each norm's run, the same weights for all.
 * @param {string} lang
 * @param {Record<string, any>} runsByNorm
 * @param {number} depth
 * @param {number} W the picture's width
 */
export function stdChart(lang, runsByNorm, depth, W) {
  const H = 220;
  const m = { l: 56, r: 12, t: 10, b: 28 };
  const runs = NORMS.filter((n) => runsByNorm[n]).map((n) => ({ norm: n, run: runsByNorm[n] }));
  // a standard deviation of 0 (or a NaN) has no place on a log scale: the line breaks there
  const stds = (run) => run.layers.map((l) => (Number.isFinite(l.std) && l.std > 0 ? l.std : NaN));
  const finite = runs.flatMap(({ run }) => stds(run).filter(Number.isFinite));
  const lo = finite.length ? Math.min(...finite) : 0.1;
  const hi = finite.length ? Math.max(...finite) : 10;
  const y = scaleLog()
    .domain([Math.min(lo, 0.5), Math.max(hi, 2)])
    .nice()
    .clamp(true)
    .range([H - m.b, m.t]);
  const x = scaleLinear()
    .domain([0, depth])
    .range([m.l, W - m.r]);
  const ticks = y.ticks(4).filter((v, i, all) => all.length <= 6 || i % 2 === 0);
  return html`<p class="caption">${t(lang, TEXT.stdChart)}</p>
    <div class="legend">
      ${runs.map(
        ({ norm }) =>
          html`<span
            ><span class="swatch ${NORM_CLASS[norm]}"></span>${t(lang, TEXT.normNames[norm])}</span
          >`,
      )}
    </div>
    <svg class="std" viewBox="0 0 ${W} ${H}" role="img" aria-label=${t(lang, TEXT.stdChart)}>
      <g class="axis">
        ${leftAxis(y, {
          x: m.l,
          values: ticks,
          format: (v) => formatNumber(v, 2),
          tickSize: 0,
          labelGap: 4,
        })}
        ${bottomAxis(x, {
          y: H - m.b,
          count: Math.min(10, depth),
          format: String,
          tickSize: 0,
          labelGap: 18,
          keepInside: false,
        })}
        <text x=${W - m.r} y=${H - m.b - 4} text-anchor="end">${t(lang, TEXT.layer)}</text>
      </g>
      ${runs.map(
        ({ norm, run }) =>
          svg`<path class="${NORM_CLASS[norm]} ${norm === 'layer_norm' ? 'dashed' : ''}" d=${linePath(stds(run), { x, y })}></path>`,
      )}
    </svg>`;
}

/** The numbers per layer of the run on screen, in a closed <details>. */
export function layerTable(lang, run) {
  return html`<details>
    <summary>${t(lang, TEXT.table)}</summary>
    <div class="scroll">
      <table class="layers">
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.layer)}</th>
            <th scope="col">${t(lang, TEXT.mean)}</th>
            <th scope="col">${t(lang, TEXT.std)}</th>
            <th scope="col">${t(lang, TEXT.below)}</th>
            <th scope="col">${t(lang, TEXT.above)}</th>
            <th scope="col">${t(lang, TEXT.nan)}</th>
          </tr>
        </thead>
        <tbody>
          ${run.layers.map(
            (l, i) =>
              html`<tr>
                <td>${i === 0 ? 'x' : i}</td>
                <td>${formatNumber(l.mean)}</td>
                <td class="std">${formatNumber(l.std)}</td>
                <td>${l.under}</td>
                <td>${l.over}</td>
                <td>${l.nan}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}
