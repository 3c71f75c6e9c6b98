// <self-check>'s words.
export const TEXT = {
  heading: { zh: '自测', en: 'Self-check' },
  answer: { zh: '你的答案', en: 'Your answer' },
  check: { zh: '检查', en: 'Check' },
  next: { zh: '换一题', en: 'New question' },
  right: { zh: '正确！', en: 'Correct!' },
  wrong: { zh: '不对。', en: 'Not quite.' },
  want: { zh: '内核算出的答案：', en: 'The kernels’ answer: ' },
  notNumber: { zh: '请输入一个数', en: 'Type a number' },
  unreadable: {
    zh: '请输入一个整数，或一个形状，例如 (3,) 或 3, 4',
    en: 'Type a whole number, or a shape such as (3,) or 3, 4',
  },
};
