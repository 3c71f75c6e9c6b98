// <pytorch-code>'s words.
export const TEXT = {
  show: { zh: '显示 PyTorch 代码', en: 'Show as PyTorch' },
  copy: { zh: '复制', en: 'Copy' },
  copied: { zh: '已复制', en: 'Copied' },
  failed: { zh: '无法复制，请手动选中', en: 'Could not copy; select the text instead' },
};
