// <optimizer-race>'s DOM-free pieces: each racer's marker and colour, the racers' codec for the
// link, the plot's scales, and where a racer is at a fractional frame of its engine-computed path.
import { scaleLinear } from 'd3-scale';
import {
  symbolCircle,
  symbolSquare,
  symbolTriangle,
  symbolDiamond,
  symbolStar,
  symbolCross,
  symbolWye,
} from 'd3-shape';
import { LANE, laneArgs, defaultSettings } from '../../model/race.js';

export const MAX_STEPS = 2000;
export const STEPS_PER_SECOND = 25;
export const SPEEDS = [0.25, 0.5, 1, 2, 4];
const PLOT_W = 560;

/** One marker and one colour per racer, in LANES order. */
export const SYMBOLS = [
  symbolCircle,
  symbolSquare,
  symbolTriangle,
  symbolDiamond,
  symbolStar,
  symbolCross,
  symbolWye,
];
export const COLOURS = [
  '#d62728',
  '#1f77b4',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#2ca02c',
  '#ff7f0e',
];

/** The link's "lanes" key: racer ids joined by commas. */
export const lanesCodec = {
  parse(text) {
    const ids = text.split(',').filter(Boolean);
    const known = [...new Set(ids.filter((id) => LANE[id]))];
    for (const id of ids)
      if (!LANE[id]) {
        // an attribute keeps the racers it names that exist (url-state.js: partial)
        /** @type {Error & {partial?: string[]}} */
        const err = new Error(`"${id.slice(0, 20)}" is not a racer`);
        if (known.length) err.partial = known;
        throw err;
      }
    return known;
  },
  format: (ids) => ids.join(','),
};

/** The plot's size and its two scales: as tall as the surface's view is, within 0.5 to 1.1. */
export function plotScales(info) {
  const [xmin, xmax, ymin, ymax] = info.view;
  const width = PLOT_W;
  const height = Math.round(Math.min(1.1, Math.max(0.5, (ymax - ymin) / (xmax - xmin))) * width);
  return {
    width,
    height,
    x: scaleLinear().domain([xmin, xmax]).range([0, width]),
    y: scaleLinear().domain([ymin, ymax]).range([height, 0]),
  };
}

/** The racers an attribute names that exist ("sgd,adam,nope" -> ['sgd', 'adam']). */
export const laneIds = (text) =>
  String(text)
    .split(',')
    .filter((id) => LANE[id]);

/**
 * Each racing lane's engine trajectory, with `end`: the first step whose point or loss is not
 * finite (or the path's length): the path ends there.
 */
export function raceResults(engine, { surface, lanes, settings, start, steps }) {
  const results = {};
  for (const id of lanes) {
    const args = laneArgs(id, settings[id]);
    results[id] = withEnd(engine.trajectory({ surface, op: LANE[id].op, args, start, steps }));
  }
  return results;
}

function withEnd(r) {
  let end = r.loss.length;
  for (let i = 0; i < r.loss.length; i++) {
    if (!Number.isFinite(r.x[i]) || !Number.isFinite(r.y[i]) || !Number.isFinite(r.loss[i])) {
      end = i;
      break;
    }
  }
  return { ...r, end };
}

/** Where a lane is at the (fractional) frame, and how much of its path (i) to draw. */
export function positionAt(r, frame) {
  const last = Math.max(0, r.end - 1);
  const f = Math.max(0, Math.min(frame, last));
  const i = Math.floor(f);
  const j = Math.min(i + 1, last);
  const a = f - i;
  return { i, x: r.x[i] + (r.x[j] - r.x[i]) * a, y: r.y[i] + (r.y[j] - r.y[i]) * a };
}

/** PyTorch's message when the engine refuses lane `id` with these settings, else ''. */
export function laneRefusal(engine, id, settings, start = [0, 0]) {
  try {
    engine.optimizer(start, { op: LANE[id].op, args: laneArgs(id, settings) }).delete();
  } catch (err) {
    return err.message;
  }
  return '';
}

/**
 * The surface's default settings with a link's settings over them, lane by lane, where the engine
 * accepts them; `refused` lists [id, PyTorch's message] for the lanes kept at their defaults.
 */
export function checkedSettings(engine, surface, fromLink) {
  const settings = defaultSettings(surface);
  const refused = [];
  for (const [id, s] of Object.entries(fromLink)) {
    const candidate = { ...settings[id], ...s };
    const message = laneRefusal(engine, id, candidate);
    if (message) refused.push([id, message]);
    else settings[id] = candidate;
  }
  return { settings, refused };
}

/** A lane's optimizer at `start`, before its first step, as the inspector walks it (delete() it). */
export function laneCursor(engine, id, settings, start) {
  const optimizer = engine.optimizer(start, { op: LANE[id].op, args: laneArgs(id, settings) });
  return {
    optimizer,
    step: 0,
    param: Float32Array.from(start),
    grad: null,
    delete: () => optimizer.delete(),
  };
}

const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/** The start an arrow key moves to (a 50th of the view; Shift: a 10th), or null for other keys. */
export function startMovedBy({ key, shiftKey }, start, [xmin, xmax, ymin, ymax]) {
  const move = MOVES[key];
  if (!move) return null;
  const unit = (shiftKey ? 0.1 : 0.02) * Math.min(xmax - xmin, ymax - ymin);
  return [start[0] + move[0] * unit, start[1] + move[1] * unit];
}
