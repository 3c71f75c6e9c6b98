// Blog posts for the host-page tests (Chromium in blog-host.test.mjs, Firefox in
// firefox.test.mjs): each with its own CSS and none of ours, and what both check on them.
import { CATALOG } from '../../web/docs-catalog.js';

export const HOSTS = {
  light: {
    scheme: 'light',
    css: 'body { background: #fdfdf8; color: #222; font: 19px/1.7 Georgia, serif; max-width: 46rem; margin: 2rem auto; }',
  },
  dark: {
    scheme: 'dark',
    css: 'body { background: #111318; color: #e8e8e8; font: 18px/1.7 Georgia, serif; max-width: 46rem; margin: 2rem auto; } a { color: #9cf; }',
  },
};

const escapeAttr = (v) =>
  String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export const attributeText = (attrs) =>
  Object.entries(attrs)
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`))
    .join('');

/** A blog post: its own CSS, a heading, `body` (widget tags), and our one script tag. */
export function hostPage(
  name,
  body,
  script = '<script type="module" src="./normlab-widgets.js"></script>',
) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post (${name})</title>
<style>${HOSTS[name]?.css ?? HOSTS.light.css}</style></head><body><main><h1>My post about normalization</h1>
${body}
</main>${script}</body></html>`;
}

/** Every widget of docs.html, with the attributes of its example. */
export const ALL_WIDGETS = CATALOG.map(
  ([tag, , attrs]) => `<${tag}${attributeText(attrs)}></${tag}>`,
).join('\n');

/** What a tag shows until it is defined, or where scripts cannot run. */
export const FALLBACK =
  '<a href="https://example.org/normlab/">NormLab: an interactive figure (open it on the tutorial page)</a>';

/** True when every NormLab tag in <main> is defined and rendered and none shows "loading". */
export function allWidgetsDrawn() {
  const widgets = [...document.querySelectorAll('main > *')].filter((el) =>
    el.tagName.includes('-'),
  );
  if (!widgets.length) return false;
  const busy = (root) =>
    !!root.querySelector('[aria-busy="true"]') ||
    [...root.querySelectorAll('*')].some((el) => el.shadowRoot && busy(el.shadowRoot));
  return widgets.every(
    (w) => w.shadowRoot && w.shadowRoot.childElementCount > 0 && !busy(w.shadowRoot),
  );
}

/** In the page: scrolls the first <norm-cube> into view; the centre of one cell per group. */
export function cubeCellPoints() {
  const cube = document.querySelector('norm-cube');
  cube.shadowRoot.querySelector('svg').scrollIntoView({ block: 'center' });
  const seen = new Map();
  for (const rect of cube.shadowRoot.querySelectorAll('rect[data-g]')) {
    const g = rect.dataset.g;
    if (seen.has(g)) continue;
    const box = rect.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) continue;
    seen.set(g, { g, x: box.left + box.width / 2, y: box.top + box.height / 2 });
  }
  return [...seen.values()];
}

/** In the page: [r, g, b] of a PNG (base64) at each point {x, y}. */
export async function pngPixels({ png, points }) {
  const img = new Image();
  img.src = `data:image/png;base64,${png}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return points.map(({ x, y }) => [
    ...ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3),
  ]);
}

/** What is wrong with the group colours sampled at `cells`: none black, all distinct. */
export function groupColourProblems(cells, colours) {
  const out = [];
  if (cells.length < 3) out.push(`norm-cube shows ${cells.length} groups`);
  for (const [i, [r, g, b]] of colours.entries())
    if (Math.max(r, g, b) <= 24) out.push(`group ${cells[i].g} is black: ${[r, g, b]}`);
  if (new Set(colours.map((c) => c.join(','))).size !== colours.length)
    out.push(`groups share a colour: ${JSON.stringify(colours)}`);
  return out;
}
