// The one count of a shape's elements. It lives at the engine, the lowest JS layer, because the
// wrappers check every input's length against its shape; web/model/shape.js re-exports it.

/** The number of elements of `shape` (1 for the empty shape of a scalar). */
export const numel = (shape) => shape.reduce((a, b) => a * b, 1);
