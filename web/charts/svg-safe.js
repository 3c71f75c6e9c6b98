// Coordinates an SVG attribute can hold. The browser reads them as 32-bit floats: a diverging run
// (a point at 1e39 px) or a NaN is an error in the console and a broken shape, where the reader
// should see a line leaving the picture. Points far outside the picture are drawn far outside it.
const FAR = 1e6;

/** A pixel coordinate clamped to ±1e6 (NaN stays NaN, for line().defined() to drop). */
export const px = (v) => Math.max(-FAR, Math.min(FAR, v));
