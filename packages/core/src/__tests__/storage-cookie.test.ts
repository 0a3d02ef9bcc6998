import { afterEach, describe, expect, it, vi } from 'vitest';
import { cookieStorage } from '../storage/cookie.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A tiny cookie jar behind a `document.cookie`-like accessor, recording every write. */
const fakeDocument = () => {
  const jar = new Map<string, string>();
  const writes: string[] = [];
  return {
    jar,
    writes,
    get cookie(): string {
      return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(written: string) {
      writes.push(written);
      const [pair = '', ...attributes] = written.split('; ');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      if (attributes.includes('Max-Age=0')) jar.delete(name);
      else jar.set(name, pair.slice(separator + 1));
    },
  };
};

const session = '{"v":1,"access":"a.b.c","refresh":"d.e.f","offset":-1234}';

describe('cookieStorage', () => {
  it('round-trips values through URI encoding', () => {
    const document = fakeDocument();
    document.jar.set('other', 'x');
    const storage = cookieStorage({ document });
    storage.setItem('simplejwt-client', session);
    expect(document.jar.get('simplejwt-client')).toBe(encodeURIComponent(session));
    expect(storage.getItem('simplejwt-client')).toBe(session);
    expect(storage.getItem('missing')).toBeNull();
    expect(storage.getItem('other')).toBe('x');
  });

  it('writes Path=/ and SameSite=Lax as a session cookie by default, Secure on https pages', () => {
    const document = fakeDocument();
    vi.stubGlobal('location', { protocol: 'http:' });
    cookieStorage({ document }).setItem('k', 'v');
    expect(document.writes.at(-1)).toBe('k=v; Path=/; SameSite=Lax');
    vi.stubGlobal('location', { protocol: 'https:' });
    cookieStorage({ document }).setItem('k', 'v');
    expect(document.writes.at(-1)).toBe('k=v; Path=/; SameSite=Lax; Secure');
  });

  it('writes the configured Path, Domain, Max-Age, SameSite and Secure', () => {
    const document = fakeDocument();
    cookieStorage({
      document,
      path: '/app',
      domain: '.example.com',
      maxAgeSeconds: 86_400,
      sameSite: 'Strict',
      secure: true,
    }).setItem('k', 'v');
    expect(document.writes.at(-1)).toBe('k=v; Path=/app; Domain=.example.com; Max-Age=86400; SameSite=Strict; Secure');
  });

  it('forces Secure with SameSite=None', () => {
    const document = fakeDocument();
    cookieStorage({ document, sameSite: 'None', secure: false }).setItem('k', 'v');
    expect(document.writes.at(-1)).toBe('k=v; Path=/; SameSite=None; Secure');
  });

  it('removes with Max-Age=0 and the same Path and Domain', () => {
    const document = fakeDocument();
    const storage = cookieStorage({ document, path: '/app', domain: '.example.com', secure: false });
    storage.setItem('k', 'v');
    storage.removeItem('k');
    expect(document.writes.at(-1)).toBe('k=; Path=/app; Domain=.example.com; Max-Age=0; SameSite=Lax');
    expect(storage.getItem('k')).toBeNull();
  });

  it('refuses values over the cookie size limit with a clear error', () => {
    const document = fakeDocument();
    const storage = cookieStorage({ document });
    expect(() => storage.setItem('k', 'x'.repeat(5000))).toThrow(/4000-byte limit/);
    // Escaped characters count at their encoded size.
    expect(() => storage.setItem('k', '"'.repeat(1500))).toThrow(/4000-byte limit/);
    expect(document.writes).toEqual([]);
    storage.setItem('k', 'x'.repeat(3900));
    expect(storage.getItem('k')).toHaveLength(3900);
  });

  it('treats a malformed foreign cookie value as absent', () => {
    const document = fakeDocument();
    document.jar.set('k', '%E0%A4%A');
    expect(cookieStorage({ document }).getItem('k')).toBeNull();
  });

  it('uses globalThis.document when none is given, and errors clearly without one', () => {
    const document = fakeDocument();
    const storage = cookieStorage();
    vi.stubGlobal('document', document);
    storage.setItem('k', 'v');
    expect(document.jar.get('k')).toBe('v');
    vi.stubGlobal('document', undefined);
    expect(() => storage.getItem('k')).toThrow(/no document/);
  });
});
