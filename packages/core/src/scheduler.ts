import type { Clock, TimerHandle, Timers } from './platform/types.js';

/** setTimeout's ceiling: longer delays fire at once in every engine. */
const maxTimerDelay = 2 ** 31 - 1;

/** One timer per client: fires `onDue` at a wall-clock time, re-checking the clock when it wakes. */
export interface Scheduler {
  /** Runs `onDue` at `atMs` (client clock), replacing any earlier schedule. */
  scheduleAt(atMs: number): void;
  /** Cancels the pending schedule. */
  cancel(): void;
}

/**
 * A timer is only a hint: a sleeping laptop or a throttled background tab fires it late, and a
 * changed clock early. So it re-reads the clock when it fires, and callers also check expiry
 * before each request and on wake-up signals.
 */
export function createScheduler(clock: Clock, timers: Timers, onDue: () => void): Scheduler {
  let handle: TimerHandle | undefined;
  let dueAt: number | null = null;

  const cancel = (): void => {
    if (handle !== undefined) timers.clearTimeout(handle);
    handle = undefined;
    dueAt = null;
  };

  const arm = (): void => {
    if (dueAt === null) return;
    const delay = dueAt - clock.now();
    if (delay <= 0) {
      dueAt = null;
      onDue();
      return;
    }
    handle = timers.setTimeout(
      () => {
        handle = undefined;
        arm();
      },
      Math.min(delay, maxTimerDelay),
    );
  };

  return {
    scheduleAt(atMs) {
      cancel();
      dueAt = atMs;
      arm();
    },
    cancel,
  };
}
