// The training module (build/wasm/normlab-train.{js,wasm}: layers, cross-entropy, Sequential),
// wrapped so that callers see plain typed arrays. Like web/engine/, this layer owns every
// allocation in the Wasm heap and deletes every Embind object it makes; C++ answers a bad call
// with PyTorch's message, thrown here as NormLabError. The case runner uses it; the training
// worker will load the same module.
import { NormLabError } from './engine.js';
import { withBuffers } from './heap-scope.js';

import { numel as prod } from './shape.js';

export class TrainEngine {
  /** @param wasm the instantiated Emscripten module (createNormLabTrain()). */
  constructor(wasm) {
    this.wasm = wasm;
  }

  /** One torch.nn layer: {type: 'conv2d', in_channels: 1, out_channels: 4, kernel_size: 3}. */
  layer(spec) {
    return new Layer(this, spec);
  }

  /** A network {layers, loss, optimizer: {op, ...torch.optim kwargs}, seed}. */
  sequential(options) {
    return new Network(this, options);
  }

  /**
   * F.cross_entropy(logits, target, **args): {loss: {shape, data}} and, with gradOutput (one value
   * per loss value), gradInput.
   * @param {{shape: number[], data: ArrayLike<number>}} logits
   * @param {{shape: number[], data: ArrayLike<number>}} target
   * @param {{args?: object, gradOutput?: ArrayLike<number> | null}} [options] args: torch's keyword
   *   arguments (reduction, ignore_index, label_smoothing, ...)
   */
  crossEntropy(logits, target, { args, gradOutput } = {}) {
    return withBuffers(this, (heap) => {
      const t = heap.float64(target.data);
      const r = this.wasm.crossEntropyShape(args, logits.shape, target.shape, t);
      if (r.error !== undefined) throw new NormLabError(r.error);
      const n = prod(r.shape);
      const z = heap.float32(logits.data);
      const loss = heap.alloc(n * 8);
      let gz = 0;
      let go = 0;
      if (gradOutput) {
        if (gradOutput.length !== n)
          throw new NormLabError(`grad_output must hold ${n} values, got ${gradOutput.length}`);
        gz = heap.alloc(logits.data.length * 4);
        go = heap.float32(gradOutput);
      }
      this.check(this.wasm.crossEntropy(args, loss, gz, z, t, go, logits.shape, target.shape));
      const out = { loss: { shape: r.shape, data: this.readFloat64(loss, n) } };
      if (gz) out.gradInput = this.readFloat32(gz, logits.data.length);
      return out;
    });
  }

  heapInUse() {
    return this.wasm.heapInUse();
  }

  check(message) {
    if (message) throw new NormLabError(message);
  }

  malloc(bytes) {
    if (!Number.isSafeInteger(bytes) || bytes < 0)
      throw new NormLabError(`invalid allocation size: ${bytes}`);
    const ptr = bytes < 2 ** 31 ? this.wasm._malloc(Math.max(bytes, 8)) : 0;
    if (!ptr)
      throw new NormLabError(`out of memory: ${bytes} bytes do not fit in the engine's memory`);
    return ptr;
  }

  free(...ptrs) {
    for (const p of ptrs) if (p) this.wasm._free(p);
  }

  // HEAP* views are re-read each time: memory growth replaces them.
  readFloat32(ptr, length) {
    return this.wasm.HEAPF32.slice(ptr >> 2, (ptr >> 2) + length);
  }

  readFloat64(ptr, length) {
    return this.wasm.HEAPF64.slice(ptr >> 3, (ptr >> 3) + length);
  }

  writeFloat32(ptr, values) {
    this.wasm.HEAPF32.set(values, ptr >> 2);
  }
}

/** Parameters by name of a handle with parameterCount/Name/Shape/Size/parameter. */
function namedParameters(handle) {
  const out = [];
  for (let i = 0; i < handle.parameterCount(); i++) {
    out.push({
      index: i,
      name: handle.parameterName(i),
      shape: handle.parameterShape(i),
      size: handle.parameterSize(i),
    });
  }
  return out;
}

function setNamed(engine, handle, params, name, values) {
  const p = params.find((q) => q.name === name);
  if (!p) throw new NormLabError(`the module has no parameter ${name}`);
  if (values.length !== p.size)
    throw new NormLabError(`${name} must hold ${p.size} values, got ${values.length}`);
  engine.writeFloat32(handle.parameter(p.index), values);
}

class Layer {
  constructor(engine, spec) {
    this.engine = engine;
    this.handle = new engine.wasm.LayerHandle();
    try {
      engine.check(this.handle.configure(spec));
    } catch (err) {
      this.handle.delete();
      throw err;
    }
    this.params = namedParameters(this.handle);
  }

  /** [[name, shape]] as named_parameters() lists them. */
  parameterShapes() {
    return this.params.map((p) => [p.name, p.shape]);
  }

  setParameter(name, values) {
    setNamed(this.engine, this.handle, this.params, name, values);
  }

  /** {output, shape}; mode as module.train(training). */
  forward(data, shape, { training = true } = {}) {
    const e = this.engine;
    e.check(this.handle.setTraining(training));
    e.check(this.handle.checkInput(shape));
    const outShape = this.handle.lastShape();
    const n = prod(outShape);
    return withBuffers(e, (heap) => {
      const x = heap.float32(data);
      const y = heap.alloc(n * 4);
      e.check(this.handle.forward(y, x, shape));
      this.inSize = data.length;
      this.outSize = n;
      return { output: e.readFloat32(y, n), shape: outShape };
    });
  }

  /** {gradInput, grads: {name: Float32Array}} after forward(). */
  backward(gradOutput) {
    const e = this.engine;
    if (gradOutput.length !== this.outSize)
      throw new NormLabError(
        `grad_output must hold ${this.outSize} values, got ${gradOutput.length}`,
      );
    return withBuffers(e, (heap) => {
      const gy = heap.float32(gradOutput);
      const gx = heap.alloc(this.inSize * 4);
      e.check(this.handle.backward(gx, gy));
      const grads = {};
      for (const p of this.params)
        grads[p.name] = e.readFloat32(this.handle.parameterGrad(p.index), p.size);
      return { gradInput: e.readFloat32(gx, this.inSize), grads };
    });
  }

  delete() {
    this.handle.delete();
  }
}

class Network {
  constructor(engine, { layers, loss, optimizer, seed = 0 }) {
    this.engine = engine;
    if (optimizer === null || typeof optimizer !== 'object' || typeof optimizer.op !== 'string')
      throw new NormLabError('the optimizer must be an object {"op": "sgd", ...}');
    const { op, ...args } = optimizer;
    this.handle = new engine.wasm.SequentialHandle();
    try {
      engine.check(this.handle.configure(layers, loss, op, args, seed));
    } catch (err) {
      this.handle.delete();
      throw err;
    }
    this.params = namedParameters(this.handle);
  }

  parameterShapes() {
    return this.params.map((p) => [p.name, p.shape]);
  }

  bufferShapes() {
    const out = [];
    for (let i = 0; i < this.handle.bufferCount(); i++)
      out.push([this.handle.bufferName(i), this.handle.bufferShape(i)]);
    return out;
  }

  setParameter(name, values) {
    setNamed(this.engine, this.handle, this.params, name, values);
  }

  /** One train or eval step: {output, shape, loss}. */
  step(input, target, { training = true } = {}) {
    const e = this.engine;
    return withBuffers(e, (heap) => {
      const x = heap.float32(input.data);
      const t = heap.float64(target.data);
      e.check(this.handle.step(x, input.shape, t, target.shape, training));
      const n = this.handle.outputSize();
      return {
        output: e.readFloat32(this.handle.output(), n),
        shape: this.handle.outputShape(),
        loss: this.handle.loss(),
      };
    });
  }

  /** {name: Float32Array} of every parameter. */
  parameters() {
    const out = {};
    for (const p of this.params)
      out[p.name] = this.engine.readFloat32(this.handle.parameter(p.index), p.size);
    return out;
  }

  /** {name: Float32Array, or a number for num_batches_tracked} of every buffer. */
  buffers() {
    const out = {};
    for (let i = 0; i < this.handle.bufferCount(); i++) {
      const name = this.handle.bufferName(i);
      out[name] = this.handle.bufferIsCount(i)
        ? this.handle.bufferCountValue(i)
        : this.engine.readFloat32(this.handle.bufferData(i), this.handle.bufferSize(i));
    }
    return out;
  }

  delete() {
    this.handle.delete();
  }
}

export async function loadTrainEngine(moduleOptions, factory) {
  return new TrainEngine(await factory(moduleOptions));
}
