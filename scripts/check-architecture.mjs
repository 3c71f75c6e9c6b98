#!/usr/bin/env node
// The web layers' rules, checked on the import graph of web/ (issue 16): no widget imports another
// widget, chapters import only a widget's entry, the model layer has no DOM, no source file passes
// 400 lines, and no JS file restates an optimizer default that the catalog holds.
//
//   node scripts/check-architecture.mjs            exits 1 on any violation
//   node scripts/check-architecture.mjs --report   prints the violations, exits 0 (while a refactor is in flight)
//   node scripts/check-architecture.mjs --root DIR checks DIR instead of web/ (the tests' fixture trees)
//
// Imports are read statically with acorn: `import … from`, `import '…'`, `export … from` and
// `import('…')` with a literal specifier. A dynamic import of a computed specifier is not followed.
//
// The rules (paths relative to web/):
// - widget-imports: a file under widgets/ imports only its own widget's folder (widgets/<tag>/; a
//   flat widgets/<tag>.js of today is a folder of one file), the layers in WIDGET_MAY_IMPORT and
//   lit/d3 packages. One exception: a bare `import '../tensor-editor/index.js'` of another
//   widget's entry, which registers a child element the widget shows by its tag and binds nothing.
// - chapter-imports-internals: a file under chapters/ imports from widgets/ only a widget's entry:
//   widgets/<tag>/index.js, or a flat widgets/<tag>.js that calls customElements.define.
// - model-dom: a file under model/ imports no lit, nothing under widgets/, and names no DOM global
//   (document, window, customElements, HTMLElement, also as globalThis.X; a property or object key
//   of that name is not a use).
// - file-length: no source file (.js .mjs .ts .css .html) has more than MAX_LINES lines.
// - optimizer-default (a heuristic, meant to have few false positives): an object literal "next to
//   an optimizer kind" — one with `op`/`kind`/`optimizer`/`torch` set to a torch.optim name
//   ('adam', 'SGD', …), a property value of such an object (`defaults: { … }`), or the value of a
//   property named by a kind (`{ adam: { … } }`) — whose numeric (or numeric-array) entry equals
//   that kind's default for that key in the catalog (model/optimizers.js's literals, else
//   torch.optim's defaults below). `{ op: 'sgd', args: { momentum: 0.9 } }` is no restatement (SGD's
//   default momentum is 0); numbers with no kind next to them are never flagged; the catalog itself
//   is not checked.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, dirname, resolve, sep, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as acorn from 'acorn';

export const MAX_LINES = 400;
const SOURCE = /\.(m?js|ts|css|html)$/;
const SCRIPT = /\.m?js$/;

/**
 * What a widget may import besides its own folder (paths relative to web/, a trailing slash is a
 * folder). web/state/ holds HashStateController and its codecs and web/i18n.js the language: both
 * are shared by every widget, neither is a widget.
 */
const WIDGET_MAY_IMPORT = [
  'model/',
  'controllers/',
  'charts/',
  'engine/',
  'state/',
  'widgets/shared/',
  'i18n.js',
];
const WIDGET_PACKAGES = [/^lit(\/|$)/, /^@lit\//, /^d3-[a-z]+$/];
const DOM_GLOBALS = new Set(['document', 'window', 'customElements', 'HTMLElement']);

/** Optimizer kinds, as torch.optim names them in lower case. */
const OPTIMIZER_KINDS = new Set([
  'sgd',
  'adagrad',
  'adadelta',
  'rmsprop',
  'adam',
  'adamw',
  'adamax',
  'nadam',
  'radam',
]);
/** Object keys that name the optimizer kind an object (or its `args`/`defaults`) is about. */
const KIND_KEYS = new Set(['op', 'kind', 'optimizer', 'torch']);
/**
 * torch.optim's defaults, used when web/model/optimizers.js does not exist or holds no literal
 * defaults (the catalog may read them from C++); otherwise the catalog's own literals are used.
 */
const TORCH_DEFAULTS = {
  sgd: { lr: 0.001, momentum: 0, dampening: 0, weight_decay: 0 },
  adagrad: { lr: 0.01, lr_decay: 0, initial_accumulator_value: 0, eps: 1e-10, weight_decay: 0 },
  rmsprop: { lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, weight_decay: 0 },
  adam: { lr: 0.001, betas: [0.9, 0.999], beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0 },
  adamw: {
    lr: 0.001,
    betas: [0.9, 0.999],
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weight_decay: 0.01,
  },
};
const CATALOG = 'model/optimizers.js';

/** Every file under `dir`, as paths relative to it with forward slashes. */
function walk(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, base));
    else out.push(relative(base, path).split(sep).join('/'));
  }
  return out.sort();
}

function parse(text) {
  return acorn.parse(text, {
    ecmaVersion: 'latest',
    sourceType: 'module',
    locations: true,
    allowHashBang: true,
  });
}

/** Calls `visit(node, parents)` for every node of the tree (parents: outermost first). */
function traverse(node, visit, parents = []) {
  if (!node || typeof node.type !== 'string') return;
  visit(node, parents);
  parents.push(node);
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const child = node[key];
    if (Array.isArray(child)) for (const c of child) traverse(c, visit, parents);
    else if (child && typeof child.type === 'string') traverse(child, visit, parents);
  }
  parents.pop();
}

/**
 * The module's static imports: [{ specifier, line, bare }]; `bare`: `import '…'`, an import for its
 * side effect only (a child element's registration), which binds nothing.
 */
function importsOf(ast) {
  const out = [];
  traverse(ast, (node) => {
    const source =
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportAllDeclaration' ||
      (node.type === 'ExportNamedDeclaration' && node.source)
        ? node.source
        : node.type === 'ImportExpression'
          ? node.source
          : null;
    const bare = node.type === 'ImportDeclaration' && node.specifiers.length === 0;
    if (source?.type === 'Literal' && typeof source.value === 'string')
      out.push({ specifier: source.value, line: node.loc.start.line, bare });
    else if (source?.type === 'TemplateLiteral' && source.expressions.length === 0)
      out.push({ specifier: source.quasis[0].value.cooked, line: node.loc.start.line });
  });
  return out;
}

/** A relative specifier as a path relative to web/ (may start with ../ when it leaves web/). */
const resolveIn = (from, specifier) => posix.normalize(posix.join(posix.dirname(from), specifier));
const isRelative = (specifier) => specifier.startsWith('./') || specifier.startsWith('../');

/** The widget a file under widgets/ belongs to: its folder, or (a flat file) the file itself. */
function widgetUnit(path) {
  const rest = path.slice('widgets/'.length);
  return rest.includes('/') ? `widgets/${rest.split('/')[0]}/` : path;
}
const inUnit = (path, unit) => (unit.endsWith('/') ? path.startsWith(unit) : path === unit);

/** A widget's entry: widgets/<tag>/index.js, or a flat widgets/<tag>.js that defines an element. */
function isWidgetEntry(path, texts) {
  if (/^widgets\/[^/]+\/index\.js$/.test(path)) return true;
  return (
    /^widgets\/[^/]+\.js$/.test(path) && /customElements\.define\(/.test(texts.get(path) ?? '')
  );
}

const literalValue = (node) => {
  if (node?.type === 'Literal' && typeof node.value === 'number') return node.value;
  if (
    node?.type === 'UnaryExpression' &&
    node.operator === '-' &&
    node.argument.type === 'Literal' &&
    typeof node.argument.value === 'number'
  )
    return -node.argument.value;
  if (node?.type === 'ArrayExpression' && node.elements.length) {
    const values = node.elements.map(literalValue);
    return values.every((v) => typeof v === 'number') ? values : undefined;
  }
  return undefined;
};
const keyName = (prop) =>
  prop.type === 'Property' && !prop.computed
    ? (prop.key.name ?? (typeof prop.key.value === 'string' ? prop.key.value : undefined))
    : undefined;
const kindOfObject = (object) => {
  for (const prop of object.properties) {
    const key = keyName(prop);
    if (
      KIND_KEYS.has(key) &&
      prop.value.type === 'Literal' &&
      typeof prop.value.value === 'string'
    ) {
      const kind = prop.value.value.toLowerCase();
      if (OPTIMIZER_KINDS.has(kind)) return kind;
    }
  }
  return undefined;
};

/**
 * Object literals of optimizer hyper-parameters next to an optimizer kind, with the kind: an object
 * with `op: 'adam'` (or kind/optimizer/torch), or one that is the value of a property of such an
 * object (`{ op: 'adam', defaults: { … } }`), or the value of a property named by a kind
 * (`{ adam: { … } }`). Yields [kind, key, value, line] for each numeric (or numeric-array) entry.
 */
function optimizerSettings(ast) {
  const out = [];
  traverse(ast, (node, parents) => {
    if (node.type !== 'ObjectExpression') return;
    let kind = kindOfObject(node);
    const parentProp = parents.at(-1);
    if (!kind && parentProp?.type === 'Property' && parentProp.value === node) {
      const key = keyName(parentProp)?.toLowerCase();
      const owner = parents.at(-2);
      if (owner?.type === 'ObjectExpression') kind = kindOfObject(owner);
      if (!kind && OPTIMIZER_KINDS.has(key)) kind = key;
    }
    if (!kind) return;
    for (const prop of node.properties) {
      const key = keyName(prop);
      const value = literalValue(prop.value);
      if (key && value !== undefined) out.push([kind, key, value, prop.loc.start.line]);
    }
  });
  return out;
}

const sameValue = (a, b) =>
  Array.isArray(a) || Array.isArray(b)
    ? Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i])
    : a === b;

/** The catalog's defaults: { kind: { key: value } }, from its literals or torch.optim's. */
function catalogDefaults(texts) {
  const text = texts.get(CATALOG);
  if (text === undefined) return TORCH_DEFAULTS;
  const defaults = {};
  try {
    for (const [kind, key, value] of optimizerSettings(parse(text)))
      (defaults[kind] ??= {})[key] ??= value;
  } catch {
    return TORCH_DEFAULTS;
  }
  return Object.keys(defaults).length ? defaults : TORCH_DEFAULTS;
}

/** Free uses of DOM globals: identifiers that are not a property name or an object key. */
function domGlobals(ast) {
  const out = [];
  traverse(ast, (node, parents) => {
    const parent = parents.at(-1);
    if (node.type === 'Identifier' && DOM_GLOBALS.has(node.name)) {
      if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed)
        return;
      if (
        parent?.type === 'Property' &&
        parent.key === node &&
        !parent.computed &&
        !parent.shorthand
      )
        return;
      if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') return;
      out.push([node.name, node.loc.start.line]);
    } else if (
      node.type === 'MemberExpression' &&
      node.object.type === 'Identifier' &&
      node.object.name === 'globalThis' &&
      !node.computed &&
      DOM_GLOBALS.has(node.property.name)
    )
      out.push([`globalThis.${node.property.name}`, node.loc.start.line]);
  });
  return out;
}

/**
 * Checks the tree at `root` (a web/ folder). Returns { violations: [{ rule, file, line, message }],
 * graph: Map(file → [imported path or package]) }.
 */
export function checkArchitecture(root) {
  const files = walk(root).filter((f) => SOURCE.test(f));
  const texts = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
  const violations = [];
  const graph = new Map();
  const add = (rule, file, line, message) => violations.push({ rule, file, line, message });
  const defaults = catalogDefaults(texts);

  for (const file of files) {
    const text = texts.get(file);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_LINES) add('file-length', file, lines, `${lines} lines (at most ${MAX_LINES})`);
    if (!SCRIPT.test(file)) continue;
    let ast;
    try {
      ast = parse(text);
    } catch (err) {
      add('parse', file, err.loc?.line ?? 0, `cannot be parsed: ${err.message}`);
      continue;
    }
    const imports = importsOf(ast).map(({ specifier, line, bare }) => ({
      specifier,
      line,
      bare,
      target: isRelative(specifier) ? resolveIn(file, specifier) : null,
    }));
    graph.set(
      file,
      imports.map((i) => i.target ?? i.specifier),
    );

    if (file.startsWith('widgets/')) {
      const unit = widgetUnit(file);
      for (const { specifier, line, target, bare } of imports) {
        // a widget that shows another element inside itself registers it, and uses it by its tag
        const registersChild = bare && target && isWidgetEntry(target, texts);
        const allowed = target
          ? registersChild ||
            inUnit(target, unit) ||
            WIDGET_MAY_IMPORT.some((p) => (p.endsWith('/') ? target.startsWith(p) : target === p))
          : WIDGET_PACKAGES.some((p) => p.test(specifier));
        if (allowed) continue;
        const what = !target
          ? `the package ${specifier}, not lit or d3`
          : isWidgetEntry(target, texts)
            ? `another widget, ${target}`
            : target.startsWith('widgets/')
              ? `${target}, a module of another widget folder (shared code belongs in model/, controllers/, charts/ or widgets/shared/)`
              : `${target}, outside what a widget may import`;
        add('widget-imports', file, line, `imports ${what}`);
      }
    }

    if (file.startsWith('chapters/')) {
      for (const { line, target } of imports) {
        if (target?.startsWith('widgets/') && !isWidgetEntry(target, texts))
          add(
            'chapter-imports-internals',
            file,
            line,
            `imports ${target}, not a widget's entry (widgets/<tag>/index.js or widgets/<tag>.js)`,
          );
      }
    }

    if (file.startsWith('model/')) {
      for (const { specifier, line, target } of imports) {
        if (/^lit(\/|$)|^@lit\//.test(specifier))
          add('model-dom', file, line, `imports ${specifier}`);
        else if (target?.startsWith('widgets/')) add('model-dom', file, line, `imports ${target}`);
      }
      for (const [name, line] of domGlobals(ast))
        add('model-dom', file, line, `uses the DOM global ${name}`);
    }

    if (file !== CATALOG) {
      for (const [kind, key, value, line] of optimizerSettings(ast)) {
        const known = defaults[kind]?.[key];
        if (known !== undefined && sameValue(value, known))
          add(
            'optimizer-default',
            file,
            line,
            `restates ${kind}'s default ${key} = ${JSON.stringify(value)} (the catalog ${CATALOG} holds it)`,
          );
      }
    }
  }
  violations.sort(
    (a, b) => a.rule.localeCompare(b.rule) || a.file.localeCompare(b.file) || a.line - b.line,
  );
  return { violations, graph };
}

const RULES = {
  'widget-imports': 'a widget imports another widget (or what a widget may not import)',
  'chapter-imports-internals': "a chapter imports a widget's internals",
  'model-dom': 'the model layer uses lit, the DOM or widgets',
  'file-length': `a source file has more than ${MAX_LINES} lines`,
  'optimizer-default': "a JS file restates an optimizer's default that the catalog holds",
  parse: 'a file cannot be parsed',
};

export function formatViolations(violations) {
  const out = [];
  for (const [rule, what] of Object.entries(RULES)) {
    const these = violations.filter((v) => v.rule === rule);
    if (!these.length) continue;
    out.push(`${rule}: ${what} (${these.length})`);
    for (const v of these) out.push(`  web/${v.file}:${v.line}  ${v.message}`);
  }
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const report = args.includes('--report');
  const rootAt = args.indexOf('--root');
  const root =
    rootAt >= 0
      ? resolve(args[rootAt + 1])
      : join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
  if (!existsSync(root)) {
    console.error(`check-architecture: no folder ${root}`);
    process.exit(2);
  }
  const { violations, graph } = checkArchitecture(root);
  const edges = [...graph.values()].reduce((n, e) => n + e.length, 0);
  if (violations.length) console.log(formatViolations(violations));
  console.log(
    `check-architecture: ${graph.size} modules, ${edges} imports, ${violations.length} violations`,
  );
  if (violations.length && !report) process.exit(1);
}
