import type { MaybePromise } from './adapter.js';

/** Whether `value` is a promise (or any thenable, like some storage libraries return). */
export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Applies `next` right away to a plain value, or after it settles for a promise: sync stays sync. */
export function thenMaybe<T, U>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
}
