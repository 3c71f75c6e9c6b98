// Light or dark: the system's choice by default, or the reader's, remembered. The page's colours
// use light-dark(), so switching only sets html[data-theme] (and thereby color-scheme).
export const THEMES = ['system', 'light', 'dark'];
const KEY = 'normlab.theme';

export function currentTheme() {
  try {
    const saved = localStorage.getItem(KEY);
    return THEMES.includes(saved) ? saved : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(theme, remember = false) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
  if (!remember) return;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // not remembered, still applied
  }
}
