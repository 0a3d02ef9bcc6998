/**
 * Per-request overhead against a loopback Node HTTP server, and `getAccessToken()` with a valid
 * token: ns/op with storage reads, token decodes and lock acquisitions per call.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import ky from 'ky';
import { createAuthClient, detectPlatform, memoryStorage } from '@simplejwt-client/core';
import { createAuthAxios } from '@simplejwt-client/core/axios';
import { createAuthKy } from '@simplejwt-client/core/ky';
import { decodeCount } from './counting-jwt-decode.js';
import { countingLocks, countingStorage, mintToken } from './support.js';

/** A loopback server: obtain returns 1-hour tokens, everything else `{"id":1}`. */
async function loopback() {
  const server = createServer((req, res) => {
    if (req.url === '/api/token/' && req.method === 'POST') {
      req.resume();
      const body = JSON.stringify({
        access: mintToken('access', Date.now(), 3600),
        refresh: mintToken('refresh', Date.now(), 86_400),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}');
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface OverheadResult {
  requests: number;
  /** µs per request, by variant: the median of the blocks' means. */
  micros: Record<'fetch' | 'authFetch' | 'ky' | 'authKy' | 'axiosHttp' | 'axios' | 'authAxios', number>;
}

export async function requestOverhead(total = 10_000, blocks = 20): Promise<OverheadResult> {
  const server = await loopback();
  const auth = createAuthClient({ baseUrl: server.url, storage: memoryStorage() });
  try {
    await auth.login({ username: 'alice', password: 'x' });
    const api = createAuthKy(auth, { retry: 0 });
    const plainKy = ky.create({ baseUrl: server.url, retry: 0 });
    // Plain axios on the transport the auth instance uses (its fetch adapter), and on Node's default (http).
    const plainAxios = axios.create({ baseURL: server.url, adapter: 'fetch', responseType: 'text' });
    const plainAxiosHttp = axios.create({ baseURL: server.url, responseType: 'text' });
    const authAxios = createAuthAxios(auth, { responseType: 'text' });
    const me = `${server.url}api/me/`;
    const variants = {
      fetch: async () => (await fetch(me)).text(),
      authFetch: async () => (await auth.fetch('api/me/')).text(),
      ky: () => plainKy.get('api/me/').text(),
      authKy: () => api.get('api/me/').text(),
      axiosHttp: async () => (await plainAxiosHttp.get('api/me/')).data,
      axios: async () => (await plainAxios.get('api/me/')).data,
      authAxios: async () => (await authAxios.get('api/me/')).data,
    };
    const names = Object.keys(variants) as Array<keyof typeof variants>;
    const blockMicros = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<
      keyof typeof variants,
      number[]
    >;
    // Warm-up, then interleaved blocks so drift (JIT, GC, other processes) hits every variant alike;
    // the median block is reported, which a burst of load from another process cannot move much.
    for (const name of names) for (let i = 0; i < 300; i++) await variants[name]();
    const perBlock = Math.ceil(total / blocks);
    for (let b = 0; b < blocks; b++) {
      for (const name of b % 2 ? [...names].reverse() : names) {
        const start = process.hrtime.bigint();
        for (let i = 0; i < perBlock; i++) await variants[name]();
        blockMicros[name].push(Number(process.hrtime.bigint() - start) / perBlock / 1000);
      }
    }
    const median = (values: number[]): number => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const micros = Object.fromEntries(names.map((n) => [n, median(blockMicros[n])])) as OverheadResult['micros'];
    return { requests: perBlock * blocks, micros };
  } finally {
    auth.destroy();
    await server.close();
  }
}

export interface AccessTokenResult {
  calls: number;
  nsPerOp: number;
  storageReads: number;
  storageWrites: number;
  decodes: number;
  locks: number;
  /** Whether decodes were counted (only under run.ts's resolve hook). */
  decodesCounted: boolean;
}

/** `getAccessToken()` with a valid token, on the default (real) platform. */
export async function accessTokenCost(calls = 200_000): Promise<AccessTokenResult> {
  const real = detectPlatform();
  const { locks, counts: lockCounts } = countingLocks(real.locks);
  const { storage, counts } = countingStorage(memoryStorage());
  const session = { access: mintToken('access', Date.now(), 3600), refresh: mintToken('refresh', Date.now(), 86_400) };
  const fetchTokens = (async () =>
    new Response(JSON.stringify(session), { headers: { 'content-type': 'application/json' } })) as typeof fetch;
  const auth = createAuthClient({
    baseUrl: 'https://api.example.com/',
    storage,
    platform: { ...real, locks, fetch: fetchTokens },
  });
  try {
    await auth.login({ username: 'alice', password: 'x' });
    for (let i = 0; i < 10_000; i++) await auth.getAccessToken();
    const before = {
      reads: counts.getItem,
      writes: counts.setItem + counts.removeItem,
      locks: lockCounts.requests,
      decodes: decodeCount(),
    };
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await auth.getAccessToken();
    const ns = Number(process.hrtime.bigint() - start);
    return {
      calls,
      nsPerOp: ns / calls,
      storageReads: counts.getItem - before.reads,
      storageWrites: counts.setItem + counts.removeItem - before.writes,
      decodes: decodeCount() - before.decodes,
      locks: lockCounts.requests - before.locks,
      decodesCounted: decodeCount() > 0,
    };
  } finally {
    auth.destroy();
  }
}
