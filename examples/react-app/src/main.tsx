/**
 * Browser entry: one auth client for the page's lifetime, provided to the React tree.
 */
import { AuthProvider } from '@simplejwt-client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createAppAuth } from './auth.js';

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
