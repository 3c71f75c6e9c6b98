// A torch.nn normalization module living in the Wasm heap (NormHandle in cpp/bindings/).
export const numel = (shape) => shape.reduce((a, b) => a * b, 1);

export class NormModule {
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

  /** Which elements share a mean: {statCount, group: Int32Array (one id per element)}. */
  plan(shape) {
    this.engine.check(this.handle.plan(shape));
    return {
      statCount: this.handle.planStatCount(),
      group: this.engine.readInt32(this.handle.planGroup(), this.handle.planSize()),
    };
  }

  /** Throws PyTorch's message when `shape` is not an input this module accepts. */
  checkInput(shape) {
    this.engine.check(this.handle.checkInput(shape));
  }

  /**
   * Runs the module on x (Float32Array or array, row-major, of the given shape).
   * Returns {output, mean, rstd, statCount}; mean is a Float64Array, one per statistics group.
   */
  forward(x, shape, { training = true } = {}) {
    const { engine, handle } = this;
    const n = numel(shape);
    if (x.length !== n)
      engine.check(
        `the input has ${x.length} values but its shape ${JSON.stringify(shape)} needs ${n}`,
      );
    engine.check(handle.setTraining(training));
    const xp = engine.allocFloat32(x);
    const yp = engine.malloc(n * 4);
    try {
      engine.check(handle.forward(yp, xp, shape));
      const count = handle.statCount();
      return {
        output: engine.readFloat32(yp, n),
        mean: engine.readFloat64(handle.statMean(), count),
        rstd: engine.readFloat32(handle.statRstd(), count),
        statCount: count,
      };
    } finally {
      engine.free(xp, yp);
    }
  }

  /** After forward(): {gradInput, gradWeight, gradBias} for grad_output of the forward's shape. */
  backward(gradOutput) {
    const { engine, handle } = this;
    const n = gradOutput.length;
    const gp = engine.allocFloat32(gradOutput);
    const dp = engine.malloc(n * 4);
    try {
      engine.check(handle.backward(dp, gp));
      return {
        gradInput: engine.readFloat32(dp, n),
        gradWeight: engine.readFloat32(handle.gradWeight(), handle.weightSize()),
        gradBias: engine.readFloat32(handle.gradBias(), handle.biasSize()),
      };
    } finally {
      engine.free(gp, dp);
    }
  }
}
