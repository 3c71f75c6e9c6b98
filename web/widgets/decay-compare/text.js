// <decay-compare>'s words, zh and en.
import { MAX_STEPS } from './model.js';

export const TEXT = {
  lr: { zh: '学习率 lr', en: 'Learning rate lr' },
  wd: { zh: '权重衰减 weight_decay（λ）', en: 'Weight decay weight_decay (λ)' },
  steps: { zh: '步数', en: 'Steps' },
  runs: {
    'adam-plain': { zh: 'Adam，无衰减', en: 'Adam, no decay' },
    'adam-l2': { zh: 'Adam，weight_decay = λ（L2）', en: 'Adam, weight_decay = λ (L2)' },
    adamw: { zh: 'AdamW，weight_decay = λ（解耦）', en: 'AdamW, weight_decay = λ (decoupled)' },
  },
  picture: {
    zh: (formula, parts) => `${formula} 的等高线和三条轨迹。${parts}`,
    en: (formula, parts) => `Contours of ${formula} and three paths. ${parts}`,
  },
  over: {
    zh: (name) => `${name}：x 和 y 随步数的变化`,
    en: (name) => `${name}: x and y over the steps`,
  },
  ends: { zh: (x, y) => `终点 (${x}, ${y})`, en: (x, y) => `ends at (${x}, ${y})` },
  run: { zh: '运行', en: 'Run' },
  final: { zh: (n) => `${n} 步后的 x`, en: (n) => `x after ${n} steps` },
  finalY: { zh: (n) => `${n} 步后的 y`, en: (n) => `y after ${n} steps` },
  summary: {
    zh: (a, w) =>
      `Adam（L2）停在 ${a}：梯度小的 y 被拉得远比 x 低。AdamW 停在 ${w}：x 和 y 按同样的比例收缩。`,
    en: (a, w) =>
      `Adam with L2 ends at ${a}: y, whose gradients are small, is pulled much further down than x. AdamW ends at ${w}: x and y shrink alike.`,
  },
  badSteps: {
    zh: `步数是 1 到 ${MAX_STEPS} 之间的整数；当前仍使用上一个有效值`,
    en: `Steps is a whole number from 1 to ${MAX_STEPS}; the last valid value is still in use`,
  },
  step: { zh: '步', en: 'step' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
