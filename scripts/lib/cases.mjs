// Runs golden cases (tests/golden/SCHEMA.md) through the Wasm engine and returns what the
// engine computed, in the results format that compare.py checks. `expect` is never read.
const NORMS = new Set(['batch_norm', 'layer_norm', 'instance_norm', 'group_norm']);
const OPTIMIZERS = new Set(['sgd', 'adam', 'adamw', 'adagrad', 'rmsprop']);

const tensor = (shape, data) => ({ shape, data: Array.from(data) });

function messageOf(err) {
  if (err && err.name === 'NormLabError') return err.message;
  throw err; // anything else is a bug in the runner or the engine, not a PyTorch error
}

function runNorm(engine, c) {
  let mod;
  try {
    mod = engine.norm({ op: c.op, ...c.args });
  } catch (err) {
    return { id: c.id, error: messageOf(err) };
  }
  try {
    const param_shapes = Object.fromEntries(mod.parameterShapes());
    const buffer_shapes = Object.fromEntries(mod.bufferShapes());
    for (const [name, t] of Object.entries(c.params ?? {})) mod[name] = t.data;
    const steps = c.steps.map((st) => {
      const shape = st.input.shape;
      try {
        const r = mod.forward(st.input.data, shape, { training: st.mode === 'train' });
        const out = { output: tensor(shape, r.output), stat_count: r.statCount };
        if (st.grad_output) {
          const g = mod.backward(st.grad_output.data);
          out.grad_input = tensor(shape, g.gradInput);
          for (const [name, pshape] of Object.entries(param_shapes)) {
            const grad = name === 'weight' ? g.gradWeight : g.gradBias;
            out[`grad_${name}`] = tensor(pshape, grad);
          }
        }
        for (const [name, value] of Object.entries(mod.buffers())) {
          out[name] = name === 'num_batches_tracked' ? value : tensor(buffer_shapes[name], value);
        }
        return out;
      } catch (err) {
        return { error: messageOf(err) };
      }
    });
    return { id: c.id, param_shapes, buffer_shapes, steps };
  } finally {
    mod.delete();
  }
}

function runOptimizer(engine, c) {
  let opt;
  try {
    opt = engine.optimizer(c.op, c.args, c.params.param.data);
  } catch (err) {
    return { id: c.id, error: messageOf(err) };
  }
  try {
    const shape = c.params.param.shape;
    const steps = c.steps.map((st) => {
      try {
        const out = { param: tensor(shape, opt.step(st.grad.data)) };
        // optimizer.state[p] after the step: its buffers by torch's names, and the step counter
        for (const [name, values] of Object.entries(opt.state())) out[name] = tensor(shape, values);
        out.step = opt.steps;
        return out;
      } catch (err) {
        return { error: messageOf(err) };
      }
    });
    return { id: c.id, steps };
  } finally {
    opt.delete();
  }
}

export function runCase(engine, c) {
  if (NORMS.has(c.op)) return runNorm(engine, c);
  if (OPTIMIZERS.has(c.op)) return runOptimizer(engine, c);
  return { id: c.id, error: `not implemented: ${c.op}` };
}

export function runCases(engine, file) {
  return { results: file.cases.map((c) => runCase(engine, c)) };
}
