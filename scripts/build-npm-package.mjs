// Assembles the npm package "normlab" from the built site and Wasm (run `npm run build` first) into
// build/npm/normlab/, then `npm pack`s it into build/npm/normlab-VERSION.tgz (the path is printed).
//   normlab/widgets   dist/normlab-widgets.js (every widget, the Wasm inlined), as widgets.js
//   normlab/widgets.iife.js   dist/normlab-widgets.iife.js, the classic script
//   normlab/engine    engine.js: web/engine/ bundled, beside the Emscripten loader and normlab.wasm
//   normlab/tags      tags.js: the tag names alone (no side effect), for isCustomElement in configs
//   custom-elements.json, widgets.d.ts   read from the widgets themselves (their Lit properties and
//                     the codecs their state controllers check attributes with), in Chromium
// Static text (README, engine.d.ts, the package.json fields) lives in packaging/npm/.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CATALOG } from '../web/docs-catalog.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = path.join(root, 'packaging/npm');
const dist = path.resolve(root, process.env.NORMLAB_DIST ?? 'dist');
const wasmDir = path.resolve(root, process.env.NORMLAB_WASM_DIR ?? 'build/wasm');
const out = path.join(root, 'build/npm');
const pkgDir = path.join(out, 'normlab');

const need = (file) => {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  return file;
};

/** engine.js: web/engine/ as one module that imports './normlab-loader.js' (kept a file). */
async function buildEngine() {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: pkgDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry: path.join(source, 'src/engine.js'),
        formats: ['es'],
        fileName: () => 'engine.js',
      },
      rolldownOptions: { external: ['normlab-wasm'], output: { codeSplitting: false } },
    },
  });
  const file = path.join(pkgDir, 'engine.js');
  const text = fs.readFileSync(file, 'utf8');
  const rewritten = text.replaceAll(/(["'])normlab-wasm\1/g, '"./normlab-loader.js"');
  if (rewritten === text) throw new Error('engine.js does not import normlab-wasm');
  fs.writeFileSync(file, rewritten);
  // the loader names the binary new URL("normlab.wasm", import.meta.url); bundlers look for "./"
  const loader = fs.readFileSync(need(path.join(wasmDir, 'normlab.js')), 'utf8');
  const pattern = /new URL\((["'])normlab\.wasm\1,\s*import\.meta\.url\)/g;
  if ((loader.match(pattern) ?? []).length !== 1)
    throw new Error(
      'the Emscripten loader does not name normlab.wasm by new URL(…, import.meta.url)',
    );
  fs.writeFileSync(
    path.join(pkgDir, 'normlab-loader.js'),
    loader.replace(pattern, 'new URL("./normlab.wasm", import.meta.url)'),
  );
  fs.copyFileSync(path.join(wasmDir, 'normlab.wasm'), path.join(pkgDir, 'normlab.wasm'));
}

/** What every defined widget declares, read in Chromium from dist/normlab-widgets.js. */
async function readWidgets() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    const origin = 'http://normlab.invalid';
    await page.route(`${origin}/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html>' });
      return route.fulfill({
        contentType: 'text/javascript',
        body: fs.readFileSync(path.join(dist, name)),
      });
    });
    await page.goto(`${origin}/`);
    return await page.evaluate(async () => {
      const { WIDGET_TAGS } = await import('/normlab-widgets.js');
      const en = (v) => (v && typeof v === 'object' ? v.en : v);
      return WIDGET_TAGS.map((tag) => {
        const ctor = customElements.get(tag);
        const probe = document.createElement(tag); // never connected: its defaults
        const schema = ctor.stateSchema ?? { hash: {}, attributes: new Map() };
        const attributes = [];
        for (const [prop, options] of ctor.elementProperties) {
          if (options.state || options.attribute === false) continue;
          const codec = schema.attributes.get(prop)?.codec;
          const described = (codec ?? schema.hash[prop])?.describe;
          let value = probe[prop];
          let text = null;
          if (value !== null && value !== undefined) {
            try {
              text = codec
                ? codec.format(value)
                : Array.isArray(value)
                  ? value.join(',')
                  : String(value);
            } catch {
              text = String(value);
            }
          }
          attributes.push({
            name: typeof options.attribute === 'string' ? options.attribute : prop.toLowerCase(),
            fieldName: prop,
            kind:
              options.type === Boolean ? 'boolean' : options.type === Number ? 'number' : 'string',
            described: described ? { type: en(described.type), range: en(described.range) } : null,
            checked: !!codec,
            default: text,
            defaultKind: typeof value,
          });
        }
        return { tag, attributes };
      });
    });
  } finally {
    await browser.close();
  }
}

const className = (tag) => tag.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase()) + 'Element';
const ONE_OF = 'one of';

function tsType(attr) {
  if (attr.described?.type === ONE_OF)
    return attr.described.range
      .split(' | ')
      .map((choice) => JSON.stringify(choice))
      .join(' | ');
  return attr.kind;
}

function manifest(widgets, version) {
  const about = new Map(CATALOG.map(([tag, text]) => [tag, text.en]));
  const declarations = widgets.map(({ tag, attributes }) => {
    const members = attributes.map((a) => ({
      kind: 'field',
      name: a.fieldName,
      type: { text: tsType(a) },
      ...(a.default !== null ? { default: JSON.stringify(a.default) } : {}),
      attribute: a.name,
      reflects: false,
    }));
    return {
      kind: 'class',
      name: className(tag),
      tagName: tag,
      customElement: true,
      description: about.get(tag) ?? `The NormLab widget <${tag}>.`,
      superclass: { name: 'LitElement', package: 'lit' },
      attributes: [
        ...attributes.map((a) => ({
          name: a.name,
          fieldName: a.fieldName,
          type: { text: tsType(a) },
          ...(a.default !== null ? { default: a.default } : {}),
          description: [
            a.described
              ? `${a.described.type}${a.described.range ? `: ${a.described.range}` : ''}`
              : '',
            a.checked
              ? 'Checked like the URL hash: a refused value is named in a notice and the default kept.'
              : '',
          ]
            .filter(Boolean)
            .join('. '),
        })),
        {
          name: 'theme',
          type: { text: '"light" | "dark"' },
          description: 'Forces a colour scheme; by default the reader’s system decides.',
        },
      ],
      members,
      cssProperties: [
        {
          name: '--nl-*',
          description: 'Optional colour and type overrides (web/widgets/shared/host-style.js).',
        },
      ],
    };
  });
  return {
    schemaVersion: '2.1.0',
    readme: 'README.md',
    modules: [
      {
        kind: 'javascript-module',
        path: 'widgets.js',
        declarations,
        exports: [
          {
            kind: 'js',
            name: 'WIDGET_TAGS',
            declaration: { name: 'WIDGET_TAGS', module: 'widgets.js' },
          },
          ...declarations.map((d) => ({
            kind: 'custom-element-definition',
            name: d.tagName,
            declaration: { name: d.name, module: 'widgets.js' },
          })),
        ],
      },
    ],
    package: { name: 'normlab', version },
  };
}

function declarations(widgets) {
  const lines = [
    '// Types of normlab/widgets, generated by scripts/build-npm-package.mjs from the widgets',
    '// themselves (the same source as custom-elements.json). Importing the module defines every tag.',
    '',
    '/** Every tag the module defines. */',
    'export declare const WIDGET_TAGS: readonly string[];',
    '',
  ];
  for (const { tag, attributes } of widgets) {
    lines.push(`export interface ${className(tag)} extends HTMLElement {`);
    for (const a of attributes)
      lines.push(`  ${a.fieldName}: ${tsType(a) === 'number' ? 'number' : tsType(a)};`);
    lines.push('}', '');
  }
  lines.push('declare global {', '  interface HTMLElementTagNameMap {');
  for (const { tag } of widgets) lines.push(`    ${JSON.stringify(tag)}: ${className(tag)};`);
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** tags.js: the tag names, with no side effect, for a docs framework's config (which runs in Node). */
function tagsModule(widgets) {
  return [
    '// The tags normlab/widgets defines; importing this defines nothing (safe in Node, in a config).',
    `export const NORMLAB_TAGS = Object.freeze(${JSON.stringify(widgets.map((w) => w.tag))});`,
    'export const isNormLabTag = (tag) => NORMLAB_TAGS.includes(tag);',
    '',
  ].join('\n');
}

async function main() {
  const repo = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.rmSync(pkgDir, { recursive: true, force: true });
  fs.mkdirSync(pkgDir, { recursive: true });
  fs.copyFileSync(need(path.join(dist, 'normlab-widgets.js')), path.join(pkgDir, 'widgets.js'));
  fs.copyFileSync(
    need(path.join(dist, 'normlab-widgets.iife.js')),
    path.join(pkgDir, 'widgets.iife.js'),
  );
  await buildEngine();
  const widgets = await readWidgets();
  if (widgets.length < 10) throw new Error(`only ${widgets.length} widgets defined`);
  fs.writeFileSync(
    path.join(pkgDir, 'custom-elements.json'),
    JSON.stringify(manifest(widgets, repo.version), null, 2) + '\n',
  );
  fs.writeFileSync(path.join(pkgDir, 'widgets.d.ts'), declarations(widgets));
  fs.writeFileSync(path.join(pkgDir, 'tags.js'), tagsModule(widgets));
  fs.writeFileSync(
    path.join(pkgDir, 'tags.d.ts'),
    'export declare const NORMLAB_TAGS: readonly string[];\n' +
      'export declare function isNormLabTag(tag: string): boolean;\n',
  );
  fs.copyFileSync(path.join(source, 'types/engine.d.ts'), path.join(pkgDir, 'engine.d.ts'));
  fs.copyFileSync(path.join(source, 'README.md'), path.join(pkgDir, 'README.md'));
  const template = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  const pkg = { ...template, version: repo.version, license: repo.license };
  fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  const packed = execFileSync('npm', ['pack', '--pack-destination', out, '--loglevel=error'], {
    cwd: pkgDir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  console.log(path.join(out, packed));
}

await main();
