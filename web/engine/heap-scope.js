// The one way the wrappers hold Wasm heap blocks: every block a call needs is taken from a scope,
// and the scope frees all of them when the call returns or throws, so that a block that does not
// fit (or a refused call) never leaves the ones before it behind.

/**
 * Runs fn(heap) and frees every block `heap` handed out, whatever fn does. `engine` is anything
 * with malloc(bytes), free(...ptrs) and the HEAP* views of its module (the page's Engine, the
 * TrainEngine).
 *   heap.alloc(bytes)        a block of `bytes`
 *   heap.float32(values)     a block holding `values` as float32
 *   heap.float64(values)     a block holding `values` as float64
 *   heap.int32(values)       a block holding `values` as int32
 * @returns what fn returns
 */
export function withBuffers(engine, fn) {
  const blocks = [];
  const alloc = (bytes) => {
    const ptr = engine.malloc(bytes);
    blocks.push(ptr);
    return ptr;
  };
  // HEAP* views are read at each copy: memory growth replaces them. Values that cannot be
  // copied (an object without numbers) are the caller's error, named like any other.
  const filled = (bytesPer, view, values) => {
    const ptr = alloc(values.length * bytesPer);
    try {
      engine.wasm[view].set(values, ptr / bytesPer);
    } catch (err) {
      if (err?.name === 'NormLabError') throw err;
      engine.check(`cannot copy the values: ${err.message}`);
    }
    return ptr;
  };
  const heap = {
    alloc,
    float32: (values) => filled(4, 'HEAPF32', values),
    float64: (values) => filled(8, 'HEAPF64', values),
    int32: (values) => filled(4, 'HEAP32', values),
  };
  try {
    return fn(heap);
  } finally {
    engine.free(...blocks);
  }
}
