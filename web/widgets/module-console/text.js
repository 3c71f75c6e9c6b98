// <module-console>'s words.
export const TEXT = {
  module: { zh: '模块', en: 'Module' },
  run: { zh: '运行', en: 'Run' },
  input: { zh: '输入张量（input）', en: 'Input tensor (input)' },
  output: { zh: '输出（最近一次成功的运行）', en: 'Output (the last run that worked)' },
  mistakes: {
    zh: '试试这些常见错误（以及改正）：',
    en: 'Try these classic mistakes (and their fixes):',
  },
  transcript: { zh: '运行记录', en: 'Transcript' },
  empty: { zh: '还没有运行。', en: 'Nothing run yet.' },
  ok: {
    zh: (shape, n) => `输出形状 ${shape}；计算了 ${n} 组均值和方差`,
    en: (shape, n) => `output of shape ${shape}; ${n} mean/variance pairs computed`,
  },
  params: { zh: (list) => `；参数 ${list}`, en: (list) => `; parameters ${list}` },
  clear: { zh: '清空记录', en: 'Clear transcript' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  fix: { zh: '改正', en: 'fix' },
};
