// Shared by the node and browser tests: a seeded generator, so that a failing run can be replayed
// from its seed, and a count of the heap blocks the engine's wrappers hand out and do not free.

/** mulberry32 (web/model/rng.js): numbers in [0, 1) from a 32-bit seed. */
export { mulberry32 as random } from '../../web/model/rng.js';

/** Wraps the engine's _malloc and _free; the returned Map holds the blocks still live. */
export function trackHeap(engine) {
  const live = new Map();
  // Emscripten 3.1's exports start as thunks that put the raw export in their place on their first
  // call: a wrapper around an unresolved thunk would be replaced after one allocation and see
  // nothing after it. One call each first.
  engine.wasm._free(engine.wasm._malloc(4));
  const { _malloc: malloc, _free: free } = engine.wasm;
  engine.wasm._malloc = (n) => {
    const p = malloc(n);
    if (p) live.set(p, n);
    return p;
  };
  engine.wasm._free = (p) => {
    live.delete(p);
    free(p);
  };
  return live;
}
