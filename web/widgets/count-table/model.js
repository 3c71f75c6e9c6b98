// <count-table>'s rows without the DOM: the rows attribute and link ("nn.LayerNorm(4) | 2,3,4; …"),
// the shapes a row may have, and what the engine's statistics plan says for a row.
import { parseDims } from '../../model/parse.js';
import { numel } from '../../model/shape.js';
import { parseModule, specMessage } from '../../model/module-spec.js';
import { planSummary } from '../../model/run-module.js';

export const MAX_ROWS = 8;
// the plan lists a group id per element: keep a row's input within what that costs little
export const MAX_ELEMENTS = 1 << 20;

/**
 * Shapes of up to 5 dims of up to 2^20 elements (bigger dims than the editor allows); null unless
 * every dim is a positive whole number.
 * @param {string} text
 */
export function parseBigShape(text) {
  const shape = parseDims(text);
  return shape && shape.every((d) => d >= 1) ? shape : null;
}

/** "nn.LayerNorm(4) | 2,3,4; ..." -> [{module, shape}]; throws on a row that is not one. */
export function parseRows(text) {
  return String(text ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(0, MAX_ROWS)
    .map((part) => {
      const [module, shapeText] = part.split('|').map((s) => s.trim());
      parseModule(module);
      const shape = parseBigShape(shapeText ?? '');
      if (!shape) throw new Error(`"${shapeText}" is not a shape`);
      if (numel(shape) > MAX_ELEMENTS) throw new Error(`${shapeText}: too many elements`);
      return { module, shape };
    });
}

/** [{module, shape}] -> "nn.LayerNorm(4) | 2,3,4; ...". */
export const formatRows = (rows) =>
  rows.map((r) => `${r.module} | ${r.shape.join(',')}`).join('; ');
export const rowsCodec = { parse: parseRows, format: formatRows };

/** The name of the module's argument that turns γ and β off. */
export function affineArgument(module) {
  try {
    return parseModule(module).options.op === 'layer_norm' ? 'elementwise_affine' : 'affine';
  } catch {
    return 'affine';
  }
}

/**
 * One row's numbers, {statCount, each, params}, or its {error}: PyTorch's message from the engine,
 * or the parser's in `lang`.
 */
export function measureRow(engine, { module, shape }, lang) {
  let options;
  try {
    options = parseModule(module).options;
  } catch (err) {
    return { error: specMessage(err, lang) };
  }
  try {
    const p = planSummary(engine, options, shape);
    return { statCount: p.statCount, each: p.count[0], params: p.paramShapes };
  } catch (err) {
    if (err.name !== 'NormLabError') throw err;
    return { error: err.message };
  }
}
