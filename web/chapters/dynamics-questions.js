// The self-check questions of chapters 6 (train vs eval), 7 (NLP) and 8 (why normalize): each
// generate(engine, random) draws fresh numbers and shapes and reads its answer from the engine
// (buffers, statistics plans, per-group moments). Kept apart from the chapters' templates so the
// node suite can check them without a DOM. `given` lists what the question was drawn from.
import { formatNumber } from '../i18n.js';
import { numel } from '../model/shape.js';
import { groupMoments } from '../engine/group-stats.js';

const list = (values) => `[${values.join(', ')}]`;

/**
 * One BatchNorm1d(1) training step on a short column of whole numbers: what are running_mean,
 * running_var or num_batches_tracked afterwards? Every answer is read from the engine's buffers.
 */
export function trainEvalQuestion(engine, random) {
  const n = random.int(2, 4);
  const column = Array.from({ length: n }, () => random.int(-3, 6));
  if (column.every((v) => v === column[0])) column[0] += 2; // a batch with some spread
  const momentum = random.pick([0.1, 0.2, 0.5]);
  const kind = random.pick(['running_var', 'running_var', 'running_mean', 'count']);
  if (kind === 'count') {
    const trainSteps = random.int(2, 5);
    const evalCalls = random.int(1, 4);
    const bn = engine.norm({ op: 'batch_norm', dims: 1, num_features: 1, momentum });
    try {
      for (let i = 0; i < trainSteps; i++) bn.forward(column, [n, 1], { training: true });
      for (let i = 0; i < evalCalls; i++) bn.forward(column, [n, 1], { training: false });
      const answer = bn.buffers().num_batches_tracked;
      return {
        question: {
          zh: `一个新的 BatchNorm1d(1) 先在训练模式下处理了 ${trainSteps} 个批次，然后调用 model.eval() 又处理了 ${evalCalls} 个批次。num_batches_tracked 是多少？`,
          en: `A new BatchNorm1d(1) processes ${trainSteps} batches in training mode, then, after model.eval(), ${evalCalls} more. What is num_batches_tracked?`,
        },
        answer,
        unit: 'count',
        given: { kind, column, momentum, trainSteps, evalCalls },
        explain: {
          zh: `只有训练模式的前向传播才会更新 running 统计量和计数；评估模式只读取它们。所以是 ${answer}。`,
          en: `Only forward passes in training mode update the running statistics and the counter; eval mode only reads them. Hence ${answer}.`,
        },
      };
    } finally {
      bn.delete();
    }
  }
  const bn = engine.norm({ op: 'batch_norm', dims: 1, num_features: 1, momentum });
  try {
    const r = bn.forward(column, [n, 1], { training: true });
    const buffers = bn.buffers();
    const plan = bn.plan([n, 1]);
    const moments = groupMoments(engine, column, plan.group, { groups: plan.statCount });
    const unbiased = moments.unbiased[0];
    const biased = moments.variance[0];
    const answer = buffers[kind][0];
    const what = kind === 'running_var' ? 'running_var' : 'running_mean';
    const keep = formatNumber(1 - momentum);
    return {
      question: {
        zh: `BatchNorm1d(1, momentum=${momentum}) 刚创建时 running_mean = 0，running_var = 1。它在训练模式下处理一个批次 x = ${list(column)}（n = ${n} 个数，形状 (${n}, 1)）。之后 ${what} 是多少？（保留 3 位小数）`,
        en: `BatchNorm1d(1, momentum=${momentum}) starts with running_mean = 0 and running_var = 1. It sees one batch x = ${list(column)} in training mode (n = ${n} values, shape (${n}, 1)). What is ${what} afterwards? (3 decimals)`,
      },
      answer,
      unit: 'number',
      tolerance: 5e-4 + 1e-4 * Math.abs(answer),
      given: { kind, column, momentum },
      explain:
        kind === 'running_var'
          ? {
              zh: `running_var = ${keep} × 1 + ${momentum} × s²，其中 s² 是无偏方差（除以 n − 1）= ${formatNumber(unbiased)}。归一化这个批次时用的是有偏方差（除以 n）= ${formatNumber(biased)}，别把两者弄混。`,
              en: `running_var = ${keep} × 1 + ${momentum} × s², where s² is the UNBIASED variance (divide by n − 1) = ${formatNumber(unbiased)}. The batch itself was normalized with the biased one (divide by n) = ${formatNumber(biased)}: do not mix them up.`,
            }
          : {
              zh: `running_mean = ${keep} × 0 + ${momentum} × 批次均值 ${formatNumber(r.mean[0])} = ${formatNumber(answer)}。`,
              en: `running_mean = ${keep} × 0 + ${momentum} × the batch mean ${formatNumber(r.mean[0])} = ${formatNumber(answer)}.`,
            },
    };
  } finally {
    bn.delete();
  }
}

/**
 * A padded batch (B sentences, padded to T, hidden size H): how many statistics does LayerNorm(H)
 * compute, how many does BatchNorm1d(H) on the flattened tokens, and over how many values each.
 * Answers from the engine's statistics plan.
 */
export function nlpQuestion(engine, random) {
  const B = random.int(2, 6);
  const T = random.int(3, 12);
  const H = random.pick([4, 8, 16, 32, 64]);
  const kind = random.pick(['ln', 'bn', 'bn-size']);
  const plan = (options, shape) => {
    const mod = engine.norm(options);
    try {
      return mod.plan(shape);
    } finally {
      mod.delete();
    }
  };
  const setting = {
    zh: `一批 ${B} 个句子，都填充到长度 ${T}，隐藏维度 ${H}，即形状 (${B}, ${T}, ${H}) 的张量 x。`,
    en: `A batch of ${B} sentences, all padded to length ${T}, hidden size ${H}: a tensor x of shape (${B}, ${T}, ${H}).`,
  };
  if (kind === 'ln') {
    const answer = plan({ op: 'layer_norm', normalized_shape: [H] }, [B, T, H]).statCount;
    return {
      question: {
        zh: `${setting.zh}LayerNorm(${H})(x) 一共计算了多少组均值和方差？`,
        en: `${setting.en} How many mean/variance pairs does LayerNorm(${H})(x) compute?`,
      },
      answer,
      unit: 'count',
      given: { kind, B, T, H },
      explain: {
        zh: `每个位置（token）一组：${B} × ${T} = ${answer}，填充的位置也各算一组，但它们不会影响真实 token 的统计量。`,
        en: `One per position (token): ${B} × ${T} = ${answer}. The padded positions get theirs too, but those never touch a real token's statistics.`,
      },
    };
  }
  const p = plan({ op: 'batch_norm', dims: 1, num_features: H }, [B * T, H]);
  if (kind === 'bn') {
    return {
      question: {
        zh: `${setting.zh}BatchNorm1d(${H})(x.reshape(-1, ${H})) 在训练模式下一共计算了多少组均值和方差？`,
        en: `${setting.en} How many mean/variance pairs does BatchNorm1d(${H})(x.reshape(-1, ${H})) compute in training mode?`,
      },
      answer: p.statCount,
      unit: 'count',
      given: { kind, B, T, H },
      explain: {
        zh: `每个特征一组：${p.statCount}。每一组都跨越所有 ${B * T} 个位置，包括填充。`,
        en: `One per feature: ${p.statCount}. Each one spans all ${B * T} positions, the padding included.`,
      },
    };
  }
  const answer = p.group.filter((g) => g === 0).length;
  return {
    question: {
      zh: `${setting.zh}BatchNorm1d(${H})(x.reshape(-1, ${H})) 的每个均值是对多少个数求平均？`,
      en: `${setting.en} Each mean of BatchNorm1d(${H})(x.reshape(-1, ${H})) averages how many values?`,
    },
    answer,
    unit: 'count',
    given: { kind, B, T, H },
    explain: {
      zh: `一个特征在所有 ${B} × ${T} = ${answer} 个位置上的值，填充的位置也算在内：这就是 BN 的统计量被填充“污染”的原因。`,
      en: `One feature at all ${B} × ${T} = ${answer} positions, padded ones included: that is how padding leaks into BN's statistics.`,
    },
  };
}

/**
 * A stack of L layers with a norm after each: how many mean/variance pairs one forward pass
 * computes, or how many running_mean values BatchNorm stores. From the engine's plans and buffers.
 */
export function whyNormalizeQuestion(engine, random) {
  const L = random.int(3, 24);
  const N = random.pick([8, 16, 32, 64, 128]);
  const W = random.pick([64, 128, 256, 512]);
  const kind = random.pick(['bn', 'ln', 'buffers']);
  const setting = {
    zh: `一个 ${L} 层的网络，每层是 Linear(${W}, ${W})，之后接`,
    en: `A network of ${L} layers, each a Linear(${W}, ${W}) followed by`,
  };
  const options =
    kind === 'ln'
      ? { op: 'layer_norm', normalized_shape: [W] }
      : { op: 'batch_norm', dims: 1, num_features: W };
  const mod = engine.norm(options);
  try {
    const perLayer = mod.plan([N, W]).statCount;
    if (kind === 'buffers') {
      const meanShape = mod.bufferShapes().find(([name]) => name === 'running_mean')[1];
      const perModule = numel(meanShape);
      const answer = L * perModule;
      return {
        question: {
          zh: `${setting.zh} BatchNorm1d(${W})。训练时批大小为 ${N}。所有 BN 层的 running_mean 一共有多少个数？`,
          en: `${setting.en} BatchNorm1d(${W}). It trains with batches of ${N}. How many numbers do all the BN layers' running_mean buffers hold in total?`,
        },
        answer,
        unit: 'count',
        given: { kind, L, N, W },
        explain: {
          zh: `每个 BN 层的 running_mean 形状是 (${meanShape.join(', ')})，与批大小无关：${L} × ${perModule} = ${answer}。`,
          en: `Each BN layer's running_mean has shape (${meanShape.join(', ')}), whatever the batch size: ${L} × ${perModule} = ${answer}.`,
        },
      };
    }
    const answer = L * perLayer;
    const name = kind === 'ln' ? `LayerNorm(${W})` : `BatchNorm1d(${W})`;
    return {
      question: {
        zh: `${setting.zh} ${name}。输入批次形状为 (${N}, ${W})，训练模式。一次前向传播中所有归一化层一共计算了多少组均值和方差？`,
        en: `${setting.en} ${name}. The input batch has shape (${N}, ${W}), training mode. How many mean/variance pairs do all the norm layers compute in one forward pass?`,
      },
      answer,
      unit: 'count',
      given: { kind, L, N, W },
      explain:
        kind === 'ln'
          ? {
              zh: `LayerNorm 每个样本一组，每层 ${perLayer} 组，${L} 层共 ${answer} 组。`,
              en: `LayerNorm computes one per sample, ${perLayer} per layer; ${L} layers make ${answer}.`,
            }
          : {
              zh: `BatchNorm 每个特征一组，每层 ${perLayer} 组，${L} 层共 ${answer} 组。`,
              en: `BatchNorm computes one per feature, ${perLayer} per layer; ${L} layers make ${answer}.`,
            },
    };
  } finally {
    mod.delete();
  }
}
