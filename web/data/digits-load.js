// The digits file for the page and the worker, as bytes. It is imported as an inlined data URL in
// a chunk of its own (loaded on first use only) and decoded here rather than fetched: the offline
// single file's CSP has connect-src 'self', which refuses fetch('data:...'), and a file:// page
// cannot fetch at all. The same code runs in the site, the offline file and a worker.
import { parseDigits } from './digits.js';

export function dataUrlBytes(url) {
  const comma = url.indexOf(',');
  const binary = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let digits;
/** The parsed digits ({train, heldOut}, see digits.js), loaded once. */
export function loadDigits() {
  digits ??= import('./digits-8x8.bin?inline').then((m) => parseDigits(dataUrlBytes(m.default)));
  return digits;
}
