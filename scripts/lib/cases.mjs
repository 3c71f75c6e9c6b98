// Runs golden cases (tests/golden/SCHEMA.md) through the Wasm engine and returns what the
// engine computed, in the results format that compare.py checks. `expect` is never read.
//
// A case file written by hand can be wrong in any way: every problem with one case (a missing
// field, a tensor whose data does not fit its shape, a non-number, a weight of the wrong size, an
// op the engine does not have) is that case's `error`, or that step's when it is about one step,
// and the run goes on with the next case. Only a file that is not a case file at all is refused
// whole.
const NORMS = new Set(['batch_norm', 'layer_norm', 'instance_norm', 'group_norm']);
const OPTIMIZERS = new Set(['sgd', 'adam', 'adamw', 'adagrad', 'rmsprop']);

/** A problem with the case file itself (not a PyTorch error): reported as the case's error. */
class CaseError extends Error {}

const tensor = (shape, data) => ({ shape, data: Array.from(data) });
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function messageOf(err) {
  if (err instanceof CaseError || err?.name === 'NormLabError') return err.message;
  // anything else is a bug in the runner or the engine: still only this case's error
  return `case runner error: ${err?.message ?? String(err)}`;
}

/** The tensor at `where` ({shape, data}), checked before any of it reaches the engine. */
function readTensor(value, where) {
  if (!isObject(value))
    throw new CaseError(`${where} must be a tensor {"shape": [...], "data": [...]}`);
  const { shape, data } = value;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new CaseError(
      `${where}.shape must be a list of whole numbers >= 0, got ${JSON.stringify(shape)}`,
    );
  if (!Array.isArray(data)) throw new CaseError(`${where}.data must be a list of numbers`);
  const bad = data.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0)
    throw new CaseError(`${where}.data[${bad}] is not a number: ${JSON.stringify(data[bad])}`);
  // the product is taken in doubles: a huge shape is refused here, never allocated
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new CaseError(
      `${where} has ${data.length} values but its shape ${JSON.stringify(shape)} needs ${count}`,
    );
  return { shape, data };
}

function readCase(c) {
  if (!isObject(c)) throw new CaseError('a case must be an object');
  if (typeof c.op !== 'string') throw new CaseError('the case has no "op"');
  if (c.args !== undefined && !isObject(c.args)) throw new CaseError('"args" must be an object');
  if (c.params !== undefined && !isObject(c.params))
    throw new CaseError('"params" must be an object');
  if (!Array.isArray(c.steps)) throw new CaseError('"steps" must be a list');
}

function runNormStep(mod, st, i, paramShapes, bufferShapes) {
  if (!isObject(st)) throw new CaseError(`steps[${i}] must be an object`);
  if (st.mode !== 'train' && st.mode !== 'eval')
    throw new CaseError(
      `steps[${i}].mode must be "train" or "eval", got ${JSON.stringify(st.mode)}`,
    );
  const { shape, data } = readTensor(st.input, `steps[${i}].input`);
  const gradOutput =
    st.grad_output === undefined ? null : readTensor(st.grad_output, `steps[${i}].grad_output`);
  if (gradOutput && JSON.stringify(gradOutput.shape) !== JSON.stringify(shape))
    throw new CaseError(
      `steps[${i}].grad_output has shape ${JSON.stringify(gradOutput.shape)}, the input ${JSON.stringify(shape)}`,
    );
  const r = mod.forward(data, shape, { training: st.mode === 'train' });
  const out = { output: tensor(shape, r.output), stat_count: r.statCount };
  if (gradOutput) {
    const g = mod.backward(gradOutput.data);
    out.grad_input = tensor(shape, g.gradInput);
    for (const [name, pshape] of Object.entries(paramShapes)) {
      out[`grad_${name}`] = tensor(pshape, name === 'weight' ? g.gradWeight : g.gradBias);
    }
  }
  for (const [name, value] of Object.entries(mod.buffers())) {
    out[name] = name === 'num_batches_tracked' ? value : tensor(bufferShapes[name], value);
  }
  return out;
}

function runNorm(engine, c) {
  const mod = engine.norm({ op: c.op, ...c.args });
  try {
    const paramShapes = Object.fromEntries(mod.parameterShapes());
    const bufferShapes = Object.fromEntries(mod.bufferShapes());
    for (const [name, t] of Object.entries(c.params ?? {})) {
      if (!(name in paramShapes))
        throw new CaseError(`params.${name}: the module has no parameter ${name}`);
      const { shape, data } = readTensor(t, `params.${name}`);
      const want = paramShapes[name];
      // PyTorch's load_state_dict words for a parameter of another size
      if (JSON.stringify(shape) !== JSON.stringify(want))
        throw new CaseError(
          `size mismatch for ${name}: copying a param with shape torch.Size([${shape.join(', ')}]) ` +
            `from checkpoint, the shape in current model is torch.Size([${want.join(', ')}]).`,
        );
      mod[name] = data;
    }
    const steps = c.steps.map((st, i) => {
      try {
        return runNormStep(mod, st, i, paramShapes, bufferShapes);
      } catch (err) {
        return { error: messageOf(err) };
      }
    });
    return { id: c.id, param_shapes: paramShapes, buffer_shapes: bufferShapes, steps };
  } finally {
    mod.delete();
  }
}

function runOptimizer(engine, c) {
  const { shape, data } = readTensor(c.params?.param, 'params.param');
  const opt = engine.optimizer(c.op, c.args, data);
  try {
    const steps = c.steps.map((st, i) => {
      try {
        if (!isObject(st)) throw new CaseError(`steps[${i}] must be an object`);
        const grad = readTensor(st.grad, `steps[${i}].grad`);
        if (JSON.stringify(grad.shape) !== JSON.stringify(shape))
          throw new CaseError(
            `steps[${i}].grad has shape ${JSON.stringify(grad.shape)}, the parameter ${JSON.stringify(shape)}`,
          );
        const out = { param: tensor(shape, opt.step(grad.data)) };
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

/** One case's results; every problem with the case becomes its `error`, never an exception. */
export function runCase(engine, c) {
  const id = isObject(c) ? (c.id ?? null) : null;
  try {
    readCase(c);
    if (NORMS.has(c.op)) return runNorm(engine, c);
    if (OPTIMIZERS.has(c.op)) return runOptimizer(engine, c);
    return { id, error: `not implemented: ${c.op}` };
  } catch (err) {
    return { id, error: messageOf(err) };
  }
}

/** Every case of a golden file; throws only when `file` has no list of cases at all. */
export function runCases(engine, file) {
  if (!isObject(file) || !Array.isArray(file.cases))
    throw new CaseError('a case file is an object with a "cases" list (tests/golden/SCHEMA.md)');
  return { results: file.cases.map((c) => runCase(engine, c)) };
}
