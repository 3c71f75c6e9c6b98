// A torch.nn normalization module written the way a learner writes it in Python,
// "nn.LayerNorm([6, 3])", "nn.BatchNorm2d(3, momentum=None)", "GroupNorm(2, 6, affine=False)",
// read into the engine's options ({op, dims, num_features, ...}). Only the call is read here:
// whether the module can be built (num_groups dividing num_channels, negative sizes, ...) is the
// engine's to say, with PyTorch's message. Argument errors use Python's own wording.
import { moduleLiteral } from './pytorch.js';

// The constructors' signatures in PyTorch 1.13 (LayerNorm's bias from newer PyTorch, 2.1 on).
const BATCH = [
  'num_features',
  'eps',
  'momentum',
  'affine',
  'track_running_stats',
  'device',
  'dtype',
];
const CLASSES = {
  BatchNorm1d: { op: 'batch_norm', dims: 1, owner: '_BatchNorm', params: BATCH },
  BatchNorm2d: { op: 'batch_norm', dims: 2, owner: '_BatchNorm', params: BATCH },
  BatchNorm3d: { op: 'batch_norm', dims: 3, owner: '_BatchNorm', params: BATCH },
  InstanceNorm1d: { op: 'instance_norm', dims: 1, owner: '_InstanceNorm', params: BATCH },
  InstanceNorm2d: { op: 'instance_norm', dims: 2, owner: '_InstanceNorm', params: BATCH },
  InstanceNorm3d: { op: 'instance_norm', dims: 3, owner: '_InstanceNorm', params: BATCH },
  LayerNorm: {
    op: 'layer_norm',
    owner: 'LayerNorm',
    params: ['normalized_shape', 'eps', 'elementwise_affine', 'bias', 'device', 'dtype'],
  },
  GroupNorm: {
    op: 'group_norm',
    owner: 'GroupNorm',
    params: ['num_groups', 'num_channels', 'eps', 'affine', 'device', 'dtype'],
  },
};
export const MODULE_CLASSES = Object.keys(CLASSES);

/** 'BatchNorm2d' -> {op: 'batch_norm', dims: 2}; 'LayerNorm' -> {op: 'layer_norm'}. */
export function moduleClass(name) {
  const spec = CLASSES[name];
  return spec && { op: spec.op, ...(spec.dims ? { dims: spec.dims } : {}) };
}

const REQUIRED = {
  batch_norm: ['num_features'],
  instance_norm: ['num_features'],
  layer_norm: ['normalized_shape'],
  group_norm: ['num_groups', 'num_channels'],
};
// Parameters beyond this many elements are not a lesson any more, only a long wait for memory.
const MAX_SIZE = 1_000_000;
const tooBig = (key, n) =>
  say(
    `${key} 太大了（${n} 个元素），这个页面最多处理 ${MAX_SIZE} 个`,
    `${key} is too big (${n} elements); this page handles at most ${MAX_SIZE}`,
  );
const FLAGS = ['affine', 'track_running_stats', 'elementwise_affine', 'bias'];
const INTEGERS = ['num_features', 'num_groups', 'num_channels'];

/** A message in both languages; `python` marks Python's own words (the same in both). */
export class ModuleSpecError extends Error {
  constructor(text) {
    super(typeof text === 'string' ? text : text.en);
    this.name = 'ModuleSpecError';
    this.text = text;
  }
}

const say = (zh, en) => {
  throw new ModuleSpecError({ zh, en });
};
const python = (message) => {
  throw new ModuleSpecError(message);
};

// ---- a tiny reader for Python literals: numbers, True/False/None, lists and tuples ----------
function tokenize(src) {
  const re = /\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][\w.]*)|(.))/gy;
  const out = [];
  let m;
  while (re.lastIndex < src.length && (m = re.exec(src))) {
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'name', text: m[2] });
    else if (m[3] !== undefined && m[3].trim()) out.push({ kind: 'sym', text: m[3] });
  }
  return out;
}

function readValue(toks, pos) {
  const tok = toks[pos.i];
  if (!tok) say('括号里的参数没有写完', 'The arguments end too early');
  if (tok.kind === 'sym' && (tok.text === '[' || tok.text === '(')) {
    const close = tok.text === '[' ? ']' : ')';
    pos.i++;
    const items = [];
    while (toks[pos.i] && toks[pos.i].text !== close) {
      items.push(readValue(toks, pos));
      if (toks[pos.i]?.text === ',') pos.i++;
      else if (toks[pos.i]?.text !== close)
        say(`列表中缺少逗号或 ${close}`, `Expected , or ${close} in a list`);
    }
    if (!toks[pos.i]) say(`缺少 ${close}`, `Missing ${close}`);
    pos.i++;
    return items;
  }
  if (tok.kind === 'sym' && (tok.text === '-' || tok.text === '\u2212')) {
    pos.i++;
    const v = readValue(toks, pos);
    if (typeof v !== 'number')
      say('负号后面应是一个数', 'A minus sign must be followed by a number');
    return -v;
  }
  pos.i++;
  if (tok.kind === 'num') return Number(tok.text);
  if (tok.text === 'True') return true;
  if (tok.text === 'False') return false;
  if (tok.text === 'None') return null;
  say(
    `看不懂“${tok.text}”：这里只接受数、True、False、None 和列表`,
    `Cannot read “${tok.text}”: only numbers, True, False, None and lists are accepted here`,
  );
}

/**
 * "nn.BatchNorm2d(3, momentum=None)" -> {options: {op: 'batch_norm', dims: 2, num_features: 3,
 * momentum: null}, name: 'BatchNorm2d'}. Throws ModuleSpecError with a message in both languages
 * (Python's own words for argument errors).
 */
export function parseModule(text) {
  const src = String(text ?? '').trim();
  if (src.length > 200) say('太长了（最多 200 个字符）', 'Too long (at most 200 characters)');
  const head = /^(?:torch\.)?(?:nn\.)?([A-Za-z_]\w*)\s*\(([\s\S]*)\)$/.exec(src);
  if (!head) {
    say(
      '请写成一个模块调用，例如 nn.LayerNorm(4) 或 nn.BatchNorm2d(3)',
      'Write a module call, e.g. nn.LayerNorm(4) or nn.BatchNorm2d(3)',
    );
  }
  const name = head[1];
  const spec = CLASSES[name];
  if (!spec) {
    say(
      `没有 nn.${name}；可选：${MODULE_CLASSES.join('、')}`,
      `nn.${name} is not one of ${MODULE_CLASSES.join(', ')}`,
    );
  }
  const toks = tokenize(head[2]);
  const pos = { i: 0 };
  const positional = [];
  const keywords = {};
  while (pos.i < toks.length) {
    const tok = toks[pos.i];
    if (tok.kind === 'name' && toks[pos.i + 1]?.text === '=') {
      pos.i += 2;
      if (tok.text in keywords) python(`SyntaxError: keyword argument repeated: ${tok.text}`);
      keywords[tok.text] = readValue(toks, pos);
    } else {
      if (Object.keys(keywords).length)
        python('SyntaxError: positional argument follows keyword argument');
      positional.push(readValue(toks, pos));
    }
    if (pos.i < toks.length) {
      if (toks[pos.i].text !== ',')
        say('参数之间要用逗号隔开', 'Separate the arguments with commas');
      pos.i++;
    }
  }
  const owner = `${spec.owner}.__init__()`;
  if (positional.length > spec.params.length) {
    const least = REQUIRED[spec.op].length + 1;
    python(
      `${owner} takes from ${least} to ${spec.params.length + 1} positional arguments but ${positional.length + 1} were given`,
    );
  }
  const args = {};
  positional.forEach((v, i) => (args[spec.params[i]] = v));
  for (const [key, v] of Object.entries(keywords)) {
    if (!spec.params.includes(key)) python(`${owner} got an unexpected keyword argument '${key}'`);
    if (key in args) python(`${owner} got multiple values for argument '${key}'`);
    args[key] = v;
  }
  const missing = REQUIRED[spec.op].filter((k) => !(k in args));
  if (missing.length) {
    const names = missing.map((k) => `'${k}'`);
    python(
      `${owner} missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${names.join(' and ')}`,
    );
  }
  return { name, options: toOptions(spec, args) };
}

function toOptions(spec, args) {
  const options = { op: spec.op };
  if (spec.dims) options.dims = spec.dims;
  for (const [key, v] of Object.entries(args)) {
    if (key === 'device' || key === 'dtype') {
      if (v !== null) say(`这里只支持 ${key}=None`, `Only ${key}=None is supported here`);
      continue;
    }
    if (INTEGERS.includes(key)) {
      if (!Number.isInteger(v) || typeof v === 'boolean')
        say(`${key} 必须是整数`, `${key} must be a whole number`);
      if (v > MAX_SIZE) tooBig(key, v);
    } else if (FLAGS.includes(key)) {
      if (typeof v !== 'boolean')
        say(`${key} 必须是 True 或 False`, `${key} must be True or False`);
    } else if (key === 'eps') {
      if (typeof v !== 'number') say('eps 必须是一个数', 'eps must be a number');
    } else if (key === 'momentum') {
      if (v !== null && typeof v !== 'number')
        say('momentum 必须是一个数或 None', 'momentum must be a number or None');
    } else if (key === 'normalized_shape') {
      const shape = typeof v === 'number' ? [v] : v;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d)))
        say(
          'normalized_shape 必须是整数或整数列表，例如 4 或 [6, 3]',
          'normalized_shape must be a whole number or a list of them, e.g. 4 or [6, 3]',
        );
      const size = shape.reduce((a, b) => a * Math.abs(b), 1);
      if (size > MAX_SIZE) tooBig('normalized_shape', size);
      options.normalized_shape = shape;
      continue;
    }
    options[key] = v;
  }
  return options;
}

/** The Python text of engine options: the inverse of parseModule, as PyTorch code prints it. */
export const moduleText = (options) => moduleLiteral(options);

/** What a parse error says in the reader's language. */
export function specMessage(err, lang) {
  if (err instanceof ModuleSpecError)
    return typeof err.text === 'string' ? err.text : (err.text[lang] ?? err.text.en);
  return err.message;
}
