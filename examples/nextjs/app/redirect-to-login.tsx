'use client';
/** `RequireAuth`'s fallback: logged out (here or in another tab), so go to the login page. */
import { useRouter } from 'next/navigation';
import { useEffect, type ReactElement } from 'react';

export function RedirectToLogin(): ReactElement {
  const router = useRouter();
  useEffect(() => router.replace('/login'), [router]);
  return <p>Redirecting to the login page…</p>;
}
