// <decay-compare>'s figures and table: pure functions of the three engine trajectories, the
// language and the surface. The surface picture, one x(t)/y(t) plot per decaying run, the legend
// and where each run ends.
import { html, svg } from 'lit';
import { axisTicks } from '../../charts/axes.js';
import { linePath } from '../../charts/series.js';
import { tickAnchor, tickBaseline, clearsXLabels } from '../../charts/tick-labels.js';
import { t, formatNumber } from '../../i18n.js';
import { RUNS, DRAW_ORDER, endOf, surfaceScales, timeScales } from './model.js';
import { TEXT } from './text.js';

const colourOf = (run) => `var(--nl-decay-${run.id}, ${run.colour})`;
const endText = (lang, [x, y]) => t(lang, TEXT.ends)(formatNumber(x), formatNumber(y));

/** The surface's contours (`contours`, drawn on surfaceScales(info)) and the three paths. */
export function surfacePlot(info, contours, results, lang) {
  const { width, height, x, y } = surfaceScales(info);
  const parts = RUNS.map(
    (run) => `${t(lang, TEXT.runs[run.id])} ${endText(lang, endOf(results[run.id]))}`,
  ).join('; ');
  const yTicks = axisTicks(y, { count: 5 }).filter((tick) => clearsXLabels(tick.position, height));
  return html`<figure>
    <svg
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-label=${t(lang, TEXT.picture)(info.formula, parts)}
    >
      <defs>
        <clipPath id="clip"><rect width=${width} height=${height}></rect></clipPath>
      </defs>
      <g clip-path="url(#clip)">
        ${contours.map((c) => svg`<path class="contour" d=${c.d}></path>`)}
        ${DRAW_ORDER.map((run) => {
          const r = results[run.id];
          return svg`<path data-run=${run.id} d=${linePath(r.y, { x, y, xs: r.x })} fill="none"
            stroke-width="2" stroke=${colourOf(run)} stroke-dasharray=${run.dash}></path>`;
        })}
      </g>
      <rect class="frame" width=${width} height=${height}></rect>
      <g class="axis">
        ${axisTicks(x, { count: 5 }).map(
          (tick) =>
            svg`<text x=${tick.position} y=${height - 4} text-anchor=${tick.anchor}>${tick.label}</text>`,
        )}
        ${yTicks.map(
          (tick) =>
            svg`<text x="4" y=${tickBaseline(tick.position, [0, height])}>${tick.label}</text>`,
        )}
      </g>
    </svg>
    <figcaption>${info.formula}</figcaption>
  </figure>`;
}

/** x(t) solid and y(t) dashed for one run. */
export function timePlot(run, results, lang) {
  const r = results[run.id];
  const { width, height, pad, x, y } = timeScales(r);
  const colour = colourOf(run);
  const name = t(lang, TEXT.runs[run.id]);
  // the x labels kept inside the whole picture, not only inside the frame
  const xTicks = axisTicks(x, { count: 4 }).map((tick) => ({
    ...tick,
    anchor: tickAnchor(tick.position, tick.label, [0, width]),
  }));
  return html`<figure data-run=${run.id}>
    <svg
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-label="${t(lang, TEXT.over)(name)}. ${endText(lang, endOf(r))}"
    >
      <rect
        class="frame"
        x=${pad.l}
        y=${pad.t}
        width=${width - pad.l - pad.r}
        height=${height - pad.t - pad.b}
      ></rect>
      <path d=${linePath(r.x, { x, y })} fill="none" stroke=${colour} stroke-width="2"></path>
      <path
        d=${linePath(r.y, { x, y })}
        fill="none"
        stroke=${colour}
        stroke-width="2"
        stroke-dasharray="6 4"
      ></path>
      <g class="axis">
        ${axisTicks(y, { count: 4 }).map(
          (tick) =>
            svg`<text x=${pad.l - 4} y=${tick.position + 4} text-anchor="end">${tick.label}</text>`,
        )}
        ${xTicks.map(
          (tick) =>
            svg`<text x=${tick.position} y=${height - 5} text-anchor=${tick.anchor}>${tick.label}</text>`,
        )}
      </g>
    </svg>
    <figcaption>${t(lang, TEXT.over)(name)} (x —, y - -)</figcaption>
  </figure>`;
}

/** Each run's line style and name. */
export function legend(lang) {
  return html`<div class="legend" aria-hidden="true">
    ${RUNS.map(
      (run) =>
        html`<span
          ><svg width="28" height="10" style="display:inline-block">
            <line
              x1="0"
              y1="5"
              x2="28"
              y2="5"
              stroke-width="2"
              stroke=${colourOf(run)}
              stroke-dasharray=${run.dash}
            ></line></svg
          >${t(lang, TEXT.runs[run.id])}</span
        >`,
    )}
  </div>`;
}

/** The summary sentence and where each run ends after `steps`. */
export function endsTable(results, steps, lang) {
  const fmt = ([x, y]) => `(${formatNumber(x)}, ${formatNumber(y)})`;
  return html`<p class="summary" aria-live="polite">
      ${t(lang, TEXT.summary)(fmt(endOf(results['adam-l2'])), fmt(endOf(results.adamw)))}
    </p>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.run)}</th>
            <th scope="col">${t(lang, TEXT.final)(steps)}</th>
            <th scope="col">${t(lang, TEXT.finalY)(steps)}</th>
          </tr>
        </thead>
        <tbody>
          ${RUNS.map((run) => {
            const [x, y] = endOf(results[run.id]);
            return html`<tr data-run=${run.id}>
              <td>${t(lang, TEXT.runs[run.id])}</td>
              <td>${formatNumber(x)}</td>
              <td>${formatNumber(y)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
}
