// Seeded generators: the same stream in every browser and in node for a given seed, so a page looks
// the same on every load and a question can be replayed from its seed. Two streams exist because
// pages and tests pin the values each one has always produced (tests/js/rng.test.mjs holds them):
// `lcg` makes the widgets' default tensors, `xorshift` the drawn datasets and the self-check's
// questions. A new use takes `xorshift`.

/** A linear congruential stream (Numerical Recipes' constants): () => a number in [0, 1). */
export function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** xorshift32 (a zero seed stands for `zeroSeed`): () => a number in [0, 1). */
export function xorshift(seed, zeroSeed = 0x9e3779b9) {
  let s = seed >>> 0 || zeroSeed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * mulberry32: floats in [0, 1) from a 32-bit seed. The training lab's batch order and data
 * (web/model/training-run.js, and the Python its "Show as PyTorch" script ports) and the tests'
 * seeded inputs (tests/lib/testing.mjs) draw from it.
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stream with integer and pick helpers: {next, int(lo, hi) inclusive, pick(list)}. */
export function randomSource(next) {
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/**
 * n readable values in [-range, range] with one decimal from the `lcg` stream: the widgets' default
 * tensors (range 2 with seed 7 for the norm widgets, range 3 with seed 11 for the affine plot).
 */
export function seededValues(n, seed = 7, range = 2) {
  const next = lcg(seed);
  return Float32Array.from({ length: n }, () => Math.round((next() * 2 * range - range) * 10) / 10);
}
