// The self-check questions of chapters 1, 3, 4 and 5: fresh random shapes each time, every answer
// computed by the engine (a module's output, its statistics plan, its parameter shapes). No DOM
// here, so the node suite can check the answers against the formulas they teach.
import { runModule, planSummary } from '../model/run-module.js';
import { moduleText } from '../model/module-spec.js';
import { formatNumber } from '../i18n.js';
import { numel, formatShape } from '../model/shape.js';

/** (4,) and (2, 3): shapes as the questions and the self-check print them. */
export { formatShape };

// ---- chapter: formula --------------------------------------------------------

const list = (values) => `[${values.map((v) => formatNumber(v)).join(', ')}]`;

/** Self-check: the variance LayerNorm divides by, or the output of a constant row. */
export function formulaQuestion(engine, random) {
  if (random.next() < 0.5) {
    const n = random.int(3, 6);
    let row;
    do row = Array.from({ length: n }, () => random.int(0, 9));
    while (row.every((v) => v === row[0]));
    const r = runModule(engine, { op: 'layer_norm', normalized_shape: [n] }, row, [1, n]);
    const biased = formatNumber(r.variance[0]);
    const unbiased = formatNumber(r.unbiased[0]);
    const mean = formatNumber(r.mean[0]);
    return {
      question: {
        zh: `nn.LayerNorm(${n}) 收到一行 x = ${list(row)}。它在加上 ε 之前用的方差是多少？（保留三位小数即可）`,
        en: `nn.LayerNorm(${n}) gets the row x = ${list(row)}. Which variance does it use, before adding ε? (three decimals are enough)`,
      },
      answer: r.variance[0],
      unit: 'number',
      tolerance: 5e-3,
      explain: {
        zh: `均值是 ${mean}；LayerNorm 用有偏方差，Σ(x − 均值)² 除以 n = ${n}，得 ${biased}。torch.var(x) 默认是无偏的，除以 n − 1 = ${n - 1}，会得到 ${unbiased}，那不是归一化用的数。`,
        en: `The mean is ${mean}; LayerNorm uses the biased variance, Σ(x − mean)² divided by n = ${n}: ${biased}. torch.var(x) is unbiased by default and divides by n − 1 = ${n - 1}, giving ${unbiased}, which is not what the layer uses.`,
      },
    };
  }
  const c = random.int(-5, 5);
  const gamma = random.int(2, 9) / 2;
  const beta = random.int(-20, 20) / 10;
  const r = runModule(engine, { op: 'layer_norm', normalized_shape: [4] }, [c, c, c, c], [1, 4], {
    weight: [gamma, gamma, gamma, gamma],
    bias: [beta, beta, beta, beta],
  });
  return {
    question: {
      zh: `nn.LayerNorm(4)，γ 全为 ${formatNumber(gamma)}，β 全为 ${formatNumber(beta)}，ε 取默认的 1e-5。输入是常数行 [${c}, ${c}, ${c}, ${c}]。y[0] 是多少？`,
      en: `nn.LayerNorm(4) with every γ = ${formatNumber(gamma)}, every β = ${formatNumber(beta)} and the default ε = 1e-5 gets the constant row [${c}, ${c}, ${c}, ${c}]. What is y[0]?`,
    },
    answer: r.output[0],
    unit: 'number',
    tolerance: 1e-3,
    explain: {
      zh: `常数行的方差是 ${formatNumber(r.variance[0])}，x − E[x] 恰好是 0，所以归一化结果是 0 / √ε = 0，输出恰好等于 β = ${formatNumber(r.output[0])}，与 γ 无关。没有 ε 就成了 0/0。`,
      en: `A constant row has variance ${formatNumber(r.variance[0])} and x − E[x] is exactly 0, so the normalized value is 0 / √ε = 0 and the output is exactly β = ${formatNumber(r.output[0])}, whatever γ is. Without ε it would be 0/0.`,
    },
  };
}

// ---- chapter: counting -------------------------------------------------------

/** Self-check: a count or a parameter shape, for fresh random shapes, answered by the plan. */
export function countingQuestion(engine, random) {
  const kind = random.pick(['ln', 'bn', 'lnchw']);
  const ask = random.pick(['count', 'count', 'shape']);
  let options, shape, name;
  if (kind === 'ln') {
    shape = [random.int(2, 8), random.int(2, 12), random.int(2, 16)];
    options = { op: 'layer_norm', normalized_shape: [shape[2]] };
    name = `nn.LayerNorm(${shape[2]})`;
  } else if (kind === 'bn') {
    shape = [random.int(2, 8), random.int(2, 8), random.int(2, 6), random.int(2, 6)];
    options = { op: 'batch_norm', dims: 2, num_features: shape[1] };
    name = `nn.BatchNorm2d(${shape[1]})`;
  } else {
    shape = [random.int(2, 8), random.int(2, 6), random.int(2, 5), random.int(2, 5)];
    options = { op: 'layer_norm', normalized_shape: shape.slice(1) };
    name = `nn.LayerNorm([${shape.slice(1).join(', ')}])`;
  }
  const p = planSummary(engine, options, shape);
  const weight = p.paramShapes[0][1];
  const dims =
    kind === 'ln'
      ? { zh: '(batch, 序列, hidden)', en: '(batch, sequence, hidden)' }
      : { zh: '(N, C, H, W)', en: '(N, C, H, W)' };
  const input = `${formatShape(shape)} = ${dims.en}`;
  const inputZh = `${formatShape(shape)} = ${dims.zh}`;
  const why = {
    ln: {
      zh: `每个 token 对自己的 ${shape[2]} 个特征求一次，共 ${p.statCount} 次；γ、β 每个特征一个，形状 ${formatShape(weight)}。`,
      en: `One per token, over its own ${shape[2]} features: ${p.statCount} in all; γ and β have one entry per feature, shape ${formatShape(weight)}.`,
    },
    bn: {
      zh: `每个通道一次，共 ${p.statCount} 次，每次覆盖整个 batch 的 ${p.count[0]} 个元素（N·H·W）。N·C 是 InstanceNorm 的次数，不是 BatchNorm 的。γ、β 每个通道一个，形状 ${formatShape(weight)}。`,
      en: `One per channel: ${p.statCount}, each over ${p.count[0]} elements of the whole batch (N·H·W). N·C would be InstanceNorm's count, not BatchNorm's. γ and β have one entry per channel, shape ${formatShape(weight)}.`,
    },
    lnchw: {
      zh: `每个样本一次，共 ${p.statCount} 次，每次覆盖它的 ${p.count[0]} 个元素（C·H·W）。LayerNorm 的 γ、β 是逐元素的，形状与 normalized_shape 相同：${formatShape(weight)}。`,
      en: `One per sample: ${p.statCount}, each over its ${p.count[0]} elements (C·H·W). LayerNorm's γ and β are per element, shaped like normalized_shape: ${formatShape(weight)}.`,
    },
  }[kind];
  if (ask === 'count') {
    return {
      question: {
        zh: `形状为 ${inputZh} 的张量经过 ${name}，要计算多少次均值和方差？`,
        en: `A tensor of shape ${input} goes through ${name}. How many mean/variance pairs are computed?`,
      },
      answer: p.statCount,
      unit: 'count',
      explain: why,
    };
  }
  return {
    question: {
      zh: `形状为 ${inputZh} 的张量经过 ${name}。γ（weight）的形状是什么？（例如 (3,) 或 3, 4）`,
      en: `A tensor of shape ${input} goes through ${name}. What shape is γ (weight)? (e.g. (3,) or 3, 4)`,
    },
    answer: weight,
    unit: 'shape',
    explain: why,
  };
}

// ---- chapter: parameters -----------------------------------------------------

/** Self-check: how many learnable numbers a random module has, from the engine's module. */
export function parametersQuestion(engine, random) {
  const kind = random.pick(['bn', 'ln', 'in', 'gn']);
  let options;
  if (kind === 'bn') {
    options = { op: 'batch_norm', dims: random.int(1, 2), num_features: random.int(2, 256) };
    if (random.next() < 0.25) options.affine = false;
  } else if (kind === 'ln') {
    const dims = random.int(1, 2);
    options = {
      op: 'layer_norm',
      normalized_shape: Array.from({ length: dims }, () => random.int(2, dims === 1 ? 512 : 16)),
    };
    const variant = random.next();
    if (variant < 0.25) options.elementwise_affine = false;
    else if (variant < 0.45) options.bias = false;
  } else if (kind === 'in') {
    options = { op: 'instance_norm', dims: 2, num_features: random.int(2, 128) };
    if (random.next() < 0.5) options.affine = true;
  } else {
    const groups = random.int(2, 8);
    options = { op: 'group_norm', num_groups: groups, num_channels: groups * random.int(1, 16) };
  }
  const mod = engine.norm(options);
  let params, buffers;
  try {
    params = mod.parameterShapes();
    buffers = mod.bufferShapes();
  } finally {
    mod.delete();
  }
  const total = params.reduce((s, [, shape]) => s + numel(shape), 0);
  const listed = params.length
    ? params.map(([name, shape]) => `${name} ${formatShape(shape)}`).join(', ')
    : null;
  const bufferList = buffers.map(([name]) => name).join(', ');
  const text = moduleText(options);
  return {
    question: {
      zh: `${text} 一共有多少个可学习参数（数的个数）？`,
      en: `How many learnable parameters (numbers) does ${text} have?`,
    },
    answer: total,
    unit: 'count',
    explain: {
      zh: `${listed ? `named_parameters() 列出 ${listed}，合计 ${total}。` : '它没有可学习参数（affine 关闭）。'}${bufferList ? `${bufferList} 是缓冲区，不计入参数。` : ''}`,
      en: `${listed ? `named_parameters() lists ${listed}: ${total} in all.` : 'It has no learnable parameters (no affine).'}${bufferList ? ` ${bufferList} are buffers and do not count.` : ''}`,
    },
  };
}

// ---- chapter: usage ----------------------------------------------------------

/** The one candidate the engine accepts, or null: what an argument must be, asked of the engine. */
function accepted(engine, candidates, options, shape) {
  const ok = candidates.filter((c) => {
    try {
      planSummary(engine, options(c), shape);
      return true;
    } catch (err) {
      if (err.name !== 'NormLabError') throw err;
      return false;
    }
  });
  return ok.length === 1 ? ok[0] : null;
}

const range = (n) => Array.from({ length: n }, (_, i) => i + 1);

/** Self-check: the argument a module needs for an input shape, found by asking the engine. */
export function usageQuestion(engine, random) {
  const kind = random.pick(['bn', 'ln', 'gn']);
  if (kind === 'bn') {
    const dims = random.int(1, 2);
    const shape =
      dims === 1
        ? [random.int(2, 16), random.int(2, 32), random.int(2, 20)]
        : [random.int(2, 16), random.int(2, 32), random.int(2, 8), random.int(2, 8)];
    const answer = accepted(
      engine,
      range(64),
      (c) => ({ op: 'batch_norm', dims, num_features: c }),
      shape,
    );
    return {
      question: {
        zh: `输入形状是 ${formatShape(shape)}。nn.BatchNorm${dims}d(?) 的括号里应该填几？`,
        en: `The input has shape ${formatShape(shape)}. What number goes into nn.BatchNorm${dims}d(?)?`,
      },
      answer,
      unit: 'count',
      explain: {
        zh: `BatchNorm 的参数是通道数，也就是输入的第 1 维：${answer}。填别的数，PyTorch 会报 running_mean should contain ${answer} elements not …`,
        en: `BatchNorm's argument is the channel count, dim 1 of the input: ${answer}. Any other number and PyTorch says running_mean should contain ${answer} elements not …`,
      },
    };
  }
  if (kind === 'gn') {
    const groups = random.int(2, 4);
    const shape = [random.int(2, 8), groups * random.int(1, 8), random.int(2, 8), random.int(2, 8)];
    const answer = accepted(
      engine,
      range(64),
      (c) => ({ op: 'group_norm', num_groups: groups, num_channels: c }),
      shape,
    );
    return {
      question: {
        zh: `输入形状是 ${formatShape(shape)}。nn.GroupNorm(${groups}, ?) 的第二个参数 num_channels 应该填几？`,
        en: `The input has shape ${formatShape(shape)}. What is num_channels in nn.GroupNorm(${groups}, ?)?`,
      },
      answer,
      unit: 'count',
      explain: {
        zh: `num_channels 是输入的第 1 维：${answer}，而且必须能被 num_groups = ${groups} 整除。`,
        en: `num_channels is dim 1 of the input: ${answer}, and it must be divisible by num_groups = ${groups}.`,
      },
    };
  }
  const shape = [random.int(2, 6), random.int(2, 6), random.int(2, 6), random.int(2, 6)];
  const want = shape[0] * shape[1];
  const suffixes = [1, 2, 3, 4].map((k) => shape.slice(shape.length - k));
  const answer = suffixes.find(
    (ns) =>
      planSummary(engine, { op: 'layer_norm', normalized_shape: ns }, shape).statCount === want,
  );
  return {
    question: {
      zh: `输入形状是 ${formatShape(shape)}，希望 LayerNorm 对前两维的每个位置各求一次均值（共 ${want} 次）。normalized_shape 应该是什么？`,
      en: `The input has shape ${formatShape(shape)} and LayerNorm should compute one mean for each position of the first two dims (${want} in all). What is normalized_shape?`,
    },
    answer,
    unit: 'shape',
    explain: {
      zh: `LayerNorm 的参数是输入“最后几维”的形状：${formatShape(answer)}。它要和输入的末尾完全一致，否则 PyTorch 报 Given normalized_shape=…`,
      en: `LayerNorm's argument is the shape of the input's last dims: ${formatShape(answer)}. It must match the end of the input exactly, or PyTorch says Given normalized_shape=…`,
    },
  };
}
