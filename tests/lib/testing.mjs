// Shared by the node and browser tests: a seeded generator, so that a failing run can be replayed
// from its seed, and a count of the heap blocks the engine's wrappers hand out and do not free.

/** mulberry32: numbers in [0, 1) from a 32-bit seed. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
