// Property tests (fast-check) of the engine wrapper: random valid inputs agree with a plain JS
// reference in double precision; random invalid inputs throw a NormLabError and change nothing;
// and no call, good or bad, leaves a heap block behind.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import { trackHeap } from '../lib/testing.mjs';
import { NormLabError } from '../../web/engine/engine.js';
import { activation } from '../../web/engine/activation.js';
import { groupMoments } from '../../web/engine/group-stats.js';
import { reductionTrace } from '../../web/engine/reduction-trace.js';

let engine;
let live; // heap blocks handed out by _malloc and not yet freed
before(async () => {
  engine = await loadNodeEngine();
  live = trackHeap(engine);
});

const prod = (dims) => dims.reduce((a, b) => a * b, 1);
const close = (got, want, tol, what) => {
  if (!(Math.abs(got - want) <= tol))
    throw new Error(`${what}: ${got}, expected ${want} (±${tol})`);
};
// float32 values on a 1/64 grid in [-32, 32]: exact sums, and no group so close to constant that
// float and double disagree about its variance
const value = fc.integer({ min: -2048, max: 2048 }).map((v) => v / 64);
const values = (n) => fc.array(value, { minLength: n, maxLength: n });
const noLeaks = (what) => assert.equal(live.size, 0, `${what}: ${live.size} heap blocks left`);

// ---- normalization --------------------------------------------------------------------------

const small = (min, max) => fc.integer({ min, max });

// {options, shape} of a module and an input it accepts in training mode
const normCase = fc.oneof(
  fc
    .record({
      lead: fc.array(small(1, 3), { maxLength: 2 }),
      normalized: fc.array(small(1, 4), { minLength: 1, maxLength: 2 }),
      affine: fc.boolean(),
      bias: fc.boolean(),
      eps: fc.constantFrom(1e-5, 1e-3, 0.1),
    })
    .map((r) => ({
      options: {
        op: 'layer_norm',
        normalized_shape: r.normalized,
        eps: r.eps,
        elementwise_affine: r.affine,
        bias: r.bias,
      },
      shape: [...r.lead, ...r.normalized],
    })),
  fc
    .record({
      dims: small(1, 3),
      n: small(2, 3),
      c: small(1, 4),
      spatial: fc.array(small(1, 3), { minLength: 3, maxLength: 3 }),
      length: fc.boolean(),
      affine: fc.boolean(),
      track: fc.boolean(),
      momentum: fc.constantFrom(0.1, 0.5, null),
    })
    .map((r) => ({
      options: {
        op: 'batch_norm',
        dims: r.dims,
        num_features: r.c,
        affine: r.affine,
        track_running_stats: r.track,
        momentum: r.momentum,
      },
      shape: [r.n, r.c, ...r.spatial.slice(0, r.dims === 1 ? (r.length ? 1 : 0) : r.dims)],
    })),
  fc
    .record({
      dims: small(1, 3),
      batch: fc.option(small(1, 3), { nil: null }),
      c: small(1, 4),
      spatial: fc.array(small(2, 3), { minLength: 3, maxLength: 3 }),
      affine: fc.boolean(),
      track: fc.boolean(),
    })
    .map((r) => ({
      options: {
        op: 'instance_norm',
        dims: r.dims,
        num_features: r.c,
        affine: r.affine,
        track_running_stats: r.track,
      },
      shape: [...(r.batch === null ? [] : [r.batch]), r.c, ...r.spatial.slice(0, r.dims)],
    })),
  fc
    .record({
      groups: small(1, 3),
      per: small(1, 3),
      n: small(1, 3),
      spatial: fc.array(small(1, 3), { minLength: 1, maxLength: 2 }),
      affine: fc.boolean(),
    })
    .filter((r) => r.n * r.per * prod(r.spatial) > 1)
    .map((r) => ({
      options: {
        op: 'group_norm',
        num_groups: r.groups,
        num_channels: r.groups * r.per,
        affine: r.affine,
      },
      shape: [r.n, r.groups * r.per, ...r.spatial],
    })),
);

/** For element i: its statistics group, its parameter index and its channel (plain JS). */
function layout(options, shape) {
  if (options.op === 'layer_norm') {
    const cols = prod(options.normalized_shape);
    return { groups: prod(shape) / cols, at: (i) => ({ g: Math.floor(i / cols), j: i % cols }) };
  }
  const unbatched = options.op === 'instance_norm' && shape.length === options.dims + 1;
  const [n, c] = unbatched ? [1, shape[0]] : [shape[0], shape[1]];
  const spatial = prod(shape.slice(unbatched ? 1 : 2));
  const channel = (i) => Math.floor(i / spatial) % c;
  const sample = (i) => Math.floor(i / (spatial * c));
  if (options.op === 'batch_norm')
    return { groups: c, at: (i) => ({ g: channel(i), j: channel(i) }) };
  if (options.op === 'instance_norm')
    return { groups: n * c, at: (i) => ({ g: sample(i) * c + channel(i), j: channel(i) }) };
  const per = c / options.num_groups;
  return {
    groups: n * options.num_groups,
    at: (i) => ({
      g: sample(i) * options.num_groups + Math.floor(channel(i) / per),
      j: channel(i),
    }),
  };
}

/** y, mean, var per group, in double, with batch statistics or given running statistics. */
function normReference(options, shape, x, w, b, running) {
  const eps = options.eps ?? 1e-5;
  const { groups, at } = layout(options, shape);
  const sum = new Float64Array(groups);
  const count = new Float64Array(groups);
  x.forEach((v, i) => {
    sum[at(i).g] += v;
    count[at(i).g]++;
  });
  const mean = sum.map((s, g) => s / count[g]);
  const sq = new Float64Array(groups);
  x.forEach((v, i) => (sq[at(i).g] += (v - mean[at(i).g]) ** 2));
  const variance = sq.map((s, g) => s / count[g]);
  const stat = (i) => {
    const { g, j } = at(i);
    if (!running) return { m: mean[g], r: 1 / Math.sqrt(variance[g] + eps), j };
    const c = g % running.mean.length;
    return { m: running.mean[c], r: 1 / Math.sqrt(running.var[c] + eps), j };
  };
  const y = x.map((v, i) => {
    const { m, r, j } = stat(i);
    return (v - m) * r * (w ? w[j] : 1) + (b ? b[j] : 0);
  });
  return { y, mean, variance, count, stat, at, groups };
}

test('norm modules: forward, running statistics and backward agree with a plain JS reference', () => {
  const scenario = normCase.chain((c) =>
    fc.record({
      c: fc.constant(c),
      steps: fc.array(
        fc.record({ x: values(prod(c.shape)), dy: values(prod(c.shape)), train: fc.boolean() }),
        { minLength: 1, maxLength: 3 },
      ),
      w: values(64),
      b: values(64),
      setParams: fc.boolean(),
    }),
  );
  fc.assert(
    fc.property(scenario, ({ c, steps, w, b, setParams }) => {
      const m = engine.norm(c.options);
      try {
        const nw = m.weight.length;
        const nb = m.bias.length;
        if (setParams && nw) m.weight = w.slice(0, nw);
        if (setParams && nb) m.bias = b.slice(0, nb);
        const weight = nw ? Array.from(m.weight) : null;
        const bias = nb ? Array.from(m.bias) : null;
        for (const st of steps) {
          const before = m.buffers();
          const tracks = before.running_mean !== undefined;
          const useRunning = tracks && !st.train && c.options.op !== 'group_norm';
          const ref = normReference(
            c.options,
            c.shape,
            st.x,
            weight,
            bias,
            useRunning ? { mean: before.running_mean, var: before.running_var } : null,
          );
          const r = m.forward(st.x, c.shape, { training: st.train });
          assert.equal(r.statCount, ref.groups);
          const plan = m.plan(c.shape);
          plan.group.forEach((g, i) => assert.equal(g, ref.at(i).g, `plan group of ${i}`));
          r.output.forEach((v, i) =>
            close(v, ref.y[i], 1e-4 * (1 + Math.abs(ref.y[i])), `y[${i}]`),
          );
          // running statistics: (1 - f) old + f batch, with the unbiased variance
          const after = m.buffers();
          if (tracks && st.train) {
            const nf = before.running_mean.length;
            const op = c.options.op;
            const batches = before.num_batches_tracked + (op === 'batch_norm' ? 1 : 0);
            assert.equal(after.num_batches_tracked, batches);
            const f = c.options.momentum ?? (op === 'batch_norm' ? 1 / batches : 0.1);
            for (let ch = 0; ch < nf; ch++) {
              let mm = 0;
              let vv = 0;
              let k = 0;
              for (let g = ch; g < ref.groups; g += nf) {
                mm += ref.mean[g];
                vv += (ref.variance[g] * ref.count[g]) / (ref.count[g] - 1);
                k++;
              }
              const wm = (1 - f) * before.running_mean[ch] + (f * mm) / k;
              const wv = (1 - f) * before.running_var[ch] + (f * vv) / k;
              close(after.running_mean[ch], wm, 1e-4 * (1 + Math.abs(wm)), `running_mean ${ch}`);
              close(after.running_var[ch], wv, 1e-4 * (1 + Math.abs(wv)), `running_var ${ch}`);
            }
          } else if (tracks) {
            assert.deepEqual(after, before, 'eval mode changed the running statistics');
          }
          // backward: through the batch statistics, or through constants in eval
          const g = m.backward(st.dy);
          const gw = new Float64Array(nw);
          const gb = new Float64Array(nb);
          const sg = new Float64Array(ref.groups);
          const sgx = new Float64Array(ref.groups);
          const xhat = st.x.map((v, i) => (v - ref.stat(i).m) * ref.stat(i).r);
          st.dy.forEach((d, i) => {
            const { g: grp, j } = ref.at(i);
            const gi = d * (weight ? weight[j] : 1);
            sg[grp] += gi;
            sgx[grp] += gi * xhat[i];
            if (nw) gw[j] += d * xhat[i];
            if (nb) gb[j] += d;
          });
          st.dy.forEach((d, i) => {
            const { g: grp, j } = ref.at(i);
            const r0 = ref.stat(i).r;
            const gi = d * (weight ? weight[j] : 1);
            const want = useRunning
              ? r0 * gi
              : r0 * (gi - sg[grp] / ref.count[grp] - (xhat[i] * sgx[grp]) / ref.count[grp]);
            close(g.gradInput[i], want, 1e-3 * (1 + Math.abs(want)) * (1 + r0), `dx[${i}]`);
          });
          gw.forEach((v, j) => close(g.gradWeight[j], v, 1e-3 * (1 + Math.abs(v)), `dw[${j}]`));
          gb.forEach((v, j) => close(g.gradBias[j], v, 1e-3 * (1 + Math.abs(v)), `db[${j}]`));
        }
      } finally {
        m.delete();
      }
      noLeaks('norm');
    }),
    { numRuns: 200 },
  );
});

// Invalid calls on a module that has run once: each throws NormLabError and leaves the
// parameters, the buffers and what backward() computes exactly as they were.
test('norm modules: invalid calls throw NormLabError and change nothing', () => {
  const invalid = fc.oneof(
    fc.record({ kind: fc.constant('length'), extra: fc.integer({ min: 1, max: 5 }) }),
    fc.record({
      kind: fc.constant('shape'),
      shape: fc.array(fc.integer({ min: -2, max: 7 }), { maxLength: 5 }),
    }),
    fc.record({ kind: fc.constant('shape type'), shape: fc.constantFrom('2,3', null, 7, {}) }),
    fc.record({ kind: fc.constant('weight'), extra: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ kind: fc.constant('buffers'), extra: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ kind: fc.constant('grad length'), extra: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ kind: fc.constant('one value'), x: value }),
  );
  const scenario = normCase.chain((c) =>
    fc.record({
      c: fc.constant(c),
      x: values(prod(c.shape)),
      dy: values(prod(c.shape)),
      bad: fc.array(invalid, { minLength: 1, maxLength: 4 }),
    }),
  );
  fc.assert(
    fc.property(scenario, ({ c, x, dy, bad }) => {
      const m = engine.norm(c.options);
      try {
        m.forward(x, c.shape);
        const snapshot = () => ({
          weight: Array.from(m.weight),
          bias: Array.from(m.bias),
          buffers: JSON.stringify(m.buffers(), (k, v) =>
            ArrayBuffer.isView(v) ? Array.from(v) : v,
          ),
          grads: JSON.stringify(m.backward(dy), (k, v) =>
            ArrayBuffer.isView(v) ? Array.from(v) : v,
          ),
        });
        const before = snapshot();
        const n = prod(c.shape);
        for (const b of bad) {
          const call = {
            length: () => m.forward(new Float32Array(n + b.extra), c.shape),
            // a shape that differs from every shape the module accepts: a wrong size somewhere
            shape: () => {
              const s = b.shape.length ? b.shape : [0];
              const accepted = (() => {
                try {
                  m.checkInput(s);
                  return true;
                } catch {
                  return false;
                }
              })();
              if (accepted) s.push(-1);
              return m.forward(new Float32Array(Math.max(0, prod(s))), s);
            },
            'shape type': () => m.forward(x, b.shape),
            weight: () => (m.weight = new Float32Array(m.weight.length + b.extra)),
            buffers: () =>
              m.setBuffers({
                running_mean: new Float32Array(c.shape[1] ?? 1).fill(1),
                running_var: new Float32Array(b.extra + 64),
              }),
            'grad length': () => m.backward(new Float32Array(n + b.extra)),
            // one value per channel (BatchNorm) or one spatial element (InstanceNorm) in
            // training; the others get one value fewer than their shape needs
            'one value': () => {
              const ch = c.options.num_features;
              if (c.options.op === 'batch_norm') return m.forward(Array(ch).fill(b.x), [1, ch]);
              if (c.options.op === 'instance_norm')
                return m.forward(Array(ch).fill(b.x), [ch, ...Array(c.options.dims).fill(1)]);
              return m.forward(x.slice(1), c.shape);
            },
          }[b.kind];
          assert.throws(call, NormLabError, b.kind);
          noLeaks(b.kind);
        }
        assert.deepEqual(snapshot(), before);
      } finally {
        m.delete();
      }
      noLeaks('invalid norm');
    }),
    { numRuns: 200 },
  );
});

// ---- optimizers -----------------------------------------------------------------------------

const optimCase = fc.oneof(
  fc.record({
    op: fc.constant('sgd'),
    args: fc
      .record({
        lr: fc.constantFrom(0.01, 0.1, 0.5),
        momentum: fc.constantFrom(0, 0.5, 0.9),
        dampening: fc.constantFrom(0, 0.3),
        weight_decay: fc.constantFrom(0, 0.1),
        nesterov: fc.boolean(),
        maximize: fc.boolean(),
      })
      .map((a) =>
        a.nesterov && (a.momentum === 0 || a.dampening !== 0) ? { ...a, nesterov: false } : a,
      ),
  }),
  fc.record({
    op: fc.constantFrom('adam', 'adamw'),
    args: fc.record({
      lr: fc.constantFrom(0.001, 0.01, 0.1),
      betas: fc.constantFrom([0.9, 0.999], [0.5, 0.9], [0, 0.99]),
      eps: fc.constantFrom(1e-8, 1e-3),
      weight_decay: fc.constantFrom(0, 0.01, 0.1),
      amsgrad: fc.boolean(),
      maximize: fc.boolean(),
    }),
  }),
  fc.record({
    op: fc.constant('adagrad'),
    args: fc.record({
      lr: fc.constantFrom(0.01, 0.1),
      lr_decay: fc.constantFrom(0, 0.1),
      weight_decay: fc.constantFrom(0, 0.1),
      initial_accumulator_value: fc.constantFrom(0, 0.5),
      eps: fc.constantFrom(1e-10, 1e-3),
      maximize: fc.boolean(),
    }),
  }),
  fc.record({
    op: fc.constant('rmsprop'),
    args: fc.record({
      lr: fc.constantFrom(0.001, 0.01),
      alpha: fc.constantFrom(0.5, 0.9, 0.99),
      eps: fc.constantFrom(1e-8, 1e-3),
      weight_decay: fc.constantFrom(0, 0.1),
      momentum: fc.constantFrom(0, 0.9),
      centered: fc.boolean(),
      maximize: fc.boolean(),
    }),
  }),
);

/** torch.optim 1.13's single-tensor step for one element, in double; `s` is its state. */
function referenceStep(op, a, p, grad, s, t) {
  let g = a.maximize ? -grad : grad;
  const wd = a.weight_decay ?? 0;
  if (op === 'sgd') {
    if (wd) g += wd * p;
    if (a.momentum) {
      s.buf = t === 1 ? g : a.momentum * s.buf + (1 - a.dampening) * g;
      g = a.nesterov ? g + a.momentum * s.buf : s.buf;
    }
    return p - a.lr * g;
  }
  if (op === 'adam' || op === 'adamw') {
    const [b1, b2] = a.betas;
    if (op === 'adamw') p *= 1 - a.lr * wd;
    else if (wd) g += wd * p;
    s.m = b1 * (s.m ?? 0) + (1 - b1) * g;
    s.v = b2 * (s.v ?? 0) + (1 - b2) * g * g;
    s.vmax = Math.max(s.vmax ?? 0, s.v);
    const denom = Math.sqrt(a.amsgrad ? s.vmax : s.v) / Math.sqrt(1 - b2 ** t) + a.eps;
    return p - (a.lr / (1 - b1 ** t)) * (s.m / denom);
  }
  if (op === 'adagrad') {
    if (wd) g += wd * p;
    s.sum = (s.sum ?? a.initial_accumulator_value) + g * g;
    return p - (a.lr / (1 + (t - 1) * a.lr_decay)) * (g / (Math.sqrt(s.sum) + a.eps));
  }
  if (wd) g += wd * p;
  s.sq = a.alpha * (s.sq ?? 0) + (1 - a.alpha) * g * g;
  let avg;
  if (a.centered) {
    s.ga = a.alpha * (s.ga ?? 0) + (1 - a.alpha) * g;
    avg = Math.sqrt(s.sq - s.ga * s.ga) + a.eps;
  } else {
    avg = Math.sqrt(s.sq) + a.eps;
  }
  if (a.momentum > 0) {
    s.buf = a.momentum * (s.buf ?? 0) + g / avg;
    return p - a.lr * s.buf;
  }
  return p - (a.lr * g) / avg;
}

test('optimizers: steps agree with a plain JS reference of torch.optim', () => {
  const scenario = optimCase.chain((c) =>
    fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.record({
        c: fc.constant(c),
        param: values(n),
        grads: fc.array(values(n), { minLength: 1, maxLength: 5 }),
      }),
    ),
  );
  fc.assert(
    fc.property(scenario, ({ c, param, grads }) => {
      const o = engine.optimizer(param, { op: c.op, args: c.args });
      try {
        let p = Array.from(param);
        const state = p.map(() => ({}));
        grads.forEach((g, k) => {
          const got = o.step(g);
          p = p.map((v, i) => referenceStep(c.op, c.args, v, Math.fround(g[i]), state[i], k + 1));
          // float32 against double: a few float ulps per step, relative to the step sizes
          p.forEach((want, i) =>
            close(
              got[i],
              want,
              1e-4 * (1 + Math.abs(want)) * (k + 1),
              `${c.op} step ${k + 1} [${i}]`,
            ),
          );
          assert.equal(o.steps, k + 1);
        });
      } finally {
        o.delete();
      }
      noLeaks('optimizer');
    }),
    { numRuns: 300 },
  );
});

test('optimizers: invalid calls throw NormLabError and change nothing', () => {
  const scenario = optimCase.chain((c) =>
    fc.record({
      c: fc.constant(c),
      param: values(4),
      grad: values(4),
      bad: fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('grad length'), n: fc.constantFrom(0, 3, 5, 9) }),
          fc.record({
            kind: fc.constant('bad args'),
            args: fc.constantFrom({ lr: -1 }, { lr: 'x' }, { foo: 1 }, { betas: [2, 0] }),
          }),
          fc.record({ kind: fc.constant('bad op'), op: fc.constantFrom('SGD', '', 'lbfgs') }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  );
  fc.assert(
    fc.property(scenario, ({ c, param, grad, bad }) => {
      const o = engine.optimizer(param, { op: c.op, args: c.args });
      try {
        o.step(grad);
        const snapshot = () =>
          JSON.stringify({ p: Array.from(o.param), steps: o.steps, state: o.state() }, (k, v) =>
            ArrayBuffer.isView(v) ? Array.from(v) : v,
          );
        const before = snapshot();
        for (const b of bad) {
          const call = {
            'grad length': () => o.step(new Float32Array(b.n)),
            'bad args': () => engine.optimizer(param, { op: c.op, args: { ...c.args, ...b.args } }),
            'bad op': () => engine.optimizer(param, { op: b.op, args: c.args }),
          }[b.kind];
          assert.throws(call, NormLabError, b.kind);
        }
        assert.equal(snapshot(), before);
      } finally {
        o.delete();
      }
      noLeaks('invalid optimizer');
    }),
    { numRuns: 200 },
  );
});

// ---- demo kernels ---------------------------------------------------------------------------

test('activation, group moments and the reduction trace agree with plain JS', () => {
  const scenario = fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.record({
      x: values(n),
      w: values(n),
      b: values(n),
      name: fc.constantFrom('sigmoid', 'tanh'),
      gamma: fc.constantFrom(0.5, 1, 3),
      beta: fc.constantFrom(-1, 0, 2),
      groups: fc.integer({ min: 1, max: 5 }),
      ids: fc.array(fc.nat(), { minLength: n, maxLength: n }),
    }),
  );
  fc.assert(
    fc.property(scenario, ({ x, w, b, name, gamma, beta, groups, ids }) => {
      const a = activation(engine, x, { fn: name, gamma, beta });
      x.forEach((v, i) => {
        const z = Math.fround(Math.fround(gamma * v) + beta);
        const y = name === 'tanh' ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
        const slope = name === 'tanh' ? 1 - y * y : y * (1 - y);
        close(a.y[i], y, 1e-6, `${name}(${z})`);
        close(a.slope[i], slope, 1e-6, `${name}'(${z})`);
      });
      const group = ids.map((k) => k % groups);
      const gm = groupMoments(engine, x, group, { groups });
      for (let g = 0; g < groups; g++) {
        const vs = x.filter((_, i) => group[i] === g);
        assert.equal(gm.count[g], vs.length);
        if (!vs.length) continue;
        const m = vs.reduce((s, v) => s + v, 0) / vs.length;
        const v2 = vs.reduce((s, v) => s + (v - m) ** 2, 0) / vs.length;
        close(gm.mean[g], m, 1e-12, 'group mean');
        close(gm.variance[g], v2, 1e-12, 'group variance');
      }
      const tr = reductionTrace(engine, x, { weight: w, bias: b });
      const m = x.reduce((s, v) => s + v, 0) / x.length;
      const v2 = x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length;
      close(tr.mean, m, 1e-12, 'trace mean');
      close(tr.variance, v2, 1e-12, 'trace variance');
      x.forEach((v, i) => {
        const xh = (v - m) / Math.sqrt(v2 + 1e-5);
        close(tr.xhat[i], xh, 1e-5 * (1 + Math.abs(xh)), 'xhat');
        close(tr.y[i], xh * w[i] + b[i], 1e-4 * (1 + Math.abs(xh * w[i] + b[i])), 'y');
      });
      noLeaks('demo kernels');
    }),
    { numRuns: 200 },
  );
});
