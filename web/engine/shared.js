// One engine per page: every widget awaits the same instance, loaded on first use.
import { loadEngine } from './engine.js';

let pending = null;

export function getEngine() {
  pending ??= loadEngine().catch((err) => {
    pending = null; // a later call may try again (e.g. after a network hiccup)
    throw err;
  });
  return pending;
}
