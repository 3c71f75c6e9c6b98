// The engine: the Wasm module built from cpp/, wrapped so that callers see plain typed arrays.
// This layer owns every allocation in the Wasm heap and deletes every Embind object it makes;
// it has no DOM. Errors come back from C++ as PyTorch's messages and are thrown as NormLabError.
//
// One calling style for every wrapper (docs/ARCHITECTURE.md, "Calling the engine"):
//   wrapper(engine, ...inputs, options)      methods: handle.method(...inputs, options)
// the engine first, then the input arrays the kernel requires, in the kernel's order (an input's
// shape right after it), then ONE options object naming every scalar and choice, and the optional
// inputs (weight, bias, gradOutput), like PyTorch's keyword arguments. Where torch's own keyword
// arguments pass through verbatim they are one field, `args`, beside `op`.
//   activation(engine, x, { fn: 'tanh', gamma, beta })
//   groupMoments(engine, x, group, { groups })
//   reductionTrace(engine, x, { weight, bias, eps })
//   runDeepStack(engine, x, { batch, depth, width, norm, ... })   runner.run(x, { batch, ... })
//   batchSpread(engine, { batchSizes, batches, ... })
//   engine.trajectory({ surface, op, args, start, steps })
//   engine.optimizer(param, { op, args })      optimizer.descend({ surface, steps })
//   engine.optimizerMemory({ params, precision, op, args })
//   engine.surface(name).grid({ nx, ny, view })   module.forward(x, shape, { training })
//   trainEngine.crossEntropy(logits, target, { args, gradOutput })
import { NormModule } from './norm.js';
import { Optimizer, Surface, surfaceList, trajectory, optimizerMemory } from './optim.js';

export class NormLabError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NormLabError';
  }
}

export class Engine {
  /** @param wasm the instantiated Emscripten module (createNormLab()). */
  constructor(wasm) {
    this.wasm = wasm;
  }

  /** A torch.nn normalization module: {op: 'layer_norm', normalized_shape: [4], ...}. */
  norm(options) {
    return new NormModule(this, options);
  }

  /** torch.optim.X([param], **args) for op 'sgd', 'adam', 'adamw', 'adagrad' or 'rmsprop'. */
  optimizer(param, options) {
    return new Optimizer(this, param, options);
  }

  /** The optimizer race's loss surfaces: [{name, label, formula, start, view, minima}]. */
  surfaces() {
    return surfaceList(this);
  }

  /** One loss surface: evaluate(xs, ys), at(x, y), grid(nx, ny). */
  surface(name) {
    return new Surface(this, name);
  }

  /** {x, y, loss} of `steps` optimizer steps on a surface from `start` ([x, y]). */
  trajectory(options) {
    return trajectory(this, options);
  }

  /** Bytes of parameters, gradients, master weights and optimizer state for a model size. */
  optimizerMemory(options) {
    return optimizerMemory(this, options);
  }

  /** Bytes the Wasm heap has handed out and not had back: a leak test's before and after. */
  heapInUse() {
    return this.wasm.heapInUse();
  }

  /** Throws NormLabError when a C++ call returned a message. */
  check(message) {
    if (message) throw new NormLabError(message);
  }

  /** Copies `values` into a fresh heap block; the caller frees it. */
  allocFloat32(values, length = values ? values.length : 0) {
    const ptr = this.malloc(length * 4);
    try {
      if (values) this.wasm.HEAPF32.set(values, ptr >> 2);
    } catch (err) {
      this.free(ptr);
      throw err instanceof NormLabError
        ? err
        : new NormLabError(`cannot copy the values: ${err.message}`);
    }
    return ptr;
  }

  /** A heap block of `bytes` (at least 4); throws NormLabError when it cannot be had. */
  malloc(bytes) {
    if (!Number.isSafeInteger(bytes) || bytes < 0)
      throw new NormLabError(`invalid allocation size: ${bytes}`);
    // _malloc takes a 32-bit size: 2^32 + 16 would come back as a 16-byte block
    const ptr = bytes < 2 ** 31 ? this.wasm._malloc(Math.max(bytes, 4)) : 0;
    if (!ptr)
      throw new NormLabError(`out of memory: ${bytes} bytes do not fit in the engine's memory`);
    return ptr;
  }

  free(...ptrs) {
    for (const p of ptrs) if (p) this.wasm._free(p);
  }

  // Copies out of the heap. HEAP* views are re-read each time: memory growth replaces them.
  readFloat32(ptr, length) {
    return this.wasm.HEAPF32.slice(ptr >> 2, (ptr >> 2) + length);
  }

  readFloat64(ptr, length) {
    return this.wasm.HEAPF64.slice(ptr >> 3, (ptr >> 3) + length);
  }

  readInt32(ptr, length) {
    return this.wasm.HEAP32.slice(ptr >> 2, (ptr >> 2) + length);
  }

  writeFloat32(ptr, values) {
    this.wasm.HEAPF32.set(values, ptr >> 2);
  }
}

/**
 * Instantiates the Wasm module. `moduleOptions` go to the Emscripten factory: in Node pass
 * {wasmBinary}; in the browser the .wasm next to the generated loader is fetched.
 */
export async function loadEngine(moduleOptions = {}, factory) {
  // 'normlab-wasm' is an alias that vite.config.js points at the Emscripten loader
  const create = factory ?? (await import('normlab-wasm')).default;
  return new Engine(await create(moduleOptions));
}
