// Page entry: loads the engine, then the app. When the Wasm module is ready the document says so
// (data-engine="ready"), which the e2e tests and any embedding page can wait for.
import './styles/page.css';
import { applyTheme, currentTheme } from './theme.js';
import './app.js';
import { getEngine } from './engine/shared.js';
// the hosted site's service worker and update banner (web/pwa/register.js); nothing elsewhere
import 'normlab-pwa';

applyTheme(currentTheme());

getEngine().then(
  () => {
    document.documentElement.dataset.engine = 'ready';
  },
  (err) => {
    document.documentElement.dataset.engine = 'failed';
    console.error('NormLab: the engine could not be loaded:', err);
  },
);
