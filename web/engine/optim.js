// torch.optim optimizers, loss surfaces and memory accounting living in the Wasm heap
// (cpp/bindings/optim_bindings.cpp). Arguments use torch.optim's keyword names; a missing one takes
// PyTorch's default; a refused one throws NormLabError with PyTorch's message.
import { withBuffers } from './heap-scope.js';

/**
 * One optimizer for one parameter tensor (flat): torch.optim.X([p], **args).
 * The parameter lives in the Wasm heap next to its state; step(grad) runs optimizer.step() with
 * p.grad = grad and returns the new parameter.
 */
export class Optimizer {
  /**
   * @param {import('./engine.js').Engine} engine
   * @param {ArrayLike<number>} param the parameter's starting values
   * @param {{op: string, args?: object}} options op: 'sgd' | 'adam' | ...; args: torch.optim's
   *   keyword arguments
   */
  constructor(engine, param, { op, args } = /** @type {any} */ ({})) {
    this.engine = engine;
    this.op = String(op);
    this.args = { ...(args ?? {}) };
    const values = Float32Array.from(param ?? []);
    this.handle = new engine.wasm.OptimHandle();
    const message = this.handle.configure(this.op, this.args, values.length);
    if (message) {
      this.handle.delete();
      this.handle = null;
      engine.check(message);
    }
    this.numel = values.length;
    engine.writeFloat32(this.handle.param(), values);
  }

  /** Frees the C++ object. The optimizer cannot be used afterwards. */
  delete() {
    if (this.handle) this.handle.delete();
    this.handle = null;
  }

  /** The parameter as it stands (a copy). */
  get param() {
    return this.engine.readFloat32(this.#live().param(), this.numel);
  }

  /** How many steps have run (torch's state["step"]). */
  get steps() {
    return this.#live().steps();
  }

  /** optimizer.step() with p.grad = grad; returns the parameter after the step. */
  step(grad) {
    const handle = this.#live();
    if (grad.length !== this.numel) {
      this.engine.check(
        `the gradient has ${grad.length} values but the parameter has ${this.numel}`,
      );
    }
    this.engine.writeFloat32(handle.grad(), grad);
    this.engine.check(handle.step());
    return this.param;
  }

  /**
   * `steps` optimizer steps down a loss surface from the parameter as it stands (2 values), each
   * with the surface's gradient at the float32 point, in C++: the same path as trajectory(), in
   * pieces. Returns the parameter after the last step; `grad` is then that step's gradient.
   */
  descend({ surface, steps } = /** @type {any} */ ({})) {
    this.engine.check(this.#live().descend(String(surface), Number(steps)));
    return this.param;
  }

  /** The gradient of the last step (a copy). */
  get grad() {
    return this.engine.readFloat32(this.#live().grad(), this.numel);
  }

  /**
   * optimizer.state[p]'s buffers by torch's names ({exp_avg, exp_avg_sq} for Adam, ...), copied
   * out. Empty before the first step, except Adagrad's sum, which its constructor creates.
   */
  state() {
    const handle = this.#live();
    const out = {};
    for (let i = 0; i < handle.stateCount(); i++) {
      out[handle.stateName(i)] = this.engine.readFloat32(handle.stateData(i), this.numel);
    }
    return out;
  }

  #live() {
    if (!this.handle) this.engine.check('the optimizer was deleted');
    return this.handle;
  }
}

/**
 * [{name, formula, start: [x, y], view: {xmin, xmax, ymin, ymax}, minima}]; the names for readers
 * are web/model/surface-labels.js's.
 */
export function surfaceList(engine) {
  return engine.wasm.optimSurfaces();
}

/** A loss surface of the optimizer race: f and its gradient at points, and contour grids. */
export class Surface {
  /** @type {string} the surface's C++ name */
  name;
  /** @type {string} */
  formula;
  /** @type {[number, number]} where the race starts */
  start;
  /** @type {{xmin: number, xmax: number, ymin: number, ymax: number}} the box the race shows */
  view;
  /** @type {[number, number][]} */
  minima;

  constructor(engine, name) {
    const info = surfaceList(engine).find((s) => s.name === name);
    if (!info) engine.check(`unknown surface: ${name}`);
    this.engine = engine;
    Object.assign(this, info);
  }

  /** f and its gradient at the points (xs[i], ys[i]): {f, gx, gy}, Float32Arrays. */
  evaluate(xs, ys) {
    const { engine } = this;
    const n = xs.length;
    if (ys.length !== n) engine.check(`${n} x values but ${ys.length} y values`);
    return withBuffers(engine, (heap) => {
      const xp = heap.float32(xs);
      const yp = heap.float32(ys);
      const out = heap.alloc(3 * n * 4);
      engine.check(
        engine.wasm.optimSurfaceEvaluate(this.name, out, out + 4 * n, out + 8 * n, xp, yp, n),
      );
      return {
        f: engine.readFloat32(out, n),
        gx: engine.readFloat32(out + 4 * n, n),
        gy: engine.readFloat32(out + 8 * n, n),
      };
    });
  }

  /** f and its gradient at one point: {f, gx, gy}, numbers. */
  at(x, y) {
    const r = this.evaluate([x], [y]);
    return { f: r.f[0], gx: r.gx[0], gy: r.gy[0] };
  }

  /**
   * f on an nx x ny grid over the view box `view` (the surface's own by default), for contour lines:
   * {nx, ny, view, values}, values row-major with row i at y = ymin + i (ymax - ymin) / (ny - 1)
   * (the layout d3-contour expects when rows run along y).
   */
  grid({ nx, ny, view = this.view } = /** @type {any} */ ({})) {
    const { engine } = this;
    const count = Number.isSafeInteger(nx) && Number.isSafeInteger(ny) && nx > 0 && ny > 0;
    // a refused size is reported by C++ before anything is written
    const size = count && nx <= 4096 && ny <= 4096 ? nx * ny : 0;
    return withBuffers(engine, (heap) => {
      const ptr = heap.alloc(size * 4);
      engine.check(
        engine.wasm.optimSurfaceGrid(
          this.name,
          ptr,
          Number(nx),
          Number(ny),
          Number(view.xmin),
          Number(view.xmax),
          Number(view.ymin),
          Number(view.ymax),
        ),
      );
      return { nx, ny, view: { ...view }, values: engine.readFloat32(ptr, size) };
    });
  }
}

/**
 * `steps` optimizer steps of `op` (torch.optim's keyword `args`) on the loss surface named
 * `surface`, from `start` ([x, y]; the surface's own by default): {x, y, loss}, Float32Arrays of
 * steps + 1 entries (the start first).
 * @param {import('./engine.js').Engine} engine
 * @param {{surface: string, op: string, args?: object, start?: ArrayLike<number> | null,
 *   steps: number}} options
 */
export function trajectory(engine, { surface, op, args, start, steps } = /** @type {any} */ ({})) {
  const from = start ?? new Surface(engine, surface).start;
  // C++ checks the step count before writing: buffers are only sized for counts it accepts
  const n = Number.isSafeInteger(steps) && steps >= 0 && steps <= 100000 ? steps + 1 : 0;
  return withBuffers(engine, (heap) => {
    const ptr = heap.alloc(3 * n * 4);
    engine.check(
      engine.wasm.optimTrajectory(
        ptr,
        ptr + 4 * n,
        ptr + 8 * n,
        String(surface),
        String(op),
        args ?? {},
        Number(from[0]),
        Number(from[1]),
        Number(steps),
      ),
    );
    return {
      x: engine.readFloat32(ptr, n),
      y: engine.readFloat32(ptr + 4 * n, n),
      loss: engine.readFloat32(ptr + 8 * n, n),
    };
  });
}

/**
 * Training memory for `params` parameters: {parameters, gradients, master_weights (mixed
 * precision only), state: {name: bytes}, total}, in bytes. precision: 'fp32', 'fp16-mixed' or
 * 'bf16-mixed'.
 * @param {import('./engine.js').Engine} engine
 * @param {{params?: number, precision?: string, op?: string, args?: object}} [options]
 */
export function optimizerMemory(engine, { params, precision = 'fp32', op, args } = {}) {
  const r = engine.wasm.optimMemory(String(op), args ?? {}, Number(params), String(precision));
  if (r.error) engine.check(r.error);
  return r;
}
