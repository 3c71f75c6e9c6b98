// Loads the Wasm engine in Node: the Emscripten 3.1.6 loader would try fetch() on a file path,
// so the binary is read here and handed over.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../../web/engine/engine.js';

export const wasmPath = fileURLToPath(new URL('../../build/wasm/normlab.wasm', import.meta.url));

export function loadNodeEngine() {
  if (!fs.existsSync(wasmPath)) {
    throw new Error(`${wasmPath} is missing: build it with "npm run build:wasm"`);
  }
  return loadEngine({ wasmBinary: fs.readFileSync(wasmPath) });
}
