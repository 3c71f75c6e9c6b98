// <optimizer-state>'s words, zh and en.

export const TEXT = {
  optimizer: { zh: '优化器', en: 'Optimizer' },
  lr: { zh: '学习率 lr', en: 'Learning rate lr' },
  theta0: { zh: '初始参数 θ₀（可编辑）', en: 'Starting parameter θ₀ (editable)' },
  grad: { zh: '每一步使用的梯度 g（可编辑）', en: 'Gradient g used by each step (editable)' },
  step: { zh: '走一步', en: 'Step' },
  step10: { zh: '走 10 步', en: '10 steps' },
  reset: { zh: '从 θ₀ 重新开始', en: 'Restart from θ₀' },
  random: { zh: '随机梯度', en: 'Random gradient' },
  theta: {
    zh: (n) => `第 ${n} 步之后的参数 θ`,
    en: (n) => `Parameter θ after ${n} ${n === 1 ? 'step' : 'steps'}`,
  },

  none: {
    zh: '还没有走过一步：状态在第一次 step() 时才创建。',
    en: 'No step yet: the state is created by the first step().',
  },
  summary: {
    zh: (name, n, bufs, shape, count, params) =>
      `${name} 走了 ${n} 步，保存了 ${bufs} 个状态张量，每个形状都是 ${shape}：共 ${count} 个数，对应 ${params} 个参数。与批大小、激活值无关。`,
    en: (name, n, bufs, shape, count, params) =>
      `${name} has taken ${n} steps and keeps ${bufs} state tensors, each of shape ${shape}: ${count} numbers for ${params} parameters, whatever the batch size, and nothing about activations.`,
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
