// The optimizer race without its pictures: the racers (lanes) and their settings, the link's
// codec for them, the surfaces as the engine describes them, their contour lines, and the race as
// PyTorch code. Every default comes from optimizers.js; every number shown from the engine. No DOM.
import { contours } from 'd3-contour';
import { ticks, extent } from 'd3-array';
import { t } from '../i18n.js';
import { pyNumber } from './pytorch.js';
import { parseNumber } from './parse.js';
import { HYPERPARAMETERS, optimizerDefaults, isDefault } from './optimizers.js';
import { SURFACE_LABELS } from './surface-labels.js';

// ---- the racers ---------------------------------------------------------------------------------

/** One field of a lane's form: its torch.optim keyword (beta1/beta2 make up `betas`). */
export const FIELDS = HYPERPARAMETERS;

const ADAM_FIELDS = ['beta1', 'beta2', 'eps', 'weight_decay', 'amsgrad'];

/** The lanes of the race; `defaults` are torch.optim's, except momentum 0.9 where it is the point. */
export const LANES = [
  {
    id: 'sgd',
    op: 'sgd',
    torch: 'SGD',
    label: 'SGD',
    defaults: optimizerDefaults('sgd', ['weight_decay']),
  },
  {
    id: 'momentum',
    op: 'sgd',
    torch: 'SGD',
    label: { zh: 'SGD + 动量', en: 'SGD + momentum' },
    defaults: { momentum: 0.9, ...optimizerDefaults('sgd', ['dampening', 'weight_decay']) },
  },
  {
    id: 'nesterov',
    op: 'sgd',
    torch: 'SGD',
    label: 'Nesterov',
    fixed: { nesterov: true },
    defaults: { momentum: 0.9, ...optimizerDefaults('sgd', ['dampening', 'weight_decay']) },
  },
  {
    id: 'adagrad',
    op: 'adagrad',
    torch: 'Adagrad',
    label: 'Adagrad',
    defaults: optimizerDefaults('adagrad', [
      'lr_decay',
      'initial_accumulator_value',
      'eps',
      'weight_decay',
    ]),
  },
  {
    id: 'rmsprop',
    op: 'rmsprop',
    torch: 'RMSprop',
    label: 'RMSprop',
    defaults: optimizerDefaults('rmsprop', [
      'alpha',
      'eps',
      'momentum',
      'weight_decay',
      'centered',
    ]),
  },
  {
    id: 'adam',
    op: 'adam',
    torch: 'Adam',
    label: 'Adam',
    defaults: optimizerDefaults('adam', ADAM_FIELDS),
  },
  {
    id: 'adamw',
    op: 'adamw',
    torch: 'AdamW',
    label: 'AdamW',
    defaults: optimizerDefaults('adamw', ADAM_FIELDS),
  },
];
export const LANE = Object.fromEntries(LANES.map((l) => [l.id, l]));

/**
 * Learning rates and race lengths that make each surface worth watching (inputs the learner can
 * change): on the bowl SGD's large rate bounces across the steep direction, on Rosenbrock the
 * plain methods need a tiny one or they blow up, near the saddle SGD's small one crawls.
 */
const SURFACE_DEFAULTS = {
  bowl: {
    steps: 100,
    lr: {
      sgd: 0.9,
      momentum: 0.1,
      nesterov: 0.1,
      adagrad: 0.5,
      rmsprop: 0.1,
      adam: 0.5,
      adamw: 0.5,
    },
  },
  rosenbrock: {
    steps: 300,
    lr: {
      sgd: 0.001,
      momentum: 0.001,
      nesterov: 0.001,
      adagrad: 0.1,
      rmsprop: 0.01,
      adam: 0.1,
      adamw: 0.1,
    },
  },
  saddle: {
    steps: 100,
    lr: {
      sgd: 0.01,
      momentum: 0.01,
      nesterov: 0.01,
      adagrad: 0.1,
      rmsprop: 0.01,
      adam: 0.05,
      adamw: 0.05,
    },
  },
};
export const surfaceDefaults = (surface) => SURFACE_DEFAULTS[surface] ?? SURFACE_DEFAULTS.bowl;
export const lrFor = (surface, lane) => surfaceDefaults(surface).lr[lane];

/** The surfaces in Python, for the "Show as PyTorch" code. */
export const PYTHON = {
  bowl: 'x ** 2 / 20 + y ** 2',
  rosenbrock: '(1 - x) ** 2 + 100 * (y - x ** 2) ** 2',
  saddle: 'x ** 2 / 2 + y ** 4 / 4 - y ** 2 / 2',
  bowl_l2: '5 * (x - 1) ** 2 + (y - 1) ** 2 / 20',
};

/** A lane's settings -> torch.optim keyword arguments. */
export function laneArgs(laneId, settings) {
  const lane = LANE[laneId];
  const args = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'beta1' || key === 'beta2') continue;
    args[key] = value;
  }
  if ('beta1' in settings) args.betas = [settings.beta1, settings.beta2];
  return { ...args, ...lane.fixed };
}

export function defaultSettings(surface) {
  return Object.fromEntries(LANES.map((l) => [l.id, { lr: lrFor(surface, l.id), ...l.defaults }]));
}

/**
 * The settings in the link: "adam:lr=0.1,beta1=0.9;sgd:lr=0.01". Only known lanes, known fields
 * and numbers (0/1 for flags); the rest of a lane keeps its default.
 */
export const settingsCodec = {
  parse(text) {
    const out = {};
    for (const part of text.split(';').filter(Boolean)) {
      const [laneId, body = ''] = part.split(':');
      const lane = LANE[laneId];
      if (!lane) throw new Error(`"${laneId.slice(0, 20)}" is not a racer`);
      out[laneId] = {};
      for (const item of body.split(',').filter(Boolean)) {
        const [key, value] = item.split('=');
        if (key !== 'lr' && !(key in lane.defaults))
          throw new Error(`${laneId} has no "${key.slice(0, 30)}"`);
        if (FIELDS[key].flag) {
          if (value !== '0' && value !== '1') throw new Error(`${key} must be 0 or 1`);
          out[laneId][key] = value === '1';
        } else {
          const v = parseNumber(value);
          if (v === null) throw new Error(`"${String(value).slice(0, 20)}" is not a number`);
          out[laneId][key] = v;
        }
      }
    }
    return out;
  },
  format(settings) {
    return Object.entries(settings)
      .map(
        ([id, s]) =>
          `${id}:${Object.entries(s)
            .map(([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? 1 : 0) : v}`)
            .join(',')}`,
      )
      .join(';');
  },
};

// ---- the surfaces, as the engine describes them -------------------------------------------------

/**
 * The engine's surfaces as this file uses them: {name, label: {zh, en}, formula, start: [x, y],
 * view: [xmin, xmax, ymin, ymax], minima: [[x, y], ...]}.
 */
// The label is the page's (web/model/surface-labels.js); the engine has only the math.
export function describeSurfaces(engine) {
  return engine.surfaces().map((s) => ({
    name: s.name,
    label: SURFACE_LABELS[s.name],
    formula: s.formula,
    start: Array.from(s.start),
    view: [s.view.xmin, s.view.xmax, s.view.ymin, s.view.ymax],
    minima: Array.from(s.minima ?? [], (m) => Array.from(m)),
  }));
}

/** SVG paths of the contour lines of the engine's grid over the surface's view box. */
export function contourPaths(engine, info, x, y) {
  const nx = 96;
  const ny = Math.max(24, Math.round((nx * (y.range()[0] - y.range()[1])) / x.range()[1]));
  const { values } = engine.surface(info.name).grid({ nx, ny });
  const [lo, hi] = extent(values);
  let levels;
  if (lo >= 0) {
    // positive surfaces span decades (Rosenbrock: 0 to thousands): space the levels geometrically
    const floor = Math.max(lo, hi * 1e-5, 1e-12);
    const n = 14;
    levels = Array.from({ length: n }, (_, i) => floor * (hi / floor) ** ((i + 0.5) / n));
  } else {
    levels = ticks(lo, hi, 16);
  }
  const [xmin, xmax, ymin, ymax] = info.view;
  // d3-contour puts sample i at i + 0.5; the engine's samples span the view box end to end
  const gx = (c) => x(xmin + ((c - 0.5) * (xmax - xmin)) / (nx - 1));
  const gy = (c) => y(ymin + ((c - 0.5) * (ymax - ymin)) / (ny - 1));
  const generator = contours().size([nx, ny]).thresholds(levels);
  return generator(Array.from(values)).map((geometry) => ({
    value: geometry.value,
    d: geometry.coordinates
      .flatMap((polygon) =>
        polygon.map(
          (ring) =>
            `M${ring.map(([cx, cy]) => `${gx(cx).toFixed(1)},${gy(cy).toFixed(1)}`).join('L')}Z`,
        ),
      )
      .join(''),
  }));
}

/**
 * The race in PyTorch: each racer from the same start for the same number of steps, printing
 * where it ends (the numbers the table shows at the last step).
 */
export function raceCode({ surface, title, lanes, settings, start, steps }) {
  const lines = [
    'import torch',
    '',
    `def f(p):  # ${title}`,
    '    x, y = p',
    `    return ${PYTHON[surface]}`,
    '',
    'optimizers = {',
  ];
  for (const id of lanes) {
    const lane = LANE[id];
    const args = Object.entries(laneArgs(id, settings[id]))
      .filter(([key, v]) => {
        if (key === 'lr') return true;
        return !isDefault(lane.op, key, v);
      })
      .map(([key, v]) => {
        if (typeof v === 'boolean') return `${key}=${v ? 'True' : 'False'}`;
        if (Array.isArray(v)) return `${key}=(${v.map(pyNumber).join(', ')})`;
        return `${key}=${pyNumber(v)}`;
      });
    lines.push(
      `    '${t('en', lane.label)}': lambda p: torch.optim.${lane.torch}([p], ${args.join(', ')}),`,
    );
  }
  lines.push(
    '}',
    'for name, make in optimizers.items():',
    `    p = torch.tensor([${start.map(pyNumber).join(', ')}], requires_grad=True)`,
    '    opt = make(p)',
    `    for step in range(${steps}):`,
    '        opt.zero_grad()',
    '        f(p).backward()',
    '        opt.step()',
    "    print(f'{name:16s} x={p[0].item():.6g}  y={p[1].item():.6g}  loss={f(p).item():.6g}')",
  );
  return lines.join('\n');
}
