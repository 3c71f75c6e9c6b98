// "Show as PyTorch": the Python that reproduces what a widget shows, with the learner's numbers.
import { shortFloat32 } from './parse.js';
import { numel } from './shape.js';

const pyNumber = (v) => {
  if (Number.isNaN(v)) return "float('nan')";
  if (!Number.isFinite(v)) return v > 0 ? "float('inf')" : "-float('inf')";
  const s = shortFloat32(v);
  return /[.e]/.test(s) ? s : `${s}.`;
};
const pyValue = (v) =>
  v === null || v === undefined
    ? 'None'
    : typeof v === 'boolean'
      ? v
        ? 'True'
        : 'False'
      : Array.isArray(v)
        ? v.length === 1
          ? `(${pyValue(v[0])},)`
          : `(${v.map(pyValue).join(', ')})`
        : typeof v === 'string'
          ? `'${v.replace(/[\\']/g, '\\$&')}'`
          : String(v);

/** torch.tensor([...]) of row-major `values` with `shape`, nested as Python lists. */
export function tensorLiteral(values, shape, indent = 0) {
  const flat = Array.from(values, pyNumber);
  const nest = (dim, offset) => {
    if (dim === shape.length - 1) return `[${flat.slice(offset, offset + shape[dim]).join(', ')}]`;
    const stride = numel(shape.slice(dim + 1));
    const pad = ' '.repeat(indent + 14 + dim);
    return `[${Array.from({ length: shape[dim] }, (_, i) =>
      nest(dim + 1, offset + i * stride),
    ).join(`,\n${pad}`)}]`;
  };
  return shape.length ? `torch.tensor(${nest(0, 0)})` : `torch.tensor(${flat[0]})`;
}

const CLASS = {
  layer_norm: () => 'nn.LayerNorm',
  group_norm: () => 'nn.GroupNorm',
  batch_norm: (o) => `nn.BatchNorm${o.dims ?? 2}d`,
  instance_norm: (o) => `nn.InstanceNorm${o.dims ?? 2}d`,
};
const DEFAULTS = {
  eps: 1e-5,
  momentum: 0.1,
  affine: true,
  track_running_stats: true,
  elementwise_affine: true,
  bias: true,
};

/** The constructor call of a torch.nn normalization module, from engine options. */
export function moduleLiteral(options) {
  const o = options;
  const args = [];
  if (o.op === 'layer_norm') {
    const ns = o.normalized_shape ?? [];
    args.push(ns.length === 1 ? String(ns[0]) : pyValue(ns));
  } else if (o.op === 'group_norm') {
    args.push(String(o.num_groups), String(o.num_channels ?? o.num_features));
  } else {
    args.push(String(o.num_features));
  }
  const defaults = { ...DEFAULTS };
  if (o.op === 'instance_norm')
    Object.assign(defaults, { affine: false, track_running_stats: false });
  for (const key of [
    'eps',
    'momentum',
    'affine',
    'track_running_stats',
    'elementwise_affine',
    'bias',
  ]) {
    if (!(key in o) || o[key] === undefined) continue;
    if (o[key] === defaults[key]) continue;
    args.push(`${key}=${pyValue(o[key])}`);
  }
  return `${CLASS[o.op](o)}(${args.join(', ')})`;
}

export { pyValue, pyNumber };
