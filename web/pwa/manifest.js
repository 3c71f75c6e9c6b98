// The web app manifests of the hosted site, one per language (vite.config.js writes them into
// dist/ as JSON). A manifest has one `lang` and `dir` for all its text members, so each language
// gets its own file; both carry the same `id`, so installing from a Chinese or an English page
// installs the same app. Each also names the other language in the spec's `*_localized` members
// (https://w3c.github.io/manifest/#localized-members), which a browser that implements them uses to
// follow the reader's language whichever file was linked; browsers without them read `name`.
// web/index.html links the English file; web/pwa/register.js points the link at the page
// language's file when the reader switches.

const TEXT = {
  name: { zh: 'NormLab：归一化与优化器', en: 'NormLab: normalization and optimizers' },
  description: {
    zh: '互动的双语（中文 / English）教程，讲解 BatchNorm、LayerNorm、InstanceNorm、GroupNorm 以及 SGD、Adam、AdamW 优化器。每个数字都由编译成 WebAssembly 的 C++ 内核在浏览器里计算，并与 PyTorch 对照测试；访问一次之后断网也能用。',
    en: 'An interactive, bilingual (中文 / English) tutorial on BatchNorm, LayerNorm, InstanceNorm, GroupNorm and the SGD, Adam and AdamW optimizers. Every number is computed in the browser by C++ kernels in WebAssembly, tested against PyTorch; after one visit it works offline.',
  },
};

/** What the build writes next to index.html: the icons' file names under dist/ and their sources. */
export const ICON_FILES = {
  'icons/normlab.svg': 'favicon.svg',
  'icons/normlab-192.png': 'pwa/icons/normlab-192.png',
  'icons/normlab-512.png': 'pwa/icons/normlab-512.png',
  'icons/normlab-maskable-512.png': 'pwa/icons/normlab-maskable-512.png',
};

const ICONS = [
  { src: 'icons/normlab.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
  { src: 'icons/normlab-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
  { src: 'icons/normlab-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  {
    src: 'icons/normlab-maskable-512.png',
    sizes: '512x512',
    type: 'image/png',
    purpose: 'maskable',
  },
];

const LANG_TAG = { zh: 'zh-CN', en: 'en' };

/** The manifest file for a page language ('zh' or 'en'), relative to the site's root. */
export const manifestFile = (lang) =>
  lang === 'zh' ? 'manifest.zh-CN.webmanifest' : 'manifest.webmanifest';

/** The manifest for one language, with the other language's text in the `*_localized` members. */
export function manifestFor(lang) {
  const other = lang === 'zh' ? 'en' : 'zh';
  return {
    // relative URLs resolve against the manifest's own address: the folder of index.html, so the
    // same files work at a domain's root and in a sub-folder
    id: './',
    start_url: './',
    scope: './',
    name: TEXT.name[lang],
    short_name: 'NormLab',
    description: TEXT.description[lang],
    lang: LANG_TAG[lang],
    dir: 'ltr',
    name_localized: { [LANG_TAG[other]]: TEXT.name[other] },
    description_localized: { [LANG_TAG[other]]: TEXT.description[other] },
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1f6feb',
    categories: ['education'],
    icons: ICONS,
  };
}

/** Every manifest file of the site: its name under dist/ and its JSON text. */
export const manifestFiles = () =>
  Object.fromEntries(
    ['en', 'zh'].map((lang) => [manifestFile(lang), JSON.stringify(manifestFor(lang), null, 2)]),
  );
