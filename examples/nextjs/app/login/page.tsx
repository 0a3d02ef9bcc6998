/** The login page, a server component around the client-side form. */
import type { ReactElement } from 'react';
import { LoginForm } from './login-form';

export default function LoginPage(): ReactElement {
  return <LoginForm />;
}
