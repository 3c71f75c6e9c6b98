// The self-check questions of chapters 2 and 9, kept apart from the chapters' templates so the node
// tests can run them against the engine. Every answer comes from the engine's statistics plan.
import { moduleOptions, members, KINDS, shapeText } from '../../model/norms.js';
import { moduleLiteral } from '../../model/pytorch.js';

const divisors = (c) => Array.from({ length: c }, (_, i) => i + 1).filter((g) => c % g === 0);

const RULE = {
  batch: {
    zh: 'BatchNorm 每个通道一组：同一通道里、整个批次所有样本的所有空间位置放在一起，共 N·H·W 个元素。',
    en: 'BatchNorm has one group per channel: that channel in every sample of the batch at every position, N·H·W elements.',
  },
  layer: {
    zh: 'LayerNorm([C, H, W]) 每个样本一组：这个样本的所有通道、所有位置，共 C·H·W 个元素。',
    en: 'LayerNorm([C, H, W]) has one group per sample: all of its channels at all positions, C·H·W elements.',
  },
  instance: {
    zh: 'InstanceNorm 每个（样本, 通道）一组：只看这一张图的这一个通道，共 H·W 个元素。',
    en: 'InstanceNorm has one group per (sample, channel): one channel of one image, H·W elements.',
  },
  group: {
    zh: 'GroupNorm 把 C 个通道分成 G 组，每个（样本, 组）一组统计量，共 (C/G)·H·W 个元素。',
    en: 'GroupNorm splits the C channels into G groups and has one group per (sample, group): (C/G)·H·W elements.',
  },
};

/** A fresh question about which elements share a mean; every answer comes from the engine's plan. */
export function sharedMeanQuestion(engine, random) {
  const kind = random.pick(KINDS);
  const C = random.pick([2, 3, 4, 6, 8]);
  const shape = [random.int(2, 4), C, random.int(2, 4), random.int(2, 4)];
  const G = kind === 'group' ? random.pick(divisors(C)) : 1;
  const options = moduleOptions(kind, shape, G);
  const name = moduleLiteral(options);
  const mod = engine.norm(options);
  try {
    const plan = mod.plan(shape);
    const s = shapeText(shape);
    if (random.next() < 0.5) {
      return {
        question: {
          zh: `x 的形状是 ${s}。${name} 一共计算多少组均值和方差？`,
          en: `x has shape ${s}. How many mean/variance pairs does ${name} compute?`,
        },
        answer: plan.statCount,
        unit: 'count',
        explain: {
          zh: `${RULE[kind].zh} 内核的统计计划里一共有 ${plan.statCount} 组。`,
          en: `${RULE[kind].en} The kernels' statistics plan has ${plan.statCount} groups.`,
        },
      };
    }
    const idx = shape.map((d) => random.int(0, d - 1));
    const flat = idx.reduce((acc, v, d) => acc * shape[d] + v, 0);
    const size = members(plan.group, plan.group[flat]).length;
    const at = `x[${idx.join(', ')}]`;
    return {
      question: {
        zh: `x 的形状是 ${s}，经过 ${name}。和 ${at} 共享同一个均值的元素有多少个（包括它自己）？`,
        en: `x of shape ${s} goes through ${name}. How many elements share ${at}'s mean (itself included)?`,
      },
      answer: size,
      unit: 'count',
      explain: {
        zh: `${RULE[kind].zh} 内核的统计计划里，${at} 所在的组有 ${size} 个元素。`,
        en: `${RULE[kind].en} In the kernels' statistics plan, ${at}'s group has ${size} elements.`,
      },
    };
  } finally {
    mod.delete();
  }
}

/** A fresh question about IN, GN and BN's groups; every answer comes from the engine's plan. */
export function inGnQuestion(engine, random) {
  const C = random.pick([4, 6, 8, 12, 16]);
  const shape = [random.int(1, 4), C, random.int(2, 5), random.int(2, 5)];
  const s = shapeText(shape);
  const kind = random.pick(['gn-count', 'gn-size', 'in-count', 'bn-size']);
  const G = random.pick(divisors(C).filter((g) => g > 1 && g < C));
  const options =
    kind === 'in-count'
      ? moduleOptions('instance', shape, 1)
      : kind === 'bn-size'
        ? moduleOptions('batch', shape, 1)
        : moduleOptions('group', shape, G);
  const name = moduleLiteral(options);
  const mod = engine.norm(options);
  try {
    const plan = mod.plan(shape);
    const groupSize = members(plan.group, 0).length;
    switch (kind) {
      case 'gn-count':
        return {
          question: {
            zh: `x 的形状是 ${s}。${name} 一共计算多少组均值和方差？`,
            en: `x has shape ${s}. How many mean/variance pairs does ${name} compute?`,
          },
          answer: plan.statCount,
          unit: 'count',
          explain: {
            zh: `GroupNorm 对每个样本的每一组通道各算一次：N·G = ${plan.statCount}，与批次里有没有别的样本无关。`,
            en: `GroupNorm computes one per sample and per group of channels: N·G = ${plan.statCount}, whatever else is in the batch.`,
          },
        };
      case 'gn-size':
        return {
          question: {
            zh: `x 的形状是 ${s}，经过 ${name}。每个均值是多少个元素的平均？`,
            en: `x of shape ${s} goes through ${name}. How many elements does each mean average over?`,
          },
          answer: groupSize,
          unit: 'count',
          explain: {
            zh: `每组有 C/G 个通道，每个通道 H·W 个位置：(C/G)·H·W = ${groupSize}。这就是“数据不够，从通道借”：批再小，每个均值也有这么多个数。`,
            en: `Each group has C/G channels of H·W positions: (C/G)·H·W = ${groupSize}. That is “not enough data, borrow from channels”: however small the batch, every mean averages this many numbers.`,
          },
        };
      case 'in-count':
        return {
          question: {
            zh: `x 的形状是 ${s}。${name} 一共计算多少组均值和方差？`,
            en: `x has shape ${s}. How many mean/variance pairs does ${name} compute?`,
          },
          answer: plan.statCount,
          unit: 'count',
          explain: {
            zh: `InstanceNorm 对每张图的每个通道各算一次：N·C = ${plan.statCount}。它就是每组只有一个通道的 GroupNorm。`,
            en: `InstanceNorm computes one per image and per channel: N·C = ${plan.statCount}. It is GroupNorm with one channel per group.`,
          },
        };
      default:
        return {
          question: {
            zh: `x 的形状是 ${s}（批大小 ${shape[0]}）。训练时 ${name} 的每个均值是多少个元素的平均？`,
            en: `x has shape ${s} (batch size ${shape[0]}). In training, how many elements does each mean of ${name} average over?`,
          },
          answer: groupSize,
          unit: 'count',
          explain: {
            zh: `BatchNorm 的每个通道在整个批次上求均值：N·H·W = ${groupSize}。批越小，这个数越小，均值的波动就越大。`,
            en: `BatchNorm averages each channel over the whole batch: N·H·W = ${groupSize}. The smaller the batch, the fewer numbers, and the noisier the mean.`,
          },
        };
    }
  } finally {
    mod.delete();
  }
}
