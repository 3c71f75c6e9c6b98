// Drives one TrainingClient for the e2e test: window.lab.run(config, prefer) resolves with every
// message of the run, the mode it ran in, and how many timer ticks the page got while it ran
// (the event loop was free between slices).
import { TrainingClient } from '../../../web/engine/train-client.js';

function run(config, { prefer = 'auto', pauseAfterFirst = false } = {}) {
  return new Promise((resolve) => {
    const messages = [];
    let ticks = 0;
    let last = performance.now();
    let longestGap = 0; // the longest the page waited for its 1 ms timer (reported, not asserted)
    let loadingGap = 0;
    const timer = setInterval(() => {
      ticks++;
      const t = performance.now();
      longestGap = Math.max(longestGap, t - last);
      last = t;
    }, 1);
    let paused = false;
    const client = new TrainingClient({
      prefer,
      onMessage: (m) => {
        messages.push(m);
        // from here on the gaps are the run's slices, not the loading of the module and data
        if (m.type === 'started') {
          loadingGap = longestGap;
          longestGap = 0;
        }
        if (m.type === 'records' && pauseAfterFirst && !paused && m.step > 0) {
          paused = true;
          client.pause();
        } else if (m.type === 'paused') {
          // step twice by hand, then let it run to the end
          client.step(1);
          client.step(1);
          setTimeout(() => client.resume(), 20);
        } else if (m.type === 'done' || m.type === 'error') {
          clearInterval(timer);
          const mode = client.mode;
          client.terminate();
          document.getElementById('status').textContent = m.type;
          const slices = messages.filter((x) => x.type === 'records').map((x) => x.sliceMs);
          resolve({
            messages,
            mode,
            ticks,
            longestGap,
            loadingGap,
            longestSlice: Math.max(...slices),
          });
        }
      },
    });
    client.start(config);
  });
}

window.lab = { run };
document.getElementById('status').textContent = 'ready';
