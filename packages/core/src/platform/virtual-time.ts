/** Virtual wall-clock time and a timer queue, shared by a test platform and its forks. */
export interface VirtualTime {
  /** Current virtual wall-clock time in ms. */
  now(): number;
  /** Jumps the wall clock; timers keep counting on the monotonic clock, so none fires. */
  setNow(ms: number): void;
  /** Queues `callback` after `ms` of monotonic time on behalf of `owner`; returns its id. */
  schedule(owner: object, callback: () => void, ms: number): number;
  /** Drops the timer `id`, if still pending. */
  cancel(id: unknown): void;
  /** Timers of `owner` not yet fired or cancelled. */
  pending(owner: object): number;
  /** Moves time forward by `ms`, firing due timers in order and flushing after each one. */
  advance(ms: number): Promise<void>;
  /** Awaits a few real macrotasks so promise chains and async I/O settle. */
  flush(): Promise<void>;
}

interface PendingTimer {
  readonly id: number;
  /** Due time on the monotonic clock, which `setNow` does not move. */
  readonly due: number;
  readonly callback: () => void;
  readonly owner: object;
}

// Several real turns: enough for msw handlers, stream reads and chained awaits to settle. The
// last rounds are real timer turns, which also give the thread pool (WebCrypto in a mock server)
// time to answer.
const FLUSH_ROUNDS = 5;
const FLUSH_TIMER_ROUNDS = 2;

/** Captures the real timers now, so fake timers installed later do not stall `flush()`. */
const realMacrotask = (): ((viaTimer?: boolean) => Promise<void>) => {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  const timeout = globalThis.setTimeout;
  return (viaTimer = false) =>
    new Promise<void>((resolve) => {
      if (typeof immediate === 'function' && !viaTimer) immediate(resolve);
      else timeout(resolve, 0);
    });
};

/** Creates virtual time starting at wall-clock `start` (ms since the epoch). */
export function createVirtualTime(start: number): VirtualTime {
  let wall = start;
  let monotonic = 0;
  let nextId = 1;
  const timers = new Map<number, PendingTimer>();
  const macrotask = realMacrotask();

  // Ids grow with scheduling order, so the lowest id breaks ties between equal due times.
  const nextDue = (until: number): PendingTimer | undefined => {
    let next: PendingTimer | undefined;
    for (const timer of timers.values()) {
      if (timer.due > until) continue;
      if (next === undefined || timer.due < next.due || (timer.due === next.due && timer.id < next.id)) {
        next = timer;
      }
    }
    return next;
  };

  const flush = async (): Promise<void> => {
    for (let round = 0; round < FLUSH_ROUNDS; round += 1) await macrotask();
    for (let round = 0; round < FLUSH_TIMER_ROUNDS; round += 1) {
      await macrotask(true);
      await macrotask();
    }
  };

  return {
    now: () => wall,
    setNow(ms) {
      wall = ms;
    },
    schedule(owner, callback, ms) {
      const id = nextId++;
      const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
      timers.set(id, { id, due: monotonic + delay, callback, owner });
      return id;
    },
    cancel(id) {
      if (typeof id === 'number') timers.delete(id);
    },
    pending: (owner) => [...timers.values()].filter((timer) => timer.owner === owner).length,
    async advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`advance(ms) needs a non-negative number, got ${ms}`);
      const target = monotonic + ms;
      const errors: unknown[] = [];
      await flush();
      for (let timer = nextDue(target); timer !== undefined; timer = nextDue(target)) {
        timers.delete(timer.id);
        wall += timer.due - monotonic;
        monotonic = timer.due;
        try {
          timer.callback();
        } catch (error) {
          // Keep time consistent and report after: a real timer's throw does not stop the others.
          errors.push(error);
        }
        await flush();
      }
      wall += target - monotonic;
      monotonic = target;
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new AggregateError(errors, 'Several timer callbacks threw');
    },
    flush,
  };
}
