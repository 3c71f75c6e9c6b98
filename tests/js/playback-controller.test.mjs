// web/controllers/playback-controller.js with a fake host and a clock the test moves by hand:
// the position is a function of play time and speed, pause/step/seek/setSpeed keep it continuous,
// reduced motion jumps whole strides, onStep sees each whole step once, and a host leaving the page
// stops the clock. No timing is asserted: the test decides what time it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlaybackController } from '../../web/controllers/playback-controller.js';

/** A clock whose frames run only when the test calls frame(ms later). */
function fakeClock() {
  let now = 1000;
  let pending = new Map();
  let id = 0;
  return {
    now: () => now,
    request(cb) {
      pending.set(++id, cb);
      return id;
    },
    cancel: (handle) => pending.delete(handle),
    /** Moves time by `ms` and runs the frames due. */
    frame(ms) {
      now += ms;
      const due = pending;
      pending = new Map();
      for (const cb of due.values()) cb(now);
    },
    get scheduled() {
      return pending.size;
    },
  };
}

function fakeHost() {
  return {
    updates: 0,
    controllers: [],
    addController(c) {
      this.controllers.push(c);
    },
    requestUpdate() {
      this.updates += 1;
    },
  };
}

function setup(options = {}) {
  const clock = fakeClock();
  const host = fakeHost();
  let reduced = false;
  const playback = new PlaybackController(host, {
    stepsPerSecond: 10,
    end: () => 50,
    clock,
    reducedMotion: () => reduced,
    ...options,
  });
  return { clock, host, playback, setReduced: (v) => (reduced = v) };
}

test('the position follows play time × steps per second × speed, and stops at the end', () => {
  const { clock, host, playback } = setup();
  assert.equal(host.controllers[0], playback);
  playback.play();
  assert.equal(playback.playing, true);
  clock.frame(500);
  assert.equal(playback.position, 5);
  assert.ok(host.updates >= 2);
  playback.setSpeed(2);
  clock.frame(500);
  assert.equal(playback.position, 15, 'a speed change goes on from where the clock was');
  playback.pause();
  clock.frame(1000);
  assert.equal(playback.position, 15, 'paused: time passes, the position does not move');
  assert.equal(clock.scheduled, 0);
  playback.play();
  clock.frame(10_000);
  assert.equal(playback.position, 50);
  assert.equal(playback.playing, false, 'the clock stops at the end');
  playback.play();
  assert.equal(playback.position, 0, 'play at the end starts again from 0');
});

test('step, seek and the fraction of the newest step', () => {
  const { clock, playback } = setup();
  playback.play();
  clock.frame(250);
  assert.equal(playback.position, 2.5);
  assert.equal(playback.fraction, 0.5);
  playback.step(1);
  assert.equal(playback.playing, false, 'a step stops the clock');
  assert.equal(playback.position, 3);
  assert.equal(playback.fraction, 1);
  playback.step(-1);
  assert.equal(playback.position, 2);
  playback.step(-5);
  assert.equal(playback.position, 0, 'never before the start');
  playback.seek(40);
  playback.play();
  clock.frame(200);
  assert.equal(playback.position, 42);
  playback.seek(10);
  clock.frame(100);
  assert.equal(playback.position, 11, 'a running clock goes on from the seek');
  playback.seek(999);
  assert.equal(playback.position, 50);
});

test('reduced motion jumps whole strides instead of gliding', () => {
  const { clock, playback, setReduced } = setup({ reducedStride: () => 5 });
  setReduced(true);
  playback.play();
  clock.frame(450);
  assert.equal(playback.position, 0, '4.5 steps due: not yet a stride');
  clock.frame(100);
  assert.equal(playback.position, 5);
  assert.equal(playback.fraction, 1);
  setReduced(false);
  clock.frame(20);
  assert.ok(Math.abs(playback.position - 5.7) < 1e-9, 'gliding again from the same clock');
});

test('onStep sees each whole step once, one per frame, and can stop the clock', () => {
  const seen = [];
  const { clock, playback } = setup({
    onStep: (whole) => {
      seen.push(whole);
      return whole < 4;
    },
  });
  playback.play();
  clock.frame(50);
  assert.deepEqual(seen, []);
  clock.frame(100);
  assert.deepEqual(seen, [1]);
  clock.frame(250); // 4 steps due, one taken per frame
  assert.deepEqual(seen, [1, 2]);
  assert.ok(playback.position < 3);
  clock.frame(0);
  clock.frame(0);
  assert.deepEqual(seen, [1, 2, 3, 4]);
  assert.equal(playback.playing, false, 'onStep returned false');
  assert.equal(playback.position, 4);
});

test('a host leaving the page stops the clock', () => {
  const { clock, playback } = setup();
  playback.play();
  clock.frame(100);
  playback.hostDisconnected();
  assert.equal(playback.playing, false);
  assert.equal(clock.scheduled, 0);
  clock.frame(1000);
  assert.equal(playback.position, 1);
});
