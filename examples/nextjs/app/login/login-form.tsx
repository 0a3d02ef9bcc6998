'use client';
/** The sign-in form: `login()` in the browser, then on to the protected page. */
import { useAuth } from '@simplejwt-client/react';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { Claims } from '../../lib/auth';

export function LoginForm(): ReactElement {
  const { login, status } = useAuth<Claims>();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  // Signed in already (a stored session, or a login in another tab): nothing to do here.
  useEffect(() => {
    if (status === 'authenticated') router.replace('/');
  }, [status, router]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      await login({ username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <form className="card" onSubmit={onSubmit}>
      <h2>Sign in</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <label>
        Username
        <input name="username" autoComplete="username" />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" />
      </label>
      <button type="submit">Sign in</button>
    </form>
  );
}
