/** The root layout, a server component: the page shell around the client-side auth provider. */
import type { Metadata } from 'next';
import type { ReactElement, ReactNode } from 'react';
import { Providers } from './providers';

export const metadata: Metadata = { title: 'SimpleJWT Next.js example', icons: { icon: 'data:,' } };

const styles = `
  :root { font-family: system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
  body { margin: 0; }
  header { padding: 0.75rem 1.5rem; background: #24292f; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0; }
  main { max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
  .card { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 1.25rem 1.5rem; }
  label { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 0.9rem; }
  .error { color: #cf222e; }
`;

export default function RootLayout({ children }: { children: ReactNode }): ReactElement {
  return (
    <html lang="en">
      <head>
        <style>{styles}</style>
      </head>
      <body>
        <header>
          <h1>SimpleJWT Next.js example</h1>
        </header>
        <main>
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
