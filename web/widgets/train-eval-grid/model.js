// <train-eval-grid>'s DOM-free pieces: its limits and the four forward passes it shows.

export const MAX_ROWS = 16;
export const MAX_COLS = 16;

/** Whether two outputs hold the same numbers, bit for bit. */
export const sameValues = (a, b) =>
  a && b && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * A fresh module of `options` (what a new nn.BatchNorm1d / nn.LayerNorm would do) on x of `shape`:
 * its buffer shapes, then its training output (or message), then its eval output (or message).
 */
export function trainThenEval(engine, options, x, shape) {
  const mod = engine.norm(options);
  const out = { bufferShapes: mod.bufferShapes() };
  try {
    try {
      out.train = mod.forward(x, shape, { training: true }).output;
    } catch (err) {
      out.trainError = err.message;
    }
    try {
      out.eval = mod.forward(x, shape, { training: false }).output;
    } catch (err) {
      out.evalError = err.message;
    }
  } finally {
    mod.delete();
  }
  return out;
}
