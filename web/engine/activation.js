// The activation curve of chapter 1 (cpp/src/demos/activation.cpp): f(γ·x + β) and its slope f'.
// Memory in the Wasm heap is allocated and freed here; callers get plain Float32Arrays.
import { withBuffers } from './heap-scope.js';

export const ACTIVATIONS = ['sigmoid', 'tanh'];

/**
 * @param engine the Engine (web/engine/engine.js)
 * @param x the values to feed (array or Float32Array)
 * @param {{fn?: string, gamma?: number, beta?: number}} [options] fn: 'sigmoid' | 'tanh';
 *   gamma (default 1) and beta (default 0)
 * @returns {{y: Float32Array, slope: Float32Array}} f(γ·x + β) and f'(γ·x + β)
 */
export function activation(engine, x, { fn, gamma = 1, beta = 0 } = {}) {
  const n = x.length;
  return withBuffers(engine, (heap) => {
    const xp = heap.float32(x);
    const yp = heap.alloc(n * 4);
    const sp = heap.alloc(n * 4);
    engine.check(engine.wasm.activation(String(fn), yp, sp, xp, n, gamma, beta));
    return { y: engine.readFloat32(yp, n), slope: engine.readFloat32(sp, n) };
  });
}
