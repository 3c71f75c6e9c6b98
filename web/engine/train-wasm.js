// The training module (normlab-train.{js,wasm}) in a browser page or worker, wrapped as a
// TrainEngine. The loader and the binary come in through two import names that the Vite config
// maps to the build folder: 'normlab-train-wasm' (the Emscripten loader) and
// 'normlab-train-wasm-binary' (its .wasm, imported with ?url). The bytes are handed to the loader
// (wasmBinary) rather than letting it find them: a module worker is neither of the loader's
// environments ("web": window, "worker": importScripts), and in a single-file build the URL is a
// data: URL that is decoded here instead of fetched.
import createNormLabTrain from 'normlab-train-wasm';
import wasmUrl from 'normlab-train-wasm-binary?url';
import { loadTrainEngine } from '../../scripts/lib/train-engine.mjs';
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
  engine ??= wasmBytes(wasmUrl).then((wasmBinary) =>
    loadTrainEngine({ wasmBinary }, createNormLabTrain),
  );
  return engine;
}
