// Chapter 10 (optimizers) against the Wasm engine and Debian's PyTorch (its output recorded): the "Show as PyTorch" code
// each widget prints reproduces the engine's numbers when torch runs it, the race's default
// settings make a finite race on every surface, the AdamW demo shows what the chapter says it
// shows, the self-check's answer is the engine's memory count, and the widgets' parsers refuse
// what they must.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import { runPyTorch } from '../../scripts/lib/pytorch-runs.mjs';
import {
  LANES,
  laneArgs,
  defaultSettings,
  describeSurfaces,
  raceCode,
  settingsCodec,
} from '../../web/model/race.js';
import { RUNS } from '../../web/widgets/decay-compare/model.js';
import { decayCode } from '../../web/widgets/decay-compare/pytorch.js';
import { stateCode } from '../../web/widgets/optimizer-state/pytorch.js';
import { parseParamCount } from '../../web/widgets/memory-calculator/model.js';
import { STATE_OPTIMIZERS, MEMORY_OPTIMIZERS } from '../../web/model/optimizers.js';
import { parseNumberText } from '../../web/widgets/shared/optim-controls.js';
import { memoryQuestion } from '../../web/chapters/10-optimizers.js';
import { makeRandom } from '../../web/model/answer.js';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

/** What Debian's torch printed for `code` (recorded once: scripts/lib/pytorch-runs.mjs). */
const python = (code) => runPyTorch(code);

/** "name  x=1.5  y=-2  loss=3" lines -> [{name, x, y, loss}]. */
function parseEnds(stdout) {
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const m = /^(.*?)\s+x=(\S+)\s+y=(\S+)(?:\s+loss=(\S+))?$/.exec(line);
      assert.ok(m, `unreadable line: ${line}`);
      return { name: m[1].trim(), x: Number(m[2]), y: Number(m[3]), loss: Number(m[4]) };
    });
}

const close = (got, want, what) =>
  assert.ok(
    Math.abs(got - want) <= 1e-4 * Math.abs(want) + 1e-5,
    `${what}: torch ${got}, engine ${want}`,
  );

const raceSurfaces = () => describeSurfaces(engine).filter((s) => s.name !== 'bowl_l2');

test('the engine lists the three race surfaces and the AdamW demo surface', () => {
  assert.deepEqual(
    describeSurfaces(engine).map((s) => s.name),
    ['bowl', 'rosenbrock', 'saddle', 'bowl_l2'],
  );
  for (const s of describeSurfaces(engine)) {
    const [xmin, xmax, ymin, ymax] = s.view;
    assert.ok(xmin < s.start[0] && s.start[0] < xmax && ymin < s.start[1] && s.start[1] < ymax);
  }
});

test('every racer with its default settings runs a finite race that lowers the loss', () => {
  for (const s of raceSurfaces()) {
    const settings = defaultSettings(s.name);
    for (const lane of LANES) {
      const r = engine.trajectory({
        surface: s.name,
        op: lane.op,
        args: laneArgs(lane.id, settings[lane.id]),
        start: s.start,
        steps: 300,
      });
      assert.equal(r.loss.length, 301);
      assert.ok(r.loss.every(Number.isFinite), `${s.name}/${lane.id} diverged`);
      assert.ok(r.loss[300] < r.loss[0], `${s.name}/${lane.id} did not go downhill`);
    }
  }
});

test('the race’s PyTorch code ends where the engine’s trajectories end (defaults, each surface)', () => {
  for (const s of raceSurfaces()) {
    const settings = defaultSettings(s.name);
    const lanes = LANES.map((l) => l.id);
    const steps = 120;
    const code = raceCode({ surface: s.name, title: 't', lanes, settings, start: s.start, steps });
    const ends = parseEnds(python(code));
    assert.equal(ends.length, lanes.length);
    LANES.forEach((lane, i) => {
      const r = engine.trajectory({
        surface: s.name,
        op: lane.op,
        args: laneArgs(lane.id, settings[lane.id]),
        start: s.start,
        steps,
      });
      close(ends[i].x, r.x[steps], `${s.name}/${lane.id} x`);
      close(ends[i].y, r.y[steps], `${s.name}/${lane.id} y`);
      close(ends[i].loss, r.loss[steps], `${s.name}/${lane.id} loss`);
    });
  }
});

test('the race’s PyTorch code carries every non-default option the learner set', () => {
  const settings = defaultSettings('rosenbrock');
  Object.assign(settings.momentum, { dampening: 0.3, weight_decay: 0.01 });
  Object.assign(settings.nesterov, { momentum: 0.5 });
  Object.assign(settings.adagrad, { lr_decay: 0.01, initial_accumulator_value: 0.1, eps: 1e-6 });
  Object.assign(settings.rmsprop, { centered: true, momentum: 0.5, alpha: 0.9 });
  Object.assign(settings.adam, { amsgrad: true, beta1: 0.8, beta2: 0.99, weight_decay: 0.1 });
  Object.assign(settings.adamw, { weight_decay: 0.2, eps: 1e-6 });
  const lanes = LANES.map((l) => l.id);
  const start = [-1.2, 1];
  // few steps: centered RMSprop's √(v − ḡ²) turns torch's and the kernel's last-bit rounding
  // differences into visible ones after some dozens of steps on this valley
  const code = raceCode({ surface: 'rosenbrock', title: 't', lanes, settings, start, steps: 25 });
  assert.match(code, /nesterov=True/);
  assert.match(code, /betas=\(0\.8, 0\.99\)/);
  assert.match(code, /centered=True/);
  assert.doesNotMatch(code, /alpha=0\.99|eps=1e-08/, 'defaults are left out');
  const ends = parseEnds(python(code));
  LANES.forEach((lane, i) => {
    const r = engine.trajectory({
      surface: 'rosenbrock',
      op: lane.op,
      args: laneArgs(lane.id, settings[lane.id]),
      start,
      steps: 25,
    });
    close(ends[i].x, r.x[25], `${lane.id} x`);
    close(ends[i].y, r.y[25], `${lane.id} y`);
  });
});

test('the AdamW demo: Adam’s L2 pulls the small-gradient coordinate down, AdamW shrinks both alike', () => {
  const info = describeSurfaces(engine).find((s) => s.name === 'bowl_l2');
  const lr = 0.05;
  const wd = 0.1;
  const steps = 300;
  const ends = {};
  for (const run of RUNS) {
    const r = engine.trajectory({
      surface: 'bowl_l2',
      op: run.op,
      args: { lr, weight_decay: run.decay ? wd : 0 },
      start: info.start,
      steps,
    });
    ends[run.id] = [r.x[steps], r.y[steps]];
  }
  const [ax, ay] = ends['adam-l2'];
  const [wx, wy] = ends.adamw;
  assert.ok(ax - ay > 0.3, `Adam + L2 ends at (${ax}, ${ay})`);
  assert.ok(Math.abs(wx - wy) < 1e-3, `AdamW ends at (${wx}, ${wy})`);
  assert.ok(wx < 0.99 && wx > 0.5, 'AdamW did decay');
  const [px, py] = ends['adam-plain'];
  assert.ok(Math.abs(px - 1) < 0.02 && Math.abs(py - 1) < 0.02, 'no decay: the minimum (1, 1)');

  const printed = parseEnds(
    python(decayCode({ formula: info.formula, start: info.start, lr, weightDecay: wd, steps })),
  );
  RUNS.forEach((run, i) => {
    close(printed[i].x, ends[run.id][0], `${run.id} x`);
    close(printed[i].y, ends[run.id][1], `${run.id} y`);
  });
});

test('the optimizer-state code prints the parameter and the state buffers the engine keeps', () => {
  const shape = [2, 3];
  const theta0 = Float32Array.from([0.5, -1, 2, 1.5, -0.25, 0]);
  const grad = Float32Array.from([0.1, -2, 0.5, 10, -0.01, 1]);
  for (const op of Object.keys(STATE_OPTIMIZERS)) {
    const o = STATE_OPTIMIZERS[op];
    const opt = engine.optimizer(theta0, { op: o.op, args: { ...o.args, lr: 0.1 } });
    for (let i = 0; i < 3; i++) opt.step(grad);
    const want = { theta: opt.param, ...opt.state() };
    opt.delete();
    const out = python(stateCode({ op, lr: 0.1, theta0, grad, shape, steps: 3 }));
    const got = Object.fromEntries(
      out
        .trim()
        .split('\n')
        .map((line) => {
          const i = line.indexOf(' ');
          return [line.slice(0, i), JSON.parse(line.slice(i + 1))];
        }),
    );
    for (const [name, values] of Object.entries(want)) {
      const flat = got[name].flat();
      assert.equal(flat.length, 6, `${op}: ${name} has the parameter's shape`);
      flat.forEach((v, i) => close(v, values[i], `${op} ${name}[${i}]`));
    }
    const names = Object.keys(want).filter((n) => n !== 'theta');
    const torchNames = Object.keys(got).filter((n) => n !== 'theta' && n !== 'step');
    assert.deepEqual(torchNames.sort(), names.sort(), `${op}: the same buffers as torch`);
  }
});

test('Adam keeps exp_avg and exp_avg_sq, one number per parameter each, and no other buffer', () => {
  const opt = engine.optimizer(new Float32Array(7), { op: 'adam', args: { lr: 0.1 } });
  assert.deepEqual(opt.state(), {}, 'no state before the first step');
  opt.step(new Float32Array(7).fill(2));
  const state = opt.state();
  assert.deepEqual(Object.keys(state), ['exp_avg', 'exp_avg_sq']);
  assert.equal(state.exp_avg.length, 7);
  // m = (1 - β1) g, v = (1 - β2) g² after one step
  state.exp_avg.forEach((m) => close(m, 0.2, 'm'));
  state.exp_avg_sq.forEach((v) => close(v, 0.004, 'v'));
  opt.delete();
});

test('the self-check asks fresh sizes and its answer is the engine’s memory count in MB', () => {
  const seen = new Set();
  for (let seed = 1; seed <= 40; seed++) {
    const q = memoryQuestion(engine, makeRandom(seed));
    const n = Number(/with ([\d,]+) parameters/.exec(q.question.en)[1].replaceAll(',', ''));
    const key = Object.keys(MEMORY_OPTIMIZERS).find((k) =>
      q.question.en.includes(` ${MEMORY_OPTIMIZERS[k].label} in fp32`),
    );
    assert.ok(key, q.question.en);
    const { op, args } = MEMORY_OPTIMIZERS[key];
    const r = engine.optimizerMemory({ params: n, precision: 'fp32', op, args });
    assert.equal(q.answer, r.total / 1e6);
    assert.equal(q.unit, 'number');
    const copies = { sgd: 2, 'sgd-momentum': 3, adam: 4, adamw: 4 }[key];
    assert.equal(r.total, copies * 4 * n, `${key}: ${copies} fp32 copies`);
    assert.ok(q.explain.en.includes(`${copies}×`) && q.explain.zh.includes(`${copies} 倍`));
    assert.ok(q.question.zh.includes(n.toLocaleString('en-US')));
    seen.add(`${key}:${n}`);
  }
  assert.ok(seen.size > 30, 'the questions change from seed to seed');
});

test('the memory table: Adam 4x in fp32, SGD 2x, momentum 3x, mixed precision adds master weights', () => {
  const bytes = (key, precision = 'fp32') =>
    engine.optimizerMemory({ params: 1000, precision, ...MEMORY_OPTIMIZERS[key] });
  assert.equal(bytes('adam').total, 16_000);
  assert.equal(bytes('adamw').total, 16_000);
  assert.equal(bytes('sgd').total, 8_000);
  assert.equal(bytes('sgd-momentum').total, 12_000);
  assert.deepEqual(Object.keys(bytes('adam-amsgrad').state), [
    'exp_avg',
    'exp_avg_sq',
    'max_exp_avg_sq',
  ]);
  assert.deepEqual(Object.keys(bytes('rmsprop-centered').state).sort(), [
    'grad_avg',
    'momentum_buffer',
    'square_avg',
  ]);
  const mixed = bytes('adam', 'bf16-mixed');
  assert.equal(mixed.parameters, 2000);
  assert.equal(mixed.master_weights, 4000);
  assert.equal(mixed.total, 16_000);
});

test('parameter counts are read as a learner writes them', () => {
  assert.equal(parseParamCount('7B'), 7e9);
  assert.equal(parseParamCount('7e9'), 7e9);
  assert.equal(parseParamCount(' 125 M '), 125e6);
  assert.equal(parseParamCount('1,300,000'), 1_300_000);
  assert.equal(parseParamCount('1.3B'), 1_300_000_000);
  assert.equal(parseParamCount('1.3亿'), 130_000_000);
  assert.equal(parseParamCount('70万'), 700_000);
  for (const bad of ['', 'abc', '-5', '0', '0.5', '1.5.2', '7X', '1e400', 'NaN']) {
    assert.equal(parseParamCount(bad), null, JSON.stringify(bad));
  }
});

test('hyper-parameter fields take numbers only', () => {
  assert.equal(parseNumberText('0.01'), 0.01);
  assert.equal(parseNumberText('1e-3'), 0.001);
  assert.equal(parseNumberText('.5'), 0.5);
  assert.equal(parseNumberText('−2'), -2);
  for (const bad of ['', ' ', 'abc', '0.1abc', 'Infinity', '1e999', '1,5', '0x10']) {
    assert.equal(parseNumberText(bad), null, JSON.stringify(bad));
  }
});

test('the race’s settings travel in the link and nothing else does', () => {
  const settings = { adam: { lr: 0.3, beta1: 0.8, amsgrad: true }, sgd: { lr: 0.01 } };
  assert.deepEqual(settingsCodec.parse(settingsCodec.format(settings)), settings);
  assert.throws(() => settingsCodec.parse('lion:lr=1'), /not a racer/);
  assert.throws(() => settingsCodec.parse('sgd:beta1=0.9'), /sgd has no "beta1"/);
  assert.throws(() => settingsCodec.parse('adam:lr=abc'), /not a number/);
  assert.throws(() => settingsCodec.parse('adam:amsgrad=yes'), /0 or 1/);
  assert.deepEqual(laneArgs('adam', { lr: 0.1, beta1: 0.8, beta2: 0.9 }), {
    lr: 0.1,
    betas: [0.8, 0.9],
  });
  assert.deepEqual(laneArgs('nesterov', { lr: 0.1, momentum: 0.9 }), {
    nesterov: true,
    lr: 0.1,
    momentum: 0.9,
  });
});

test('what the race refuses, the engine refuses with PyTorch’s words', () => {
  const refuse = (id, change) => {
    const s = { ...defaultSettings('bowl')[id], ...change };
    assert.throws(() =>
      engine.optimizer([0, 0], { op: LANES.find((l) => l.id === id).op, args: laneArgs(id, s) }),
    );
    try {
      engine.optimizer([0, 0], { op: LANES.find((l) => l.id === id).op, args: laneArgs(id, s) });
    } catch (err) {
      return err.message;
    }
    return '';
  };
  assert.equal(refuse('sgd', { lr: -1 }), 'Invalid learning rate: -1.0');
  assert.equal(refuse('adam', { beta1: 1 }), 'Invalid beta parameter at index 0: 1.0');
  assert.equal(refuse('adamw', { beta2: 1.5 }), 'Invalid beta parameter at index 1: 1.5');
  assert.equal(
    refuse('nesterov', { dampening: 0.5 }),
    'Nesterov momentum requires a momentum and zero dampening',
  );
  assert.equal(refuse('rmsprop', { alpha: -0.1 }), 'Invalid alpha value: -0.1');
  assert.equal(refuse('adagrad', { lr_decay: -1 }), 'Invalid lr_decay value: -1.0');
  // and the engine still works
  const r = engine.trajectory({
    surface: 'bowl',
    op: 'adam',
    args: { lr: 0.5 },
    start: [-7, 2],
    steps: 10,
  });
  assert.equal(r.x.length, 11);
});

test('an optimizer stepped with the surface’s gradient walks exactly the trajectory’s path', () => {
  // the race's "look inside" panel relies on it to show each lane's state at any step
  for (const s of raceSurfaces()) {
    const settings = defaultSettings(s.name);
    const surface = engine.surface(s.name);
    for (const lane of LANES) {
      const args = laneArgs(lane.id, settings[lane.id]);
      const r = engine.trajectory({
        surface: s.name,
        op: lane.op,
        args,
        start: s.start,
        steps: 60,
      });
      const opt = engine.optimizer(s.start, { op: lane.op, args });
      let p = Float32Array.from(s.start);
      for (let k = 1; k <= 60; k++) {
        const g = surface.at(p[0], p[1]);
        p = opt.step([g.gx, g.gy]);
        assert.deepEqual([p[0], p[1]], [r.x[k], r.y[k]], `${s.name}/${lane.id} step ${k}`);
      }
      opt.delete();
    }
  }
});
