// <optimizer-race>'s words, zh and en.

export const TEXT = {
  inspect: { zh: '查看优化器状态', en: 'Look inside' },
  inside: {
    zh: (k) => `第 ${k} 步之后它保存的状态（optimizer.state，由引擎算出）`,
    en: (k) => `What it keeps after step ${k} (optimizer.state, from the engine)`,
  },
  noState: {
    zh: '还没有走过一步：状态在第一次 step() 时才创建。',
    en: 'No step yet: the state is created by the first step().',
  },
  quantity: { zh: '量', en: 'Quantity' },
  theta: { zh: '参数 θ', en: 'parameter θ' },
  gradient: { zh: (k) => `第 ${k} 步的梯度 g`, en: (k) => `gradient g of step ${k}` },
  surface: { zh: '损失曲面', en: 'Loss surface' },
  steps: { zh: '步数', en: 'Steps' },
  startX: { zh: '起点 x', en: 'Start x' },
  startY: { zh: '起点 y', en: 'Start y' },
  racers: { zh: '参赛的优化器', en: 'Racers' },
  settings: { zh: '超参数', en: 'Hyper-parameters' },
  show: { zh: '参赛', en: 'Race' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  step: { zh: '前进一步', en: 'Step' },
  rewind: { zh: '回到起点', en: 'Back to start' },
  speed: { zh: '速度', en: 'Speed' },
  playback: { zh: '播放控制', en: 'Playback' },
  scrub: { zh: '当前步', en: 'Current step' },
  plot: {
    zh: '起点：点击曲面放置，或聚焦此处用方向键移动（Shift 加速）',
    en: 'Start point: click the surface to place it, or focus here and use the arrow keys (Shift: bigger moves)',
  },
  picture: {
    zh: (name, parts) => `${name} 的等高线和各优化器的轨迹。${parts}`,
    en: (name, parts) => `Contours of ${name} and each optimizer's path. ${parts}`,
  },
  at: { zh: (x, y) => `位于 (${x}, ${y})`, en: (x, y) => `at (${x}, ${y})` },
  racer: { zh: '优化器', en: 'Optimizer' },
  loss: { zh: '损失', en: 'Loss' },
  position: { zh: '位置 (x, y)', en: 'Position (x, y)' },
  note: { zh: '说明', en: 'Note' },
  diverged: { zh: (k) => `第 ${k} 步发散`, en: (k) => `diverged at step ${k}` },
  outside: { zh: '跑出了画面', en: 'left the picture' },
  best: { zh: '损失最低', en: 'lowest loss' },
  status: {
    zh: (k, n, best) => `第 ${k} / ${n} 步。${best}`,
    en: (k, n, best) => `Step ${k} of ${n}. ${best}`,
  },
  leader: {
    zh: (name, loss) => `损失最低：${name}（${loss}）。`,
    en: (name, loss) => `Lowest loss: ${name} (${loss}).`,
  },
  noRacer: { zh: '请至少选择一个优化器。', en: 'Choose at least one optimizer.' },
  badSteps: {
    zh: '步数是 1 到 2000 之间的整数；当前仍使用上一个有效值',
    en: 'Steps is a whole number from 1 to 2000; the last valid value is still in use',
  },
  badStart: {
    zh: (lo, hi) => `起点要在画面内（${lo} 到 ${hi}）；当前仍使用上一个有效值`,
    en: (lo, hi) =>
      `The start must lie in the picture (${lo} to ${hi}); the last valid value is still in use`,
  },
  linkReset: {
    zh: (name, msg) => `链接里 ${name} 的超参数被 PyTorch 拒绝（${msg}），已恢复默认值`,
    en: (name, msg) => `The link's settings for ${name} were refused by PyTorch (${msg}) and reset`,
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};
