// Types of normlab/engine: the public API of the Wasm engine (web/engine/engine.js, norm.js, optim.js).

/** A message from C++, worded as PyTorch words it (e.g. a shape mismatch). */
export class NormLabError extends Error {
  name: 'NormLabError';
}

/** Options of a torch.nn normalization module, e.g. {op: 'layer_norm', normalized_shape: [4]}. */
export interface NormOptions {
  op: string;
  [option: string]: unknown;
}

export interface ForwardResult {
  output: Float32Array;
  /** One per statistics group: what the input was normalized with. */
  mean: Float64Array;
  rstd: Float32Array;
  statCount: number;
}

export interface NormModule {
  /** Runs the module on x (row-major, of `shape`); throws NormLabError with PyTorch's message. */
  forward(x: ArrayLike<number>, shape: number[], options?: { training?: boolean }): ForwardResult;
  /** After forward(): the gradients for grad_output of the forward's shape. */
  backward(gradOutput: ArrayLike<number>): {
    gradInput: Float32Array;
    gradWeight: Float32Array | null;
    gradBias: Float32Array | null;
  };
  /** Throws PyTorch's message when `shape` is not an input this module accepts. */
  checkInput(shape: number[]): void;
  /** [[name, shape], ...] as named_parameters() lists them. */
  parameterShapes(): [string, number[]][];
  bufferShapes(): [string, number[]][];
  buffers(): Record<string, unknown>;
  /** Frees the C++ object; the module cannot be used afterwards. */
  delete(): void;
}

export interface Optimizer {
  /** optimizer.step() with p.grad = grad; returns the parameter after the step. */
  step(grad: ArrayLike<number>): Float32Array;
  state(): Record<string, unknown>;
  /** Frees the C++ object. */
  delete(): void;
}

export interface Surface {
  evaluate(xs: ArrayLike<number>, ys: ArrayLike<number>): Float32Array;
  at(x: number, y: number): number;
  grid(nx: number, ny: number): unknown;
}

export interface SurfaceInfo {
  name: string;
  label: string;
  formula: string;
  start: [number, number];
  view: unknown;
  minima: unknown;
}

export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'adagrad' | 'rmsprop';

export class Engine {
  /** A torch.nn normalization module. */
  norm(options: NormOptions): NormModule;
  /** torch.optim.X([param], **args). */
  optimizer(op: OptimizerName, args: Record<string, unknown>, param: ArrayLike<number>): Optimizer;
  /** The optimizer race's loss surfaces. */
  surfaces(): SurfaceInfo[];
  surface(name: string): Surface;
  /** {x, y, loss} of `steps` optimizer steps on a surface from `start`. */
  trajectory(
    surfaceName: string,
    op: OptimizerName,
    args: Record<string, unknown>,
    start: [number, number],
    steps: number,
  ): { x: Float32Array; y: Float32Array; loss: Float32Array };
  /** Bytes of parameters, gradients, master weights and optimizer state for a model size. */
  optimizerMemory(options: {
    params: number;
    precision?: string;
    op: OptimizerName;
    args?: Record<string, unknown>;
  }): Record<string, number>;
  /** Bytes the Wasm heap has handed out and not had back. */
  heapInUse(): number;
}

/** Options for the Emscripten factory: {wasmBinary} in Node, {locateFile} to move the .wasm. */
export interface EngineModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, scriptDirectory: string) => string;
  [option: string]: unknown;
}

export function loadEngine(moduleOptions?: EngineModuleOptions): Promise<Engine>;
