import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, expect, it } from 'vitest';
import { AuthProvider, useAuth, useAuthState } from '../index.js';
import { alice, setup } from './support.js';

let teardown: () => void = () => {};
afterEach(() => {
  cleanup();
  teardown();
});

it('re-renders only when the selected slice changes, unlike useAuth', async () => {
  const env = setup();
  teardown = env.teardown;
  const auth = env.client();
  await auth.ready;
  await auth.login(alice);
  let stateChanges = 0;
  auth.subscribe(() => stateChanges++);

  let sliceRenders = 0;
  let wholeRenders = 0;
  function Slice() {
    sliceRenders++;
    // A new selector function on every render.
    return <p>slice: {useAuthState((s) => s.status)}</p>;
  }
  function Whole() {
    wholeRenders++;
    return <p>whole: {useAuth().status}</p>;
  }
  render(
    <AuthProvider client={auth}>
      <Slice />
      <Whole />
    </AuthProvider>,
  );
  expect([sliceRenders, wholeRenders]).toEqual([1, 1]);

  // A refresh changes isRefreshing twice (and expiresAt) but not the status.
  await act(() => auth.refresh());
  expect(stateChanges).toBeGreaterThanOrEqual(2);
  expect(wholeRenders).toBeGreaterThan(1);
  expect(sliceRenders).toBe(1);
  expect(screen.getByText('slice: authenticated')).toBeTruthy();

  await act(() => auth.logout());
  expect(sliceRenders).toBe(2);
  expect(screen.getByText('slice: unauthenticated')).toBeTruthy();
});

it('renders once per parent render with an inline selector, and reads the state with the latest selector', async () => {
  const env = setup();
  teardown = env.teardown;
  const auth = env.client();
  await auth.ready;

  let renders = 0;
  let setField!: (field: 'status' | 'user') => void;
  function Field() {
    const [field, set] = useState<'status' | 'user'>('status');
    setField = set;
    renders++;
    const value = useAuthState((s: { status: string; claims: { user_id: number } | null }) =>
      field === 'status' ? s.status : String(s.claims?.user_id ?? 'nobody'),
    );
    return <p>value: {value}</p>;
  }
  render(
    <AuthProvider client={auth}>
      <Field />
    </AuthProvider>,
  );
  expect(renders).toBe(1);
  expect(screen.getByText('value: unauthenticated')).toBeTruthy();

  act(() => setField('user'));
  expect(renders).toBe(2);
  expect(screen.getByText('value: nobody')).toBeTruthy();

  await act(() => auth.login(alice));
  expect(renders).toBe(3);
  expect(screen.getByText('value: 1')).toBeTruthy();

  // Back to the status: one render for the state change, none for the new selector itself.
  act(() => setField('status'));
  expect(renders).toBe(4);
  expect(screen.getByText('value: authenticated')).toBeTruthy();
});
