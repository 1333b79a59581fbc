/**
 * The app's one clock: real time shifted by a configured offset (`CLOCK_START` or
 * `CLOCK_OFFSET_MS`), so that the server, the demo seed, the database's `app_now()` and the
 * tests can all live on one chosen date. Durations still run in real time.
 */
export class Clock {
  constructor(readonly offsetMs = 0) {}

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }
}
