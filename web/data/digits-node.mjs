// The digits file read from disk, for node (tests, scripts).
import fs from 'node:fs';
import { parseDigits } from './digits.js';

export function readDigits(file = new URL('./digits-8x8.bin', import.meta.url)) {
  return parseDigits(fs.readFileSync(file));
}
