// web/model/optimizers.js against the Wasm engine: each optimizer stepped with no arguments and
// with the catalog's defaults written out must give the same parameter and state bit for bit, so
// the catalog's defaults are C++'s (cpp/src/optim.cpp); and a default changed by one step of its
// value must change the result, so the comparison can tell.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import {
  OPTIMIZERS,
  OPTIMIZER_KINDS,
  HYPERPARAMETERS,
  BUFFER_NAMES,
  MEMORY_OPTIMIZERS,
  STATE_OPTIMIZERS,
  optimizerDefaults,
  isDefault,
} from '../../web/model/optimizers.js';
import { LANES } from '../../web/model/race.js';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

const PARAM = [1, -2, 0.5, 3];
const GRADS = [
  [0.5, -1, 0.25, 2],
  [-0.3, 0.7, 0, 1],
  [0.1, 0.1, -2, -0.5],
];

/** Three steps of `kind` with `args`: the parameter and the state after each. */
function run(kind, args) {
  const opt = engine.optimizer(PARAM, { op: kind, args });
  try {
    return GRADS.map((g) => ({
      param: Array.from(opt.step(g)),
      state: Object.fromEntries(Object.entries(opt.state()).map(([k, v]) => [k, Array.from(v)])),
    }));
  } finally {
    opt.delete();
  }
}

test('the catalog’s defaults are the engine’s: no arguments and the defaults written out agree', () => {
  assert.deepEqual(OPTIMIZER_KINDS, ['sgd', 'adam', 'adamw', 'adagrad', 'rmsprop']);
  for (const kind of OPTIMIZER_KINDS) {
    // SGD has no default rate in torch.optim: both runs name the same one
    const required = Object.fromEntries(OPTIMIZERS[kind].required.map((k) => [k, 0.1]));
    const implicit = run(kind, required);
    const explicit = run(kind, { ...required, ...OPTIMIZERS[kind].defaults });
    assert.deepEqual(explicit, implicit, kind);
    // a default moved away from its value changes the steps: the comparison is not blind
    for (const [key, value] of Object.entries(OPTIMIZERS[kind].defaults)) {
      if (key === 'maximize' || key === 'nesterov' || key === 'dampening') continue;
      let moved;
      if (Array.isArray(value)) moved = [value[0] / 2, value[1]];
      else if (typeof value === 'boolean') moved = !value;
      // eps: a change of 4× next to sqrt(v) would vanish in float32
      else if (key === 'eps') moved = 0.5;
      else moved = value === 0 ? 0.3 : value * 4;
      const other = run(kind, { ...required, ...OPTIMIZERS[kind].defaults, [key]: moved });
      assert.notDeepEqual(other, implicit, `${kind}: ${key}`);
    }
  }
});

test('the engine refuses what the catalog says a hyper-parameter may not be', () => {
  for (const kind of OPTIMIZER_KINDS) {
    const required = Object.fromEntries(OPTIMIZERS[kind].required.map((k) => [k, 0.1]));
    for (const key of Object.keys(OPTIMIZERS[kind].defaults)) {
      const spec = HYPERPARAMETERS[key];
      if (!spec || spec.min === undefined) continue;
      assert.throws(
        () => engine.optimizer([1], { op: kind, args: { ...required, [key]: spec.min - 1 } }),
        {
          name: 'NormLabError',
        },
      );
    }
    if (OPTIMIZERS[kind].defaults.betas) {
      assert.throws(() => engine.optimizer([1], { op: kind, args: { betas: [1, 0.999] } }), /beta/);
    }
  }
});

test('the helpers, the menus and the glossary read the catalog', () => {
  assert.deepEqual(optimizerDefaults('adam', ['beta1', 'beta2', 'eps']), {
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
  });
  assert.equal(isDefault('adamw', 'weight_decay', 0.01), true);
  assert.equal(isDefault('adam', 'weight_decay', 0.01), false);
  assert.equal(isDefault('adam', 'betas', [0.9, 0.999]), true);
  assert.equal(isDefault('adam', 'betas', [0.8, 0.999]), false);
  assert.equal(isDefault('sgd', 'lr', 0.1), false, 'SGD has no default rate');
  for (const lane of LANES) {
    for (const [key, value] of Object.entries(lane.defaults)) {
      if (lane.op === 'sgd' && key === 'momentum') continue; // 0.9: the point of those lanes
      assert.deepEqual(optimizerDefaults(lane.op, [key])[key], value, `${lane.id}: ${key}`);
    }
  }
  // every buffer any optimizer keeps has a name in both languages
  for (const menu of [MEMORY_OPTIMIZERS, STATE_OPTIMIZERS]) {
    for (const { op, args } of Object.values(menu)) {
      const opt = engine.optimizer([1, 2], { op, args: { lr: 0.1, ...args } });
      opt.step([0.5, -0.5]);
      for (const name of Object.keys(opt.state())) {
        assert.ok(BUFFER_NAMES[name]?.zh && BUFFER_NAMES[name]?.en, `${op}: ${name}`);
      }
      opt.delete();
    }
  }
});
