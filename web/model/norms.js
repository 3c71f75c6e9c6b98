// The four norms as the cube pictures them: an (N, C, spatial...) input and the torch.nn module
// each kind means for it. Layout helpers only; which elements share a mean always comes from the
// engine's plan().
import { EMPTY_DIM } from './parse.js';
import { numel, fullIndex, formatShape } from './shape.js';
import { seededValues } from './rng.js';

export { numel, fullIndex, seededValues };

export const KINDS = ['batch', 'layer', 'instance', 'group'];

export const KIND_NAMES = {
  batch: { zh: 'BatchNorm', en: 'BatchNorm' },
  layer: { zh: 'LayerNorm', en: 'LayerNorm' },
  instance: { zh: 'InstanceNorm', en: 'InstanceNorm' },
  group: { zh: 'GroupNorm', en: 'GroupNorm' },
};

/** The smallest and largest input the cube draws: (N, C, L) to (N, C, D, H, W). */
export const CUBE_LIMITS = { minDims: 3, maxDims: 5, maxElements: 1024 };

/**
 * The torch.nn module of `kind` for an input of `shape`: BatchNorm{1,2,3}d(C),
 * LayerNorm([C, H, W]) (each sample over all its features), InstanceNorm{1,2,3}d(C),
 * GroupNorm(groups, C).
 */
export function moduleOptions(kind, shape, groups) {
  const dims = shape.length - 2;
  const C = shape[1];
  switch (kind) {
    case 'batch':
      return { op: 'batch_norm', dims, num_features: C };
    case 'layer':
      return { op: 'layer_norm', normalized_shape: shape.slice(1) };
    case 'instance':
      return { op: 'instance_norm', dims, num_features: C };
    case 'group':
      return { op: 'group_norm', num_groups: groups, num_channels: C };
    default:
      throw new Error(`unknown kind: ${kind}`);
  }
}

/** The (n, c, s) of flat index i in an (N, C, S) view of the input. */
export function cubeIndex(i, shape) {
  const S = numel(shape.slice(2));
  const C = shape[1];
  return { n: Math.floor(i / (C * S)), c: Math.floor(i / S) % C, s: i % S };
}

/** The flat indices of every element whose plan group is g, in the order the kernels visit them. */
export function members(group, g) {
  const out = [];
  for (let i = 0; i < group.length; i++) if (group[i] === g) out.push(i);
  return out;
}

/** "0–3", "2", or "0, 2, 5" for a sorted list of distinct integers. */
export function rangeText(list) {
  if (!list.length) return '';
  const contiguous = list.every((v, i) => i === 0 || v === list[i - 1] + 1);
  if (list.length === 1) return String(list[0]);
  if (contiguous) return `${list[0]}–${list[list.length - 1]}`;
  return list.join(', ');
}

/** Which samples, channels and positions a group spans: {samples: [...], channels: [...], positions}. */
export function groupExtent(shape, indices) {
  const samples = new Set();
  const channels = new Set();
  const positions = new Set();
  for (const i of indices) {
    const { n, c, s } = cubeIndex(i, shape);
    samples.add(n);
    channels.add(c);
    positions.add(s);
  }
  const sorted = (set) => [...set].sort((a, b) => a - b);
  return { samples: sorted(samples), channels: sorted(channels), positions: positions.size };
}

/** Reads "2,6,4,4" / "(2, 6, 4, 4)" / "2x6x4x4" as a cube shape; returns {shape} or {error: {zh, en}}. */
export function parseCubeShape(text) {
  const stripped = String(text ?? '').replace(/[()[\]]/g, ' ');
  const parts = stripped.split(/[\s,x×*]+/).filter(Boolean);
  const { minDims, maxDims, maxElements } = CUBE_LIMITS;
  if (EMPTY_DIM.test(stripped) || !parts.every((p) => /^-?\d+$/.test(p))) {
    return {
      error: {
        zh: '形状要写成用逗号分隔的整数，例如 2, 6, 4, 4',
        en: 'Write the shape as whole numbers separated by commas, e.g. 2, 6, 4, 4',
      },
    };
  }
  const shape = parts.map(Number);
  if (shape.length < minDims || shape.length > maxDims) {
    return {
      error: {
        zh: `立方体需要 (N, C, H, W) 这样的 ${minDims} 到 ${maxDims} 维形状`,
        en: `The cube needs ${minDims} to ${maxDims} dims, such as (N, C, H, W)`,
      },
    };
  }
  // a negative dim is left to the engine, which answers with PyTorch's message
  if (shape.some((d) => d === 0)) {
    return {
      error: {
        zh: '每一维都必须至少为 1：有一维为 0 的张量没有元素可画',
        en: 'Every dim must be at least 1: a tensor with a 0 dim has no elements to draw',
      },
    };
  }
  if (shape.some((d) => d < 0)) return { shape };
  if (numel(shape) > maxElements) {
    return {
      error: {
        zh: `${numel(shape)} 个元素太多了，立方体最多画 ${maxElements} 个`,
        en: `${numel(shape)} elements is too many: the cube draws at most ${maxElements}`,
      },
    };
  }
  return { shape };
}

/** Keeps as many of the old values as fit the new size, in order; seeded values fill the rest. */
export function resize(values, n) {
  const out = seededValues(n);
  out.set(values.subarray ? values.subarray(0, n) : values.slice(0, n));
  return out;
}

/** "(6,)" or "(6, 4, 4)" as Python prints a tuple (model/shape.js's formatShape). */
export const shapeText = (shape) => formatShape(Array.from(shape));
