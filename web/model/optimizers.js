// The torch.optim optimizers the page runs, in one table: their kinds, PyTorch 1.13's defaults
// (the engine's too: tests/js/optimizers-catalog.test.mjs steps each one with no arguments and with
// these, and requires the same numbers), what each hyper-parameter may be, and what each state
// buffer holds, in zh and en. Widgets read their menus, forms and "Show as PyTorch" code from here
// instead of restating a default. No DOM.

/**
 * kind -> {torch: the class name, required: keyword arguments without a default, defaults: the
 * rest, in the order torch.optim's signature lists them}.
 */
export const OPTIMIZERS = {
  sgd: {
    torch: 'SGD',
    required: ['lr'],
    defaults: { momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
  },
  adam: {
    torch: 'Adam',
    required: [],
    defaults: {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weight_decay: 0,
      amsgrad: false,
      maximize: false,
    },
  },
  adamw: {
    torch: 'AdamW',
    required: [],
    defaults: {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weight_decay: 1e-2,
      amsgrad: false,
      maximize: false,
    },
  },
  adagrad: {
    torch: 'Adagrad',
    required: [],
    defaults: {
      lr: 1e-2,
      lr_decay: 0,
      weight_decay: 0,
      initial_accumulator_value: 0,
      eps: 1e-10,
      maximize: false,
    },
  },
  rmsprop: {
    torch: 'RMSprop',
    required: [],
    defaults: {
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      weight_decay: 0,
      momentum: 0,
      centered: false,
      maximize: false,
    },
  },
};

/** The optimizer kinds, in the order the page lists them. */
export const OPTIMIZER_KINDS = Object.keys(OPTIMIZERS);

/**
 * The hyper-parameters as the forms show them: the label, whether it is a flag, and the values
 * torch.optim's constructors accept (min inclusive; `below` exclusive). beta1/beta2 are the two
 * halves of `betas`.
 */
export const HYPERPARAMETERS = {
  lr: { label: 'lr', min: 0 },
  momentum: { label: 'momentum', min: 0 },
  dampening: { label: 'dampening' },
  weight_decay: { label: 'weight_decay', min: 0 },
  lr_decay: { label: 'lr_decay', min: 0 },
  initial_accumulator_value: { label: 'initial_accumulator_value', min: 0 },
  alpha: { label: 'alpha', min: 0 },
  eps: { label: 'eps', min: 0 },
  beta1: { label: 'β₁ (betas[0])', min: 0, below: 1 },
  beta2: { label: 'β₂ (betas[1])', min: 0, below: 1 },
  centered: { label: 'centered', flag: true },
  amsgrad: { label: 'amsgrad', flag: true },
  nesterov: { label: 'nesterov', flag: true },
  maximize: { label: 'maximize', flag: true },
};

/**
 * The defaults of `kind` for the keys asked for, in that order; beta1 and beta2 read `betas`.
 * optimizerDefaults('adam', ['beta1', 'eps']) -> {beta1: 0.9, eps: 1e-8}.
 */
export function optimizerDefaults(kind, keys = Object.keys(OPTIMIZERS[kind].defaults)) {
  const { defaults } = OPTIMIZERS[kind];
  const value = (key) =>
    key === 'beta1' ? defaults.betas[0] : key === 'beta2' ? defaults.betas[1] : defaults[key];
  return Object.fromEntries(keys.map((key) => [key, value(key)]));
}

/** Whether `value` is torch.optim's default for `key` of `kind` (so "Show as PyTorch" omits it). */
export function isDefault(kind, key, value) {
  const d = OPTIMIZERS[kind].defaults[key];
  if (Array.isArray(d)) return Array.isArray(value) && d.every((x, i) => x === value[i]);
  return d !== undefined && d === value;
}

/** What each buffer in optimizer.state[p] holds, by torch's name. */
export const BUFFER_NAMES = {
  exp_avg: {
    zh: 'm：梯度的滑动平均（一阶矩）',
    en: 'm: moving average of the gradient (first moment)',
  },
  exp_avg_sq: {
    zh: 'v：梯度平方的滑动平均（二阶矩）',
    en: 'v: moving average of the squared gradient (second moment)',
  },
  max_exp_avg_sq: { zh: 'v 的历史最大值', en: 'running max of v' },
  momentum_buffer: { zh: '动量缓冲：梯度的累积', en: 'momentum buffer: accumulated gradients' },
  sum: { zh: '梯度平方的累加和', en: 'sum of squared gradients' },
  square_avg: { zh: '梯度平方的滑动平均', en: 'moving average of squared gradients' },
  grad_avg: { zh: '梯度的滑动平均', en: 'moving average of the gradient' },
};

/**
 * The menu of <memory-calculator> and the chapter's memory question: the torch.optim constructor
 * each entry stands for (op, the arguments that differ from the defaults, a label).
 */
export const MEMORY_OPTIMIZERS = {
  sgd: { op: 'sgd', args: { lr: 0.01 }, label: 'SGD' },
  'sgd-momentum': { op: 'sgd', args: { lr: 0.01, momentum: 0.9 }, label: 'SGD (momentum=0.9)' },
  adagrad: { op: 'adagrad', args: {}, label: 'Adagrad' },
  rmsprop: { op: 'rmsprop', args: {}, label: 'RMSprop' },
  'rmsprop-centered': {
    op: 'rmsprop',
    args: { momentum: 0.9, centered: true },
    label: 'RMSprop (momentum=0.9, centered=True)',
  },
  adam: { op: 'adam', args: {}, label: 'Adam' },
  'adam-amsgrad': { op: 'adam', args: { amsgrad: true }, label: 'Adam (amsgrad=True)' },
  adamw: { op: 'adamw', args: {}, label: 'AdamW' },
};

/** The menu of <optimizer-state>: as MEMORY_OPTIMIZERS, with the torch.optim class name. */
export const STATE_OPTIMIZERS = {
  adam: { op: 'adam', args: {}, label: 'Adam', torch: 'Adam' },
  adamw: { op: 'adamw', args: {}, label: 'AdamW', torch: 'AdamW' },
  momentum: { op: 'sgd', args: { momentum: 0.9 }, label: 'SGD (momentum=0.9)', torch: 'SGD' },
  rmsprop: { op: 'rmsprop', args: {}, label: 'RMSprop', torch: 'RMSprop' },
  adagrad: { op: 'adagrad', args: {}, label: 'Adagrad', torch: 'Adagrad' },
};
