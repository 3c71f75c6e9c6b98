// <param-table>'s form as data, without the DOM: the classes it offers, each kind's flags (at
// PyTorch's defaults) and size fields, the presets, the form read into engine options, and what the
// engine's module lists for them.
import { parseDims } from '../../model/parse.js';
import { numel } from '../../model/shape.js';
import { parseModule, moduleText, moduleClass } from '../../model/module-spec.js';

/** The classes in the order the menu offers them. */
export const CLASSES = [
  'BatchNorm1d',
  'BatchNorm2d',
  'BatchNorm3d',
  'LayerNorm',
  'InstanceNorm1d',
  'InstanceNorm2d',
  'InstanceNorm3d',
  'GroupNorm',
];
/** Each kind's boolean arguments, at the values a module built without them has. */
export const FLAGS = {
  batch_norm: { affine: true, track_running_stats: true },
  instance_norm: { affine: false, track_running_stats: false },
  layer_norm: { elementwise_affine: true, bias: true },
  group_norm: { affine: true },
};
/** Each kind's size arguments, one text field each. */
export const SIZE_FIELDS = {
  batch_norm: ['num_features'],
  instance_norm: ['num_features'],
  layer_norm: ['normalized_shape'],
  group_norm: ['num_groups', 'num_channels'],
};
/** [module, input] pairs, one click each. */
export const PRESETS = [
  ['nn.BatchNorm2d(100)', '20, 100, 35, 45'],
  ['nn.LayerNorm(10)', '20, 5, 10'],
  ['nn.LayerNorm(10, bias=False)', '20, 5, 10'],
  ['nn.LayerNorm(10, elementwise_affine=False)', '20, 5, 10'],
  ['nn.InstanceNorm2d(3)', '8, 3, 32, 32'],
  ['nn.GroupNorm(2, 6)', '4, 6, 8, 8'],
];
const MAX = 1_000_000;

export const opOf = (cls) => moduleClass(cls).op;

/** The URL's codecs: the module as its Python text, the input as typed ('' for none). */
export const moduleCodec = {
  parse(text) {
    parseModule(text);
    return text;
  },
  format: (v) => v,
};
export const inputCodec = {
  parse(text) {
    if (text !== '' && !parseDims(text)) throw new Error(`"${text}" is not a shape`);
    return text;
  },
  format: (v) => v,
};

/** Why a size field cannot be used: 'whole', 'tooBig', or '' when it can. */
function sizeProblem(key, text) {
  const ints = parseDims(text);
  if (!ints || (key !== 'normalized_shape' && ints.length !== 1)) return 'whole';
  if (ints.some((d) => Math.abs(d) > MAX) || (ints.every((d) => d > 0) && numel(ints) > MAX))
    return 'tooBig';
  return '';
}

/** The form's problems: {field: 'whole' | 'tooBig' | 'shapeBad'} for each field that has one. */
export function formProblems({ cls, sizes, input }) {
  const problems = {};
  for (const key of SIZE_FIELDS[opOf(cls)]) {
    const problem = sizeProblem(key, sizes[key]);
    if (problem) problems[key] = problem;
  }
  if (input.trim() && !parseDims(input)) problems.input = 'shapeBad';
  return problems;
}

/** Engine options from the form, or null while a size field is unreadable. */
export function formOptions({ cls, sizes, flags }) {
  const op = opOf(cls);
  const options = moduleClass(cls);
  for (const key of SIZE_FIELDS[op]) {
    if (sizeProblem(key, sizes[key])) return null;
    const ints = parseDims(sizes[key]);
    options[key] = key === 'normalized_shape' ? ints : ints[0];
  }
  Object.assign(options, flags);
  return options;
}

/** Python text -> the form's {cls, sizes, flags}, the sizes not named there kept from `sizes`. */
export function formOf(text, sizes) {
  const { name, options } = parseModule(text);
  const next = { ...sizes };
  for (const key of SIZE_FIELDS[options.op]) {
    const v = options[key];
    next[key] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  const flags = { ...FLAGS[options.op] };
  for (const key of Object.keys(flags))
    if (typeof options[key] === 'boolean') flags[key] = options[key];
  return { cls: name, sizes: next, flags };
}

/**
 * What the engine's module says for `options`: {options, text, params, buffers} and, for an input
 * `shape`, accepted or PyTorch's inputError; {options, text, error} when the module is refused.
 */
export function listModule(engine, options, shape) {
  let mod;
  const next = { options, text: moduleText(options) };
  try {
    mod = engine.norm(options);
    next.params = mod.parameterShapes();
    next.buffers = mod.bufferShapes();
    if (shape) {
      next.shape = shape;
      try {
        mod.checkInput(shape);
        next.accepted = true;
      } catch (err) {
        if (err.name !== 'NormLabError') throw err;
        next.inputError = err.message;
      }
    }
  } catch (err) {
    if (err.name !== 'NormLabError') throw err;
    next.error = err.message;
  } finally {
    mod?.delete();
  }
  return next;
}
