'use client';

import type { AuthFetch } from '@simplejwt-client/core';
import { useAuthClient } from './context.js';

/**
 * The client's `fetch`, which sends the access token to the API (refreshing it first when due);
 * the same function on every render, so it is safe in effect dependencies.
 */
export function useAuthFetch(): AuthFetch {
  return useAuthClient().fetch;
}
