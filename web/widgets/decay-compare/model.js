// <decay-compare>'s runs: which optimizer each is and whether it gets the weight decay, the
// surface they run on, the arguments each run's optimizer is made with, the figures' scales. No DOM.
import { scaleLinear } from 'd3-scale';

/** The engine's surface whose two coordinates have gradients 100x apart in scale. */
export const SURFACE = 'bowl_l2';
export const MAX_STEPS = 5000;

/** The three runs: which optimizer, and whether it gets the weight decay. */
export const RUNS = [
  { id: 'adam-plain', op: 'adam', decay: false, colour: '#7f7f7f', dash: '5 4' },
  { id: 'adam-l2', op: 'adam', decay: true, colour: '#d62728', dash: '' },
  { id: 'adamw', op: 'adamw', decay: true, colour: '#1f77b4', dash: '' },
];

// the dashed run drawn last: where its path and a solid one coincide (Adam without decay and AdamW
// until the decay has shrunk θ), the solid one shows through its gaps instead of covering it
export const DRAW_ORDER = [...RUNS.filter((run) => !run.dash), ...RUNS.filter((run) => run.dash)];

/** A run's optimizer arguments. */
export function runArgs(run, lr, wd) {
  // Adam's default weight_decay is 0 and AdamW's 0.01: the run without decay says 0 outright
  return { lr, weight_decay: run.decay ? wd : 0 };
}

/** Throws PyTorch's message when Adam or AdamW would refuse these values. */
export function checkRuns(engine, lr, wd) {
  for (const run of RUNS)
    engine.optimizer([0, 0], { op: run.op, args: runArgs(run, lr, wd) }).delete();
}

/** Each run's engine trajectory from the surface's start, by run id. */
export function runTrajectories(engine, start, { lr, weightDecay, steps }) {
  const results = {};
  for (const run of RUNS) {
    const args = runArgs(run, lr, weightDecay);
    results[run.id] = engine.trajectory({ surface: SURFACE, op: run.op, args, start, steps });
  }
  return results;
}

/**
 * Where a run ends: its last point.
 * @returns {[number, number]}
 */
export function endOf(r) {
  const n = r.x.length - 1;
  return [r.x[n], r.y[n]];
}

const PLOT_W = 360;

/** The surface picture's size and scales: as wide as PLOT_W, as tall as the view is. */
export function surfaceScales(info) {
  const [xmin, xmax, ymin, ymax] = info.view;
  const width = PLOT_W;
  const height = Math.round((width * (ymax - ymin)) / (xmax - xmin));
  return {
    width,
    height,
    x: scaleLinear().domain([xmin, xmax]).range([0, width]),
    y: scaleLinear().domain([ymin, ymax]).range([height, 0]),
  };
}

/** A time plot's size, padding and scales: steps across, x and y (with 0 and 1) up. */
export function timeScales(r) {
  const width = PLOT_W;
  const height = 170;
  const pad = { l: 34, r: 8, t: 8, b: 20 };
  const all = [...r.x, ...r.y].filter(Number.isFinite);
  const top = Math.max(...all, 1);
  const bottom = Math.min(...all, 0);
  const x = scaleLinear()
    .domain([0, r.x.length - 1])
    .range([pad.l, width - pad.r]);
  const y = scaleLinear()
    .domain([bottom, top])
    .nice()
    .range([height - pad.b, pad.t]);
  return { width, height, pad, x, y };
}
