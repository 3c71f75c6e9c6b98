// <optimizer-race>'s pictures and tables: pure functions of the race's state, the language and the
// element's callbacks. The contours and the paths are the engine's; these only lay them out.
import { html, svg, nothing } from 'lit';
import { symbol, symbolCross } from 'd3-shape';
import { axisTicks } from '../../charts/axes.js';
import { tickBaseline, clearsXLabels } from '../../charts/tick-labels.js';
import { t, formatNumber } from '../../i18n.js';
import { FIELDS, LANES, LANE } from '../../model/race.js';
import { BUFFER_NAMES } from '../../model/optimizers.js';
import { fieldInput, fieldError } from '../shared/text-field.js';
import { fieldText } from '../shared/optim-controls.js';
import { SYMBOLS, COLOURS, SPEEDS, positionAt } from './model.js';
import { TEXT } from './text.js';

const laneIndex = (id) => LANES.findIndex((l) => l.id === id);

/**
 * The surface's contours, its minima, the start and each racer's path up to `frame`.
 * @param {{info, scales, contours, lanes: string[], results, frame: number, start: number[]}} race
 */
export function plotView(race, lang, { onKey, onClick }) {
  const { info, scales, contours, lanes, results, frame, start } = race;
  const { x, y, width, height } = scales;
  const paths = lanes.map((id) => {
    const r = results[id];
    const k = laneIndex(id);
    const p = positionAt(r, frame);
    const points = [];
    for (let i = 0; i <= p.i; i++) points.push(`${x(r.x[i]).toFixed(1)},${y(r.y[i]).toFixed(1)}`);
    points.push(`${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`);
    const marker = symbol(SYMBOLS[k], 90)();
    const mx = Math.min(width, Math.max(0, x(p.x)));
    const my = Math.min(height, Math.max(0, y(p.y)));
    return svg`<g data-lane=${id} style="color: var(--nl-race-${id}, ${COLOURS[k]})">
        <polyline class="path" stroke="currentColor" points=${points.join(' ')}></polyline>
        <path d=${marker} transform="translate(${mx.toFixed(1)},${my.toFixed(1)})"
          fill="currentColor" stroke="var(--nl-bg, #fff)" stroke-width="1"></path>
      </g>`;
  });
  const description = lanes
    .map((id) => {
      const p = positionAt(results[id], frame);
      return `${t(lang, LANE[id].label)} ${t(lang, TEXT.at)(formatNumber(p.x), formatNumber(p.y))}`;
    })
    .join('; ');
  const xTicks = axisTicks(x, { count: 6 });
  const yTicks = axisTicks(y, { count: 5 }).filter((tick) => clearsXLabels(tick.position, height));
  return html`<div
    class="plot"
    tabindex="0"
    role="group"
    aria-label=${t(lang, TEXT.plot)}
    @keydown=${onKey}
    @click=${onClick}
  >
    <svg
      class="surface"
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-label=${t(lang, TEXT.picture)(t(lang, info.label), description)}
    >
      <defs>
        <clipPath id="clip"><rect width=${width} height=${height}></rect></clipPath>
      </defs>
      <g clip-path="url(#clip)">
        ${contours.map((c) => svg`<path class="contour" d=${c.d}></path>`)}
        ${info.minima.map(
          ([mx, my]) =>
            svg`<path class="minimum" d=${symbol(symbolCross, 70)()}
                transform="translate(${x(mx)},${y(my)}) rotate(45)"></path>`,
        )}
        <circle class="start" cx=${x(start[0])} cy=${y(start[1])} r="7"></circle>
        ${paths}
      </g>
      <g class="axis">
        ${xTicks.map(
          (tick) =>
            svg`<text x=${tick.position} y=${height - 4} text-anchor=${tick.anchor}>${tick.label}</text>`,
        )}
        ${yTicks.map(
          (tick) =>
            svg`<text x="4" y=${tickBaseline(tick.position, [0, height])}>${tick.label}</text>`,
        )}
      </g>
    </svg>
  </div>`;
}

/**
 * One racer's checkbox and its folded hyper-parameter fields.
 * @param {{lane, settings, on: boolean, errors: object, drafts: object, open: boolean}} form
 */
function laneFormView(form, lang, { onLane, onField, onOpen }) {
  const { lane, settings: s, on, errors, drafts, open } = form;
  const id = lane.id;
  const k = laneIndex(id);
  const keys = ['lr', ...Object.keys(lane.defaults)];
  const summary = keys
    .filter((key) => !FIELDS[key].flag || s[key])
    .map((key) => (FIELDS[key].flag ? key : `${key}=${fieldText(s[key])}`))
    .join(', ');
  return html`<div class="lane" data-lane=${id}>
    <label class="inline">
      <input type="checkbox" .checked=${on} @change=${(e) => onLane(id, e.target.checked)} />
      <svg class="key" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
        <path d=${symbol(SYMBOLS[k], 60)()} fill="var(--nl-race-${id}, ${COLOURS[k]})"></path>
      </svg>
      ${t(lang, lane.label)}
    </label>
    <details
      ?open=${open || Object.keys(errors).length > 0}
      @toggle=${(e) => onOpen(id, e.target.open)}
    >
      <summary>${t(lang, TEXT.settings)}: ${summary}</summary>
      <div class="fields">
        ${keys.map((key) => {
          const f = FIELDS[key];
          const fid = `${id}-${key}`;
          if (f.flag) {
            return html`<label class="inline"
              ><input
                type="checkbox"
                .checked=${s[key]}
                @change=${(e) => onField(id, key, e.target.checked)}
              />${f.label}</label
            >`;
          }
          const text = drafts?.[key] ?? fieldText(s[key]);
          return html`<div class="field">
            <label
              >${f.label}
              ${fieldInput({
                cls: 'num',
                inputmode: 'decimal',
                value: text,
                error: errors[key],
                errorId: `${fid}-error`,
                onInput: (e) => onField(id, key, e.target.value),
              })}</label
            >
            ${fieldError(`${fid}-error`, errors[key])}
          </div>`;
        })}
      </div>
    </details>
  </div>`;
}

/**
 * The inspected racer's parameter, last gradient and state buffers after step `s.step`.
 * @param {{lanes: string[], shown: string, s: {step, param, grad, state}}} inspected
 */
export function inspectorView({ lanes, shown, s }, lang, { onInspect }) {
  const pair = (v) => `(${formatNumber(v[0])}, ${formatNumber(v[1])})`;
  const rows = [[t(lang, TEXT.theta), s.param, 'theta']];
  if (s.grad) rows.push([t(lang, TEXT.gradient)(s.step), s.grad, 'grad']);
  for (const [name, values] of Object.entries(s.state)) {
    const what = BUFFER_NAMES[name];
    rows.push([what ? `${name} (${t(lang, what)})` : name, values, name]);
  }
  return html`<div class="inspect">
    <label class="inline"
      >${t(lang, TEXT.inspect)}
      <select @change=${(e) => onInspect(e.target.value)}>
        ${lanes.map(
          (l) =>
            html`<option value=${l} ?selected=${l === shown}>${t(lang, LANE[l].label)}</option>`,
        )}
      </select></label
    >
    <p class="caption">${t(lang, TEXT.inside)(s.step)}</p>
    ${
      s.step === 0 && !Object.keys(s.state).length
        ? html`<p class="muted">${t(lang, TEXT.noState)}</p>`
        : nothing
    }
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.quantity)}</th>
            <th scope="col">(x, y)</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ([label, v, key]) =>
              html`<tr data-quantity=${key}>
                <td>${label}</td>
                <td>${pair(v)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </div>`;
}

/**
 * The status line and each racer's loss, position and note at the frame.
 * @param {{view: number[], lanes: string[], results, frame: number, steps: number, playing: boolean}} race
 */
export function tableView({ view, lanes, results, frame, steps, playing }, lang) {
  const [xmin, xmax, ymin, ymax] = view;
  const shown = Math.round(frame);
  const rows = lanes.map((id) => {
    const r = results[id];
    const p = positionAt(r, frame);
    const i = Math.min(shown, r.end - 1);
    return { id, r, p, loss: r.loss[Math.max(0, i)] };
  });
  const finite = rows.filter((row) => row.r.end > shown);
  const best = finite.length ? finite.reduce((a, b) => (b.loss < a.loss ? b : a)) : null;
  const status = best
    ? t(lang, TEXT.leader)(t(lang, LANE[best.id].label), formatNumber(best.loss))
    : '';
  return html`
    <p class="status" aria-live="polite">
      ${
        playing
          ? ''
          : lanes.length
            ? t(lang, TEXT.status)(shown, steps, status)
            : t(lang, TEXT.noRacer)
      }
    </p>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.racer)}</th>
            <th scope="col">${t(lang, TEXT.loss)}</th>
            <th scope="col">${t(lang, TEXT.position)}</th>
            <th scope="col">${t(lang, TEXT.note)}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(({ id, r, p, loss }) => {
            const off = p.x < xmin || p.x > xmax || p.y < ymin || p.y > ymax;
            const note =
              r.end <= shown
                ? t(lang, TEXT.diverged)(r.end)
                : off
                  ? t(lang, TEXT.outside)
                  : best?.id === id
                    ? t(lang, TEXT.best)
                    : '';
            return html`<tr data-lane=${id} class=${best?.id === id ? 'best' : ''}>
              <td>${t(lang, LANE[id].label)}</td>
              <td data-loss>${formatNumber(loss)}</td>
              <td>(${formatNumber(p.x)}, ${formatNumber(p.y)})</td>
              <td>${note}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  `;
}

/**
 * Play/pause, step, back to start, speed and the scrubber, driving the race's PlaybackController
 * (a step, the rewind and the scrubber stop it).
 * @param {import('../../controllers/playback-controller.js').PlaybackController} playback
 */
export function playbackView(playback, steps, lang) {
  const { playing, speed } = playback;
  const to = (position) => {
    playback.pause();
    playback.seek(position);
  };
  return html`<div class="row" role="group" aria-label=${t(lang, TEXT.playback)}>
    <button
      type="button"
      aria-pressed=${playing ? 'true' : 'false'}
      @click=${() => playback.toggle()}
    >
      ${t(lang, playing ? TEXT.pause : TEXT.play)}
    </button>
    <button type="button" @click=${() => playback.step(1)}>${t(lang, TEXT.step)}</button>
    <button type="button" @click=${() => to(0)}>${t(lang, TEXT.rewind)}</button>
    <label class="inline"
      >${t(lang, TEXT.speed)}
      <select @change=${(e) => playback.setSpeed(Number(e.target.value))}>
        ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === speed}>${s}×</option>`)}
      </select></label
    >
    <label class="inline"
      >${t(lang, TEXT.scrub)}
      <input
        type="range"
        min="0"
        max=${steps}
        step="1"
        .value=${String(Math.round(playback.position))}
        @input=${(e) => to(Number(e.target.value))}
    /></label>
  </div>`;
}

/**
 * Every racer's checkbox and settings, in a fieldset.
 * @param {{lanes: string[], settings, errors, drafts, openLanes: Set<string>}} race
 */
export function lanesView({ lanes, settings, errors, drafts, openLanes }, lang, on) {
  const onOpen = (id, open) => {
    if (open) openLanes.add(id);
    else openLanes.delete(id);
  };
  return html`<fieldset>
    <legend>${t(lang, TEXT.racers)}</legend>
    <div class="lanes">
      ${LANES.map((lane) =>
        laneFormView(
          {
            lane,
            settings: settings[lane.id],
            on: lanes.includes(lane.id),
            errors: errors[lane.id] ?? {},
            drafts: drafts[lane.id],
            open: openLanes.has(lane.id),
          },
          lang,
          { ...on, onOpen },
        ),
      )}
    </div>
  </fieldset>`;
}

/**
 * The surface menu and the steps and start fields.
 * @param {{infos, surface: string, stepsText: string, startText: string[], fieldErrors: Record<string, string>}} form
 */
export function setupView({ infos, surface, stepsText, startText, fieldErrors: errors }, lang, on) {
  return html`<div class="row">
      <label
        >${t(lang, TEXT.surface)}
        <select @change=${(e) => on.surface(e.target.value)}>
          ${infos.map(
            (s) =>
              html`<option value=${s.name} ?selected=${s.name === surface}>
                ${t(lang, s.label)}
              </option>`,
          )}
        </select></label
      >
      <label
        >${t(lang, TEXT.steps)}
        ${fieldInput({
          cls: 'num',
          inputmode: 'numeric',
          value: stepsText,
          error: errors.steps,
          errorId: 'steps-error',
          onInput: (e) => on.steps(e.target.value),
        })}</label
      >
      ${['x', 'y'].map(
        (axis, i) =>
          html`<label
            >${t(lang, i ? TEXT.startY : TEXT.startX)}
            ${fieldInput({
              cls: 'num',
              inputmode: 'decimal',
              value: startText[i],
              error: errors[axis],
              errorId: 'start-error',
              onInput: (e) => on.start(i, e.target.value),
            })}</label
          >`,
      )}
    </div>
    ${fieldError('steps-error', errors.steps)} ${fieldError('start-error', errors.x || errors.y)}`;
}
