// The training module (normlab-train.{js,wasm}) in a browser page or worker, wrapped as a
// TrainEngine. The loader and the binary come in through two import names that the Vite config
// maps to the build folder: 'normlab-train-wasm' (the Emscripten loader) and
// 'normlab-train-wasm-binary' (its .wasm, imported with ?url). The bytes are fetched here and
// handed to the loader (wasmBinary): in a module worker the loader is in neither of its
// environments ("web" needs window, "worker" importScripts), and without a fallback there it fails
// outright when a server sends .wasm with a type other than application/wasm. A single-file build
// maps the binary's name to a module whose default is null (the binary would otherwise be inlined
// twice): there the loader takes its own inlined data: URL (the offline CSP has connect-src data:).
// @ts-expect-error -- an alias of the Vite config (scripts/lib/vite-train-wasm.mjs), no types
import createNormLabTrain from 'normlab-train-wasm';
import wasmUrl from 'normlab-train-wasm-binary?url';
import { loadTrainEngine } from './train-engine.js';
import { dataUrlBytes } from '../data/digits-load.js';

async function wasmBytes(url) {
  if (url.startsWith('data:')) return dataUrlBytes(url);
  const response = await fetch(new URL(url, import.meta.url));
  if (!response.ok) throw new Error(`the training module failed to load (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

let engine;
/** The TrainEngine, loaded once per page or worker. */
export function loadBrowserTrainEngine() {
  engine ??= wasmUrl
    ? wasmBytes(wasmUrl).then((wasmBinary) => loadTrainEngine({ wasmBinary }, createNormLabTrain))
    : loadTrainEngine({}, createNormLabTrain);
  return engine;
}
