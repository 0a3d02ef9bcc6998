/**
 * The page of the dj-rest-auth end-to-end tests, bundled by `real-server-dj-rest-auth-world.ts`:
 * an app on the API's origin that creates its client with `djRestAuth({ httpOnly: true, csrf })`
 * (`?csrf=1` in its URL) and the default storage (localStorage), and exposes a small test API on
 * `window.__djRestAuthE2e`.
 */
import { type AuthEvent, createAuthClient, djRestAuth } from '@simplejwt-client/core';
import type { DjraEventView, DjraOutcome, DjraPageApi, ErrorView } from './dj-rest-auth-api.js';
import { recordResponseBodies } from './record-bodies.js';
import { storageEntries } from './storage-entries.js';

const csrf = new URLSearchParams(location.search).get('csrf') === '1';

const bodies = recordResponseBodies();

const auth = createAuthClient<{ user_id?: number }>({
  baseUrl: `${location.origin}/`,
  backend: djRestAuth({ httpOnly: true, csrf }),
});

const errorView = (error: unknown): ErrorView => {
  if (!(error instanceof Error)) return { name: String(error) };
  const { code, reason, status, detail, fieldErrors } = error as Error & Omit<ErrorView, 'name'>;
  const view: ErrorView = { name: error.name };
  if (code !== undefined) view.code = code;
  if (reason !== undefined) view.reason = reason;
  if (status !== undefined) view.status = status;
  if (detail !== undefined) view.detail = detail;
  if (fieldErrors !== undefined) view.fieldErrors = fieldErrors;
  return view;
};

const settle = async <T>(work: () => Promise<T>): Promise<DjraOutcome<T>> => {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: errorView(error) };
  }
};

const events: DjraEventView[] = [];
auth.on((event: AuthEvent) => {
  const view: DjraEventView = { type: event.type };
  if ('source' in event) view.source = event.source;
  if ('change' in event) view.change = event.change;
  if ('outcome' in event) view.outcome = event.outcome;
  if ('rotated' in event) view.rotated = event.rotated;
  if ('error' in event && event.error) view.error = errorView(event.error);
  events.push(view);
});

const api: DjraPageApi = {
  ready: false,
  login: (credentials) => settle(() => auth.login(credentials)),
  logout: () => settle(() => auth.logout().then(() => undefined)),
  refresh: () => settle(() => auth.refresh().then(() => undefined)),
  me: () =>
    settle(async () => {
      const response = await auth.fetch('api/me/');
      const body = (await response.json().catch(() => null)) as { id?: unknown } | null;
      return { status: response.status, id: body?.id };
    }),
  state() {
    const state = auth.getState();
    const userId = state.claims?.user_id;
    return {
      status: state.status,
      userId: typeof userId === 'number' ? userId : null,
      error: state.error ? errorView(state.error) : null,
    };
  },
  events: () => events.map((event) => ({ ...event })),
  visible: () => ({
    local: storageEntries(localStorage),
    session: storageEntries(sessionStorage),
    cookie: document.cookie,
  }),
  bodies: () => [...bodies],
};

window.__djRestAuthE2e = api;
auth.ready.then(() => {
  api.ready = true;
});
