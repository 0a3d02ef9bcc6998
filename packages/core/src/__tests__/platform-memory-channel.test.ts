import { describe, expect, it } from 'vitest';
import { createMemoryBus, sharedMemoryBus } from '../platform/memory-channel.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createMemoryBus', () => {
  it('delivers asynchronously to every other channel of the name, never to the sender', async () => {
    const bus = createMemoryBus();
    const a = bus.open('session');
    const b = bus.open('session');
    const c = bus.open('session');
    const got: string[] = [];
    a.subscribe((message) => got.push(`a:${String(message)}`));
    b.subscribe((message) => got.push(`b:${String(message)}`));
    c.subscribe((message) => got.push(`c:${String(message)}`));
    a.post('hello');
    expect(got).toEqual([]);
    await settle();
    expect(got.sort()).toEqual(['b:hello', 'c:hello']);
  });

  it('does not cross names or buses', async () => {
    const bus = createMemoryBus();
    const got: unknown[] = [];
    bus.open('other').subscribe((message) => got.push(message));
    createMemoryBus()
      .open('session')
      .subscribe((message) => got.push(message));
    bus.open('session').post('x');
    await settle();
    expect(got).toEqual([]);
  });

  it('delivers a structured clone, unaffected by later changes to the original', async () => {
    const bus = createMemoryBus();
    const sender = bus.open('session');
    let received: unknown;
    bus.open('session').subscribe((message) => (received = message));
    const message = { type: 'refresh', at: new Date(0), nested: { n: 1 } };
    sender.post(message);
    message.nested.n = 2;
    await settle();
    expect(received).toEqual({ type: 'refresh', at: new Date(0), nested: { n: 1 } });
    expect(received).not.toBe(message);
  });

  it('stops delivery after unsubscribe and close; a closed channel posts nothing', async () => {
    const bus = createMemoryBus();
    const sender = bus.open('session');
    const receiver = bus.open('session');
    const got: unknown[] = [];
    const off = receiver.subscribe((message) => got.push(message));
    sender.post(1);
    off();
    await settle();
    expect(got).toEqual([]);

    receiver.subscribe((message) => got.push(message));
    receiver.close();
    sender.post(2);
    await settle();
    expect(got).toEqual([]);

    const listener = bus.open('session');
    listener.subscribe((message) => got.push(message));
    sender.close();
    sender.post(3);
    await settle();
    expect(got).toEqual([]);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const bus = createMemoryBus();
    const receiver = bus.open('session');
    const got: unknown[] = [];
    const errors: unknown[] = [];
    const onError = (error: unknown): void => {
      errors.push(error);
    };
    process.on('uncaughtException', onError);
    try {
      receiver.subscribe(() => {
        throw new Error('listener bug');
      });
      receiver.subscribe((message) => got.push(message));
      bus.open('session').post('m');
      await settle();
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(got).toEqual(['m']);
    expect(errors).toHaveLength(1);
  });

  it('sharedMemoryBus returns one process-wide bus', async () => {
    expect(sharedMemoryBus()).toBe(sharedMemoryBus());
    const got: unknown[] = [];
    sharedMemoryBus()
      .open('memory-channel-test')
      .subscribe((message) => got.push(message));
    sharedMemoryBus().open('memory-channel-test').post('across');
    await settle();
    expect(got).toEqual(['across']);
  });
});
