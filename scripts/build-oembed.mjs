// Static oEmbed (https://oembed.com, type "rich") for every widget of docs.html: dist/oembed/TAG.json,
// an iframe of embed.html#widget=TAG&… (docs.html's example attributes) with its width and height,
// and dist/oembed/index.json listing them. embed.html's <link type="application/json+oembed">
// names oembed/norm-playground.json: a consumer fetching embed.html#… never sends the hash, so the
// page's discovery link can name one response only. A query endpoint (?url=…&maxwidth=…) that
// answers any widget and state needs a server; a static host offers these files.
// The iframe must name an absolute address: NORMLAB_PUBLIC_URL, where dist/ is served (its
// default is vite preview's http://localhost:4173/; set it when deploying).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG } from '../web/docs-catalog.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(root, process.env.NORMLAB_DIST ?? 'dist');
const base = new URL(process.env.NORMLAB_PUBLIC_URL ?? 'http://localhost:4173/');
const WIDTH = 720;
const HEIGHT = 560; // a first height: embed.html then posts its own (normlab:height)

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The oEmbed response of one widget with its docs.html example. */
export function oembedOf(tag, attributes, about) {
  const hash = new URLSearchParams({ widget: tag, ...attributes }).toString();
  const src = new URL(`embed.html#${hash}`, base).href;
  return {
    version: '1.0',
    type: 'rich',
    title: `NormLab: ${tag}`,
    description: about.en,
    provider_name: 'NormLab',
    provider_url: base.href,
    width: WIDTH,
    height: HEIGHT,
    html: `<iframe src="${escape(src)}" title="NormLab: ${escape(tag)}" width="${WIDTH}" height="${HEIGHT}" style="border:0" loading="lazy"></iframe>`,
  };
}

const folder = path.join(dist, 'oembed');
fs.mkdirSync(folder, { recursive: true });
const index = [];
for (const [tag, about, attributes] of CATALOG) {
  const response = oembedOf(tag, attributes, about);
  fs.writeFileSync(path.join(folder, `${tag}.json`), JSON.stringify(response, null, 2) + '\n');
  index.push({ widget: tag, oembed: `oembed/${tag}.json` });
}
fs.writeFileSync(path.join(folder, 'index.json'), JSON.stringify(index, null, 2) + '\n');
