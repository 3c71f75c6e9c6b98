// <module-console>'s runs without the DOM: the classic mistakes, the link's module codec, and one
// run of a module's text on a tensor as a transcript entry.
import { parseModule, specMessage } from '../../model/module-spec.js';
import { runModule } from '../../model/run-module.js';

/**
 * The classic mistakes, each followed by its fix: [module, input shape, is it the fix of the
 * mistake before it].
 * @type {[string, number[], boolean][]}
 */
export const MISTAKES = [
  ['nn.LayerNorm([6, 3])', [8, 6, 3, 4], false],
  ['nn.LayerNorm([3, 4])', [8, 6, 3, 4], true],
  ['nn.BatchNorm2d(3)', [2, 3, 4], false],
  ['nn.BatchNorm1d(3)', [2, 3, 4], true],
  ['nn.BatchNorm2d(4)', [2, 3, 4, 4], false],
  ['nn.BatchNorm2d(3)', [2, 3, 4, 4], true],
  ['nn.GroupNorm(4, 6)', [2, 6, 5], false],
  ['nn.GroupNorm(3, 6)', [2, 6, 5], true],
  ['nn.BatchNorm1d(3)', [1, 3], false],
  ['nn.BatchNorm1d(3)', [4, 3], true],
];
/** How many runs the transcript keeps. */
export const HISTORY = 8;

// parseModule's limit: longer text is no module call, and is kept out of the link
export const MAX_MODULE_TEXT = 200;
export const moduleCodec = {
  parse(text) {
    if (text.length > MAX_MODULE_TEXT) throw new Error('too long');
    return text;
  },
  format: (v) => v,
};

/** n values in [−2, 2] with one decimal, fresh on every call (a new input for each mistake). */
export function randomValues(n) {
  return Float32Array.from({ length: n }, () => Math.round((Math.random() * 4 - 2) * 10) / 10);
}

/**
 * Runs `module` (Python text) on `values` of `shape`: {entry, result}. The entry is what the
 * transcript shows: {module, shape, moduleError} when the text or the module is refused,
 * {…, runError} when the input is, else {…, statCount, params}; `result` is runModule's on success.
 */
export function runEntry(engine, module, values, shape, lang) {
  const entry = { module, shape: [...shape] };
  let options = null;
  try {
    options = parseModule(module).options;
  } catch (err) {
    entry.moduleError = specMessage(err, lang);
  }
  if (options) {
    try {
      engine.norm(options).delete();
    } catch (err) {
      if (err.name !== 'NormLabError') throw err;
      entry.moduleError = err.message;
    }
  }
  let result = null;
  if (!entry.moduleError) {
    try {
      result = runModule(engine, options, values, shape);
      entry.statCount = result.statCount;
      entry.params = result.paramShapes;
    } catch (err) {
      if (err.name !== 'NormLabError') throw err;
      entry.runError = err.message;
    }
  }
  return { entry, result };
}
