// Runs golden cases (tests/golden/SCHEMA.md) through the Wasm engine and returns what the
// engine computed, in the results format that compare.py checks. `expect` is never read.
//
// A case file written by hand can be wrong in any way: every problem with one case (a missing
// field, a tensor whose data does not fit its shape, a non-number, a weight of the wrong size, an
// op the engine does not have) is that case's `error`, or that step's when it is about one step,
// and the run goes on with the next case. Only a file that is not a case file at all is refused
// whole.
//
// Training cases (layers, cross_entropy, sequential) run on the training module
// (web/engine/train-engine.js), passed as `train`.
const NORMS = new Set(['batch_norm', 'layer_norm', 'instance_norm', 'group_norm', 'rms_norm']);
const OPTIMIZERS = new Set(['sgd', 'adam', 'adamw', 'adagrad', 'rmsprop']);
const LAYERS = new Set(['linear', 'conv2d', 'relu', 'gelu', 'avg_pool2d', 'flatten']);
const TRAINING = new Set([...LAYERS, 'cross_entropy', 'sequential']);

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

/** Checks every tensor of `params` against `paramShapes` and hands it to `set(name, data)`. */
function loadParams(params, paramShapes, set) {
  for (const [name, t] of Object.entries(params ?? {})) {
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
    set(name, data);
  }
}

function readStep(st, i) {
  if (!isObject(st)) throw new CaseError(`steps[${i}] must be an object`);
  if (st.mode !== 'train' && st.mode !== 'eval')
    throw new CaseError(
      `steps[${i}].mode must be "train" or "eval", got ${JSON.stringify(st.mode)}`,
    );
}

/** Class indices: a tensor of whole numbers. */
function readTarget(value, where) {
  const t = readTensor(value, where);
  const bad = t.data.findIndex((v) => !Number.isSafeInteger(v));
  if (bad >= 0) throw new CaseError(`${where}.data[${bad}] is not a class index: ${t.data[bad]}`);
  return t;
}

function sameShape(a, b, what, i) {
  if (JSON.stringify(a) !== JSON.stringify(b))
    throw new CaseError(
      `steps[${i}].${what} has shape ${JSON.stringify(a)}, the output ${JSON.stringify(b)}`,
    );
}

function runLayerStep(layer, st, i, paramShapes) {
  readStep(st, i);
  const input = readTensor(st.input, `steps[${i}].input`);
  const gradOutput =
    st.grad_output === undefined ? null : readTensor(st.grad_output, `steps[${i}].grad_output`);
  const r = layer.forward(input.data, input.shape, { training: st.mode === 'train' });
  const out = { output: tensor(r.shape, r.output) };
  if (gradOutput) {
    sameShape(gradOutput.shape, r.shape, 'grad_output', i);
    const g = layer.backward(gradOutput.data);
    out.grad_input = tensor(input.shape, g.gradInput);
    for (const [name, pshape] of Object.entries(paramShapes))
      out[`grad_${name}`] = tensor(pshape, g.grads[name]);
  }
  return out;
}

function runLayer(train, c) {
  const layer = train.layer({ ...c.args, type: c.op });
  try {
    const paramShapes = Object.fromEntries(layer.parameterShapes());
    loadParams(c.params, paramShapes, (name, data) => layer.setParameter(name, data));
    const steps = c.steps.map((st, i) => {
      try {
        return runLayerStep(layer, st, i, paramShapes);
      } catch (err) {
        return { error: messageOf(err) };
      }
    });
    return { id: c.id, param_shapes: paramShapes, steps };
  } finally {
    layer.delete();
  }
}

function runCrossEntropy(train, c) {
  const steps = c.steps.map((st, i) => {
    try {
      readStep(st, i);
      const input = readTensor(st.input, `steps[${i}].input`);
      const target = readTarget(st.target, `steps[${i}].target`);
      const gradOutput =
        st.grad_output === undefined ? null : readTensor(st.grad_output, `steps[${i}].grad_output`);
      const r = train.crossEntropy(input, target, {
        args: c.args ?? {},
        gradOutput: gradOutput?.data,
      });
      if (gradOutput) sameShape(gradOutput.shape, r.loss.shape, 'grad_output', i);
      const out = { output: tensor(r.loss.shape, r.loss.data) };
      if (gradOutput) out.grad_input = tensor(input.shape, r.gradInput);
      return out;
    } catch (err) {
      return { error: messageOf(err) };
    }
  });
  return { id: c.id, param_shapes: {}, steps };
}

function runSequential(train, c) {
  const args = c.args ?? {};
  if (!Array.isArray(args.layers)) throw new CaseError('args.layers must be a list of layer specs');
  if (!isObject(args.optimizer) || typeof args.optimizer.op !== 'string')
    throw new CaseError('args.optimizer must be an object {"op": ..., ...}');
  const net = train.sequential({
    layers: args.layers,
    loss: args.loss,
    optimizer: args.optimizer,
    seed: args.seed ?? 0,
  });
  try {
    const paramShapes = Object.fromEntries(net.parameterShapes());
    const bufferShapes = Object.fromEntries(net.bufferShapes());
    loadParams(c.params, paramShapes, (name, data) => net.setParameter(name, data));
    const steps = c.steps.map((st, i) => {
      try {
        readStep(st, i);
        const input = readTensor(st.input, `steps[${i}].input`);
        const target = readTarget(st.target, `steps[${i}].target`);
        const r = net.step(input, target, { training: st.mode === 'train' });
        const out = { output: tensor(r.shape, r.output), loss: tensor([], [r.loss]) };
        for (const [name, values] of Object.entries(net.parameters()))
          out[`param:${name}`] = tensor(paramShapes[name], values);
        for (const [name, value] of Object.entries(net.buffers()))
          out[`buffer:${name}`] =
            typeof value === 'number' ? value : tensor(bufferShapes[name], value);
        return out;
      } catch (err) {
        return { error: messageOf(err) };
      }
    });
    return { id: c.id, param_shapes: paramShapes, buffer_shapes: bufferShapes, steps };
  } finally {
    net.delete();
  }
}

function runTraining(train, c) {
  if (!train)
    throw new CaseError(
      `${c.op} runs on the training module (build/wasm/normlab-train.wasm), which is not loaded`,
    );
  if (c.op === 'cross_entropy') return runCrossEntropy(train, c);
  if (c.op === 'sequential') return runSequential(train, c);
  return runLayer(train, c);
}

function runNormStep(mod, st, i, paramShapes, bufferShapes) {
  readStep(st, i);
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
    loadParams(c.params, paramShapes, (name, data) => {
      mod[name] = data;
    });
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
  const opt = engine.optimizer(data, { op: c.op, args: c.args });
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

/**
 * One case's results; every problem with the case becomes its `error`, never an exception.
 * `train` is the training module's engine (needed for layer, cross_entropy and sequential cases).
 */
export function runCase(engine, c, train) {
  const id = isObject(c) ? (c.id ?? null) : null;
  try {
    readCase(c);
    if (NORMS.has(c.op)) return runNorm(engine, c);
    if (OPTIMIZERS.has(c.op)) return runOptimizer(engine, c);
    if (TRAINING.has(c.op)) return runTraining(train, c);
    return { id, error: `not implemented: ${c.op}` };
  } catch (err) {
    return { id, error: messageOf(err) };
  }
}

/** Every case of a golden file; throws only when `file` has no list of cases at all. */
export function runCases(engine, file, train) {
  if (!isObject(file) || !Array.isArray(file.cases))
    throw new CaseError('a case file is an object with a "cases" list (tests/golden/SCHEMA.md)');
  return { results: file.cases.map((c) => runCase(engine, c, train)) };
}

/** Whether a parsed case file has a case that needs the training module. */
export function needsTraining(file) {
  return isObject(file) && Array.isArray(file.cases) && file.cases.some((c) => TRAINING.has(c?.op));
}
