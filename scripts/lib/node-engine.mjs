// Loads the Wasm engine in Node. The Emscripten 3.1.6 loader would try fetch() on a file path, so
// the binary is read here and handed over. NORMLAB_WASM_DIR picks another build folder (default
// build/wasm); the loader and the binary always come from the same folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadEngine } from '../../web/engine/engine.js';
import { loadTrainEngine } from '../../web/engine/train-engine.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const wasmDir = path.resolve(root, process.env.NORMLAB_WASM_DIR ?? 'build/wasm');

export async function loadNodeEngine() {
  const wasmPath = path.join(wasmDir, 'normlab.wasm');
  if (!fs.existsSync(wasmPath)) {
    throw new Error(`${wasmPath} is missing: build it with "npm run build:wasm"`);
  }
  const { default: factory } = await import(pathToFileURL(path.join(wasmDir, 'normlab.js')).href);
  return loadEngine({ wasmBinary: fs.readFileSync(wasmPath) }, factory);
}

/**
 * The training module (normlab-train.{js,wasm}, web/engine/train-engine.js) from the same
 * folder.
 */
export async function loadNodeTrainEngine() {
  const wasmPath = path.join(wasmDir, 'normlab-train.wasm');
  if (!fs.existsSync(wasmPath)) {
    throw new Error(`${wasmPath} is missing: build it with "npm run build:wasm"`);
  }
  const { default: factory } = await import(
    pathToFileURL(path.join(wasmDir, 'normlab-train.js')).href
  );
  return loadTrainEngine({ wasmBinary: fs.readFileSync(wasmPath) }, factory);
}
