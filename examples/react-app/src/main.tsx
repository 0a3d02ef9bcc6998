/**
 * Browser entry: in the `worker` build, the SimpleJWT mock starts in the service worker first (so
 * the client's first request is already answered by it); then one auth client for the page's
 * lifetime, provided to the React tree.
 */
import { AuthProvider } from '@simplejwt-client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createAppAuth } from './auth.js';

if (import.meta.env.VITE_API_MOCK === 'worker') {
  // A dynamic import: the other builds contain neither msw nor the mock.
  const { startApiMock } = await import('./mocks/browser.js');
  await startApiMock();
}

const auth = createAppAuth();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <AuthProvider client={auth}>
      <App />
    </AuthProvider>
  </StrictMode>,
);
