import { describe, expect, it } from 'vitest';
import { getRawHeaders } from '../wire.js';
import { claims, setup } from './helpers.js';

describe('obtain pair', () => {
  it('issues a refresh/access pair with SimpleJWT claims and lifetimes', async () => {
    const { post, clock } = setup();
    const r = await post('api/token/', { username: 'alice', password: 'alice-password-1' });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['refresh', 'access']);
    const refresh = claims(body.refresh!);
    const access = claims(body.access!);
    expect(Object.keys(refresh)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id']);
    expect(refresh.token_type).toBe('refresh');
    expect(access.token_type).toBe('access');
    expect(refresh.iat).toBe(Math.floor(clock.t / 1000));
    expect((refresh.exp as number) - (refresh.iat as number)).toBe(86400);
    expect((access.exp as number) - (access.iat as number)).toBe(300);
    expect(access.jti).toMatch(/^[0-9a-f]{32}$/);
    expect(body.access!.split('.')[0]).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
  });

  it('answers failed logins, unknown and inactive users alike, without code', async () => {
    const { post } = setup();
    for (const creds of [
      { username: 'alice', password: 'nope' },
      { username: 'mallory', password: 'x' },
      { username: 'bob', password: 'bob-password-2' },
      { username: 12345, password: 67890 },
    ]) {
      const r = await post('api/token/', creds);
      expect(r.status).toBe(401);
      expect(r.text).toBe('{"detail":"No active account found with the given credentials"}');
      expect(r.res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    }
  });

  it('reports field errors in serializer order', async () => {
    const { post } = setup();
    expect((await post('api/token/', {})).text).toBe(
      '{"username":["This field is required."],"password":["This field is required."]}',
    );
    expect((await post('api/token/', { username: '  ', password: '' })).text).toBe(
      '{"username":["This field may not be blank."],"password":["This field may not be blank."]}',
    );
    expect((await post('api/token/', { username: null, password: null })).text).toBe(
      '{"username":["This field may not be null."],"password":["This field may not be null."]}',
    );
    expect((await post('api/token/', { username: true, password: ['x'] })).text).toBe(
      '{"username":["Not a valid string."],"password":["Not a valid string."]}',
    );
    expect((await post('api/token/', [])).text).toBe(
      '{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}',
    );
    expect((await post('api/token/', 'null')).text).toBe('{"non_field_errors":["No data provided"]}');
    expect((await post('api/token/', { username: 'a\u0000', password: 'x' })).text).toBe(
      '{"username":["Null characters are not allowed."]}',
    );
  });

  it('trims whitespace from credentials like CharField', async () => {
    const { post } = setup();
    expect((await post('api/token/', { username: ' alice ', password: '\talice-password-1\n' })).status).toBe(200);
  });

  it('parses form-encoded and multipart bodies, rejects other media types with 415', async () => {
    const { post } = setup();
    const form = await post('api/token/', 'username=alice&password=alice-password-1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(200);
    const fd = new FormData();
    fd.set('username', 'alice');
    fd.set('password', 'alice-password-1');
    const { mock } = setup();
    const multipart = await mock.fetch(mock.url('obtain'), { method: 'POST', body: fd });
    expect(multipart.status).toBe(200);
    const plain = await post('api/token/', 'hello', { 'content-type': 'text/plain;charset=UTF-8' });
    expect(plain.status).toBe(415);
    expect(plain.text).toBe('{"detail":"Unsupported media type \\"text/plain;charset=UTF-8\\" in request."}');
  });

  it('reports malformed JSON with Python json module messages', async () => {
    const { post } = setup();
    const r = await post('api/token/', '{"username":"alice","password":}');
    expect(r.status).toBe(400);
    expect(r.text).toBe('{"detail":"JSON parse error - Expecting value: line 1 column 32 (char 31)"}');
    expect((await post('api/token/', '{"a":NaN}')).text).toBe(
      `{"detail":"JSON parse error - Out of range float values are not JSON compliant: 'NaN'"}`,
    );
    expect((await post('api/token/', '{"a":\n  "b" "c"}')).text).toBe(
      `{"detail":"JSON parse error - Expecting ',' delimiter: line 2 column 7 (char 12)"}`,
    );
  });

  it('negotiates content: 406 for XML, browsable API page for HTML, 405 with Allow (5.2 casing)', async () => {
    const { post, get } = setup({ version: '5.2' });
    const xml = await post(
      'api/token/',
      { username: 'alice', password: 'alice-password-1' },
      { accept: 'application/xml' },
    );
    expect(xml.status).toBe(406);
    expect(xml.text).toBe('{"detail":"Could not satisfy the request Accept header."}');
    const html = await post('api/token/', { username: 'alice', password: 'bad' }, { accept: 'text/html' });
    expect(html.status).toBe(401);
    expect(html.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('<title>Token Obtain Pair – Django REST framework</title>');
    expect(html.res.headers.get('vary')).toBe('Accept, Cookie, Origin');
    const method = await get('api/token/');
    expect(method.status).toBe(405);
    expect(method.text).toBe('{"detail":"Method \\"GET\\" not allowed."}');
    expect(method.res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('redirects a missing trailing slash with 301 and no X-Frame-Options (5.2 headers)', async () => {
    const { mock } = setup({ version: '5.2' });
    const res = await mock.handle(new Request('https://api.example.com/api/token', { method: 'POST' }));
    expect(res!.status).toBe(301);
    expect(getRawHeaders(res!)).toEqual([
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Location', '/api/token/'],
      ['Content-Length', '0'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'same-origin'],
      ['Vary', 'Origin'],
    ]);
    // fetch follows the 301 and turns the POST into a GET, which the view refuses.
    const followed = await mock.fetch('https://api.example.com/api/token', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(followed.status).toBe(405);
  });

  it('adds username and is_staff claims on the custom endpoint', async () => {
    const { post } = setup();
    const body = JSON.parse(
      (await post('api/token/custom/', { username: 'carol', password: 'carol-password-3' })).text,
    ) as Record<string, string>;
    expect(Object.keys(claims(body.access!))).toEqual([
      'token_type',
      'exp',
      'iat',
      'jti',
      'user_id',
      'username',
      'is_staff',
    ]);
    expect(claims(body.refresh!).is_staff).toBe(true);
  });

  it('escapes non-ASCII claims in tokens but not in response bodies', async () => {
    const { post, get } = setup();
    const body = JSON.parse(
      (await post('api/token/custom/', { username: 'zoë', password: 'pässword-4' })).text,
    ) as Record<string, string>;
    expect(Buffer.from(body.access!.split('.')[1]!, 'base64url').toString()).toContain('"username":"zo\\u00eb"');
    const me = await get('api/me/', { authorization: `Bearer ${body.access}` });
    expect(me.text).toBe('{"id":4,"username":"zoë","email":""}');
  });
});
