// A torch.nn normalization module living in the Wasm heap (NormHandle in cpp/bindings/).
import { withBuffers } from './heap-scope.js';
import { numel } from './shape.js';

export class NormModule {
  #forwardSize; // elements of the last successful forward's input: backward's grad_output size

  constructor(engine, options) {
    this.engine = engine;
    this.options = { ...options };
    this.handle = new engine.wasm.NormHandle();
    const message = this.handle.configure(this.options);
    if (message) {
      this.handle.delete();
      this.handle = null;
      engine.check(message);
    }
  }

  /** Frees the C++ object. The module cannot be used afterwards. */
  delete() {
    if (this.handle) this.handle.delete();
    this.handle = null;
  }

  /** [[name, shape], ...] as named_parameters() lists them. */
  parameterShapes() {
    return this.handle.parameterShapes();
  }

  bufferShapes() {
    return this.handle.bufferShapes();
  }

  get weight() {
    return this.engine.readFloat32(this.handle.weight(), this.handle.weightSize());
  }

  set weight(values) {
    this.#setParam(this.handle.weight(), this.handle.weightSize(), values, 'weight');
  }

  get bias() {
    return this.engine.readFloat32(this.handle.bias(), this.handle.biasSize());
  }

  set bias(values) {
    this.#setParam(this.handle.bias(), this.handle.biasSize(), values, 'bias');
  }

  #setParam(ptr, size, values, name) {
    if (values.length !== size) {
      this.engine.check(`${name} needs ${size} values, got ${values.length}`);
    }
    this.engine.writeFloat32(ptr, values);
  }

  /**
   * The running statistics, as named_buffers() lists them: {running_mean, running_var,
   * num_batches_tracked}, or {} when the module keeps none (track_running_stats=False, LN, GN).
   */
  buffers() {
    const { engine, handle } = this;
    if (!handle.hasRunningStats()) return {};
    const n = handle.runningSize();
    return {
      running_mean: engine.readFloat32(handle.runningMean(), n),
      running_var: engine.readFloat32(handle.runningVar(), n),
      num_batches_tracked: handle.numBatchesTracked(),
    };
  }

  /**
   * Overwrites any of running_mean, running_var, num_batches_tracked (for demos).
   * @param {{running_mean?: ArrayLike<number>, running_var?: ArrayLike<number>, num_batches_tracked?: number}} [buffers]
   */
  setBuffers({ running_mean, running_var, num_batches_tracked } = {}) {
    const { engine, handle } = this;
    if (!handle.hasRunningStats()) {
      engine.check('this module keeps no running statistics (running_mean, running_var)');
    }
    const n = handle.runningSize();
    for (const [name, values] of [
      ['running_mean', running_mean],
      ['running_var', running_var],
    ]) {
      if (values !== undefined && values.length !== n)
        engine.check(`${name} needs ${n} values, got ${values.length}`);
    }
    if (num_batches_tracked !== undefined) {
      engine.check(handle.setNumBatchesTracked(num_batches_tracked));
    }
    if (running_mean !== undefined) engine.writeFloat32(handle.runningMean(), running_mean);
    if (running_var !== undefined) engine.writeFloat32(handle.runningVar(), running_var);
  }

  /**
   * Which elements share a mean for an input of `shape`: {statCount, group: Int32Array (one id per
   * element, row-major), paramShapes, bufferShapes ([[name, shape], ...])}. Refuses the shapes
   * PyTorch refuses in every mode, not those it refuses only in training (one value per channel).
   */
  plan(shape) {
    const { engine, handle } = this;
    engine.check(handle.plan(shape));
    return {
      statCount: handle.planStatCount(),
      group: engine.readInt32(handle.planGroup(), handle.planSize()),
      paramShapes: handle.parameterShapes(),
      bufferShapes: handle.bufferShapes(),
    };
  }

  /** Throws PyTorch's message when `shape` is not an input this module accepts. */
  checkInput(shape) {
    this.engine.check(this.handle.checkInput(shape));
  }

  /**
   * Runs the module on x (Float32Array or array, row-major, of the given shape) in training or
   * eval mode. Returns {output, mean, rstd, statCount}: mean (Float64Array) and rstd, one per
   * statistics group, are what the input was normalized with (in eval with running statistics,
   * those). A refused input throws PyTorch's message and changes nothing.
   */
  forward(x, shape, { training = true } = {}) {
    const { engine, handle } = this;
    if (!Array.isArray(shape)) engine.check('a shape must be an array of integers');
    if (x === null || typeof x !== 'object')
      engine.check('the input must be an array or a Float32Array');
    const n = numel(shape);
    if (x.length !== n)
      engine.check(
        `the input has ${x.length} values but its shape ${JSON.stringify(shape)} needs ${n}`,
      );
    engine.check(handle.setTraining(training));
    return withBuffers(engine, (heap) => {
      const xp = heap.float32(x);
      const yp = heap.alloc(n * 4);
      engine.check(handle.forward(yp, xp, shape));
      this.#forwardSize = n;
      const count = handle.statCount();
      return {
        output: engine.readFloat32(yp, n),
        mean: engine.readFloat64(handle.statMean(), count),
        rstd: engine.readFloat32(handle.statRstd(), count),
        statCount: count,
      };
    });
  }

  /** After forward(): {gradInput, gradWeight, gradBias} for grad_output of the forward's shape. */
  backward(gradOutput) {
    const { engine, handle } = this;
    if (gradOutput === null || typeof gradOutput !== 'object')
      engine.check('grad_output must be an array or a Float32Array');
    const n = gradOutput.length;
    if (this.#forwardSize !== undefined && n !== this.#forwardSize)
      engine.check(`grad_output has ${n} values but the forward input had ${this.#forwardSize}`);
    return withBuffers(engine, (heap) => {
      const gp = heap.float32(gradOutput);
      const dp = heap.alloc(n * 4);
      engine.check(handle.backward(dp, gp));
      return {
        gradInput: engine.readFloat32(dp, n),
        gradWeight: engine.readFloat32(handle.gradWeight(), handle.weightSize()),
        gradBias: engine.readFloat32(handle.gradBias(), handle.biasSize()),
      };
    });
  }
}
