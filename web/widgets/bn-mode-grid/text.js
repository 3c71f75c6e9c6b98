// Every word <bn-mode-grid> shows, in both languages.
export const TEXT = {
  batch: {
    zh: '验证批次 x，形状 (4, 3)，逐行书写',
    en: 'Validation batch x, shape (4, 3), row by row',
  },
  batchBad: {
    zh: (n) => `需要 12 个有限数（4 行 × 3 列），这里读到 ${n} 个；仍在使用上一个有效批次`,
    en: (n) =>
      `needs 12 finite numbers (4 rows × 3 columns), read ${n}; the last valid batch is still in use`,
  },
  batchText: {
    zh: '不是一串数字；仍在使用上一个有效批次',
    en: 'is not a list of numbers; the last valid batch is still in use',
  },
  caption: {
    zh: '四个格子，每个都是一个新建的 nn.BatchNorm1d(3)（running_mean 为 0、running_var 为 1），对同一个批次做一次前向：',
    en: 'Four cells, each a fresh nn.BatchNorm1d(3) (running_mean 0, running_var 1) running one forward pass on the same batch:',
  },
  grad: { zh: '记录梯度', en: 'with grad' },
  noGrad: { zh: 'torch.no_grad()', en: 'torch.no_grad()' },
  normalizedBy: { zh: '归一化所用的统计量：', en: 'Normalized with: ' },
  batchStats: { zh: '这个批次的均值和方差', en: 'this batch’s mean and variance' },
  runningStats: { zh: 'running_mean 和 running_var', en: 'running_mean and running_var' },
  mean: { zh: '均值', en: 'mean' },
  variance: { zh: '方差', en: 'variance' },
  moved: { zh: '变了', en: 'moved' },
  unchanged: { zh: '没变', en: 'unchanged' },
  backwardOk: {
    zh: 'loss.backward() 可以运行（有计算图）',
    en: 'loss.backward() runs (a graph was built)',
  },
  backwardNone: {
    zh: '没有计算图：loss.backward() 报错 “element 0 of tensors does not require grad and does not have a grad_fn”',
    en: 'no graph: loss.backward() raises “element 0 of tensors does not require grad and does not have a grad_fn”',
  },
  bug: {
    zh: '常见错误：验证循环只写了 torch.no_grad()，没写 model.eval()。BN 仍在训练模式，验证数据被写进了 running 统计量。',
    en: 'The common bug: a validation loop with torch.no_grad() but no model.eval(). BN is still in training mode, and the validation data goes into the running statistics.',
  },
  fix: {
    zh: '修正：验证前调用 model.eval()（再加 torch.no_grad() 省内存），训练前调用 model.train()。只有 eval() 让 BN 改用 running 统计量并停止更新；no_grad() 只关掉计算图。',
    en: 'The fix: call model.eval() before validating (and torch.no_grad() to save memory), model.train() before training again. Only eval() makes BN use its running statistics and stop updating them; no_grad() only turns off the graph.',
  },
  verdict: {
    zh: (k) => `running 统计量在 ${k} 个格子里变了：只有 model.train() 的两格。`,
    en: (k) => `The running statistics moved in ${k} cells: the two model.train() ones only.`,
  },
  verdictOther: {
    zh: (k) => `running 统计量在 ${k} 个格子里变了。`,
    en: (k) => `The running statistics moved in ${k} cells.`,
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  failed: { zh: '计算引擎加载失败：', en: 'The engine failed to load: ' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
