// The reset and the look every widget puts first in its styles, so that a widget reads the same in
// the tutorial and in a blog post that loads none of our CSS.
//
// Colours: every --nl-* custom property a widget reads has a default here (THEME, light and dark,
// the tutorial's own palette). They are registered once per document with CSS.registerProperty,
// so the default applies inside every shadow root while a value set by the host page (on :root, on
// any ancestor or on the widget's element) still inherits into the widget and wins: the properties
// stay optional overrides. The defaults use light-dark(), resolved against the widget's own
// color-scheme: the reader's system choice (prefers-color-scheme), or theme="light|dark" on the
// widget, or --nl-color-scheme set by the page (the tutorial's theme switch sets it on :root).
// Where CSS.registerProperty is missing, background and text fall back to the scheme's system
// colours (Canvas, CanvasText).
//
// Shadow DOM keeps the host page's selectors out, but inherited properties still flow in through
// the widget's own element, and a page's `* { ... !important }` reaches that element too. Inside a
// shadow tree, !important on :host wins over the page's !important, so the typography and colours
// a widget depends on are pinned here.
import { css } from 'lit';

/** The default of every colour property, [light, dark]; documented in docs.html. */
export const THEME = {
  '--nl-bg': ['#ffffff', '#14171c'],
  '--nl-fg': ['#1d2330', '#e6e9ef'],
  '--nl-muted': ['#5b6472', '#a2abb8'],
  '--nl-border': ['#c8cdd6', '#3a4150'],
  '--nl-accent': ['#1f5fcc', '#6ea8fe'],
  '--nl-focus': ['#1f6feb', '#8ab4ff'],
  '--nl-ok': ['#1b7f3b', '#7ee2a0'],
  '--nl-error': ['#b3261e', '#ff8a80'],
  '--nl-error-bg': ['#fdecea', '#3b1f1f'],
  '--nl-code-bg': ['#f3f5f8', '#1d2128'],
  '--nl-group-0': ['#dbeafe', '#1e3a5f'],
  '--nl-group-1': ['#fde68a', '#5c4a12'],
  '--nl-group-2': ['#d1fae5', '#14483a'],
  '--nl-group-3': ['#fbcfe8', '#5a2142'],
  '--nl-group-4': ['#e9d5ff', '#3e2a63'],
  '--nl-group-5': ['#fed7aa', '#5e3415'],
  '--nl-group-6': ['#c7f9ff', '#134b55'],
  '--nl-group-7': ['#e5e7eb', '#373c45'],
};

/** Registers the defaults (once per document; a second copy of the bundle finds them there). */
export function registerThemeDefaults(win = globalThis) {
  const register = win.CSS?.registerProperty;
  if (!register) return;
  for (const [name, [light, dark]] of Object.entries(THEME)) {
    try {
      // the universal syntax keeps the value as tokens: light-dark() is resolved where it is used
      win.CSS.registerProperty({
        name,
        syntax: '*',
        inherits: true,
        initialValue: `light-dark(${light}, ${dark})`,
      });
    } catch {
      // already registered (by another copy of the widgets, or by the host page)
    }
  }
}
registerThemeDefaults();

export const hostStyle = css`
  :host {
    display: block;
    color-scheme: var(--nl-color-scheme, light dark);
    background: var(--nl-bg, Canvas);
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      'Noto Sans CJK SC',
      'PingFang SC',
      'Microsoft YaHei',
      sans-serif !important;
    font-size: 16px !important;
    font-weight: 400 !important;
    font-style: normal !important;
    line-height: 1.5 !important;
    color: var(--nl-fg, CanvasText) !important;
    text-align: left !important;
    text-transform: none !important;
    text-indent: 0 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    white-space: normal !important;
    visibility: visible !important;
    box-sizing: border-box;
  }
  :host([theme='light']) {
    --nl-color-scheme: light;
    color-scheme: light;
  }
  :host([theme='dark']) {
    --nl-color-scheme: dark;
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
`;
