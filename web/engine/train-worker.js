// The training worker: a module worker that runs one TrainingSession (web/model/
// training-session.js) and posts what it emits. Started by web/model/training-client.js as
//   new Worker(new URL('../engine/train-worker.js', import.meta.url), {type: 'module'})
// which Vite bundles into a same-origin file of its own, so it loads under the site's
// script-src 'self'. Messages in: {type: 'start', config, paused?}, {type: 'pause' | 'resume' |
// 'reset' | 'cancel'}, {type: 'step', count}.
import { TrainingSession, handleCommand } from '../model/training-session.js';
import { loadBrowserTrainEngine } from './train-wasm.js';
import { loadTrainingData } from '../model/training-data.js';

const session = new TrainingSession({
  loadEngine: loadBrowserTrainEngine,
  loadData: loadTrainingData,
  emit: (message) => self.postMessage(message),
});

self.onmessage = ({ data }) => handleCommand(session, data);
self.postMessage({ type: 'ready' });
