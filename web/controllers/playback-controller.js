// One clock for every animation on the page (the race's trajectories, the reduction's steps, the
// BatchNorm stepper's batches): a Lit ReactiveController whose `position` is a pure function of when
// play() was pressed, the speed and the time now, so a frame dropped or a slow machine only skips
// pictures, never changes where the animation is. Reduced motion (prefers-reduced-motion) makes the
// position jump `reducedStride` steps at a time instead of gliding. Time and the frame scheduler are
// injected, so a node test drives it with a fake clock (tests/js/playback-controller.test.mjs).
//   #playback = new PlaybackController(this, { stepsPerSecond: 25, end: () => this.steps });
//   ... this.#playback.position, .playing, .play(), .pause(), .step(1), .seek(0), .setSpeed(2)

/** The browser's clock: performance.now() and requestAnimationFrame. */
export const browserClock = {
  now: () => performance.now(),
  request: (callback) => requestAnimationFrame(callback),
  cancel: (id) => cancelAnimationFrame(id),
};

/** Whether the reader asked for less motion (false where matchMedia is missing, as in node). */
export const prefersReducedMotion = () =>
  globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class PlaybackController {
  #host;
  #options;
  #frame = null;
  #anchor = null; // {time, position}: while playing the position moves linearly from here
  /** Where the animation is: a number of steps, fractional while gliding between two. */
  position = 0;
  /** Whether the clock runs. */
  playing = false;
  /** A multiplier of stepsPerSecond (the widgets' 0.25× … 4× menus). */
  speed = 1;

  /**
   * @param {import('lit').ReactiveControllerHost} host updated on every frame
   * @param {object} options
   * @param {number} [options.stepsPerSecond] steps per second at speed 1 (default 1)
   * @param {() => number} [options.end] the last position; playing stops there (default: never)
   * @param {(whole: number) => boolean | void} [options.onStep] called once for each whole step
   *   the position passes while playing (at most one per frame; a late frame catches up on the
   *   next ones); returning false stops the clock there (the stepper's "no more batches")
   * @param {() => number} [options.reducedStride] the jump under reduced motion (default 1)
   * @param {{now: () => number, request: (cb) => any, cancel: (id) => void}} [options.clock]
   * @param {() => boolean} [options.reducedMotion] read at play() and at each frame
   */
  constructor(host, options = {}) {
    this.#host = host;
    this.#options = {
      stepsPerSecond: 1,
      end: () => Infinity,
      onStep: null,
      reducedStride: () => 1,
      clock: browserClock,
      reducedMotion: prefersReducedMotion,
      ...options,
    };
    host.addController?.(this);
  }

  /** Whether positions jump (reduced motion) rather than glide. */
  get reduced() {
    return this.#options.reducedMotion();
  }

  /** How far the newest step has come, 0 to 1 (1 under reduced motion and while paused). */
  get fraction() {
    if (!this.playing || this.reduced) return 1;
    return this.position - Math.floor(this.position);
  }

  /** The position the clock gives at time `now` (pure: anchor, speed, time). */
  positionAt(now) {
    if (!this.#anchor) return this.position;
    const { time, position } = this.#anchor;
    // a frame's timestamp can precede the click that started the clock by a few ms
    const steps = (Math.max(0, now - time) / 1000) * this.#options.stepsPerSecond * this.speed;
    const stride = Math.max(1, this.#options.reducedStride());
    const moved = this.reduced ? Math.floor(steps / stride) * stride : steps;
    return Math.min(position + moved, this.#options.end());
  }

  /** Starts the clock from the current position (from 0 when it is at the end). */
  play() {
    if (this.position >= this.#options.end()) this.position = 0;
    this.playing = true;
    this.#anchor = { time: this.#options.clock.now(), position: this.position };
    this.#schedule();
    this.#host.requestUpdate();
  }

  /** Stops the clock where it is. */
  pause() {
    if (!this.playing) return;
    this.#stop();
    this.#host.requestUpdate();
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Moves `delta` whole steps from the current one (stops the clock, as a step button does). */
  step(delta = 1) {
    this.#stop();
    const base = delta > 0 ? Math.floor(this.position) : Math.ceil(this.position);
    this.position = Math.max(0, Math.min(this.#options.end(), base + delta));
    this.#host.requestUpdate();
  }

  /** Jumps to `position` (a scrubber); a running clock goes on from there. */
  seek(position) {
    this.position = Math.max(0, Math.min(this.#options.end(), position));
    if (this.playing) this.#anchor = { time: this.#options.clock.now(), position: this.position };
    this.#host.requestUpdate();
  }

  /** Changes the speed without a jump: a running clock goes on from where it is now. */
  setSpeed(speed) {
    if (this.playing) {
      const now = this.#options.clock.now();
      this.position = this.positionAt(now);
      this.#anchor = { time: now, position: this.position };
    }
    this.speed = speed;
    this.#host.requestUpdate();
  }

  hostDisconnected() {
    this.#stop();
  }

  #stop() {
    if (this.#frame !== null) this.#options.clock.cancel(this.#frame);
    this.#frame = null;
    this.#anchor = null;
    this.playing = false;
  }

  #schedule() {
    if (this.#frame !== null) this.#options.clock.cancel(this.#frame);
    this.#frame = this.#options.clock.request((now) => this.#tick(now));
  }

  #tick(now) {
    this.#frame = null;
    if (!this.playing) return;
    const { onStep, end } = this.#options;
    let next = this.positionAt(now);
    if (onStep && Math.floor(next) > Math.floor(this.position)) {
      // one whole step per frame, as the stepper draws one batch per frame
      const whole = Math.floor(this.position) + 1;
      if (onStep(whole) === false) {
        this.position = whole;
        this.#stop();
        this.#host.requestUpdate();
        return;
      }
      // behind the clock: the newest step is drawn (nearly) whole, the next frames catch up
      next = Math.min(next, whole + 0.999999);
    }
    this.position = next;
    if (this.position >= end()) {
      this.#stop();
    } else {
      this.#schedule();
    }
    this.#host.requestUpdate();
  }
}
