/**
 * The sign-in form: posts the credentials through `login()` and shows the error the client keeps
 * in its state (wrong password, DRF's field errors, an expired session, an unreachable server).
 */
import { useAuth } from '@simplejwt-client/react';
import { useState, type FormEvent, type ReactElement } from 'react';
import type { Claims } from './auth.js';
import { describeAuthError } from './errors.js';

export function LoginForm(): ReactElement {
  const { login, error } = useAuth<Claims>();
  const [submitting, setSubmitting] = useState(false);
  const messages = describeAuthError(submitting ? null : error);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setSubmitting(true);
    try {
      await login({ username: String(data.get('username') ?? ''), password: String(data.get('password') ?? '') });
    } catch {
      // The error is also in the client's state, which is what the form renders.
    } finally {
      setSubmitting(false);
    }
  };

  // `noValidate`: the server's messages (DRF's "This field may not be blank.") are the ones shown.
  return (
    <form className="card" aria-labelledby="login-title" noValidate onSubmit={onSubmit}>
      <h2 id="login-title">Sign in</h2>
      {messages.form && (
        <p className="error" role="alert">
          {messages.form}
        </p>
      )}
      <Field name="username" label="Username" autoComplete="username" error={messages.fields.username} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={messages.fields.password}
      />
      <button type="submit" disabled={submitting}>
        {submitting ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

interface FieldProps {
  name: string;
  label: string;
  type?: string;
  autoComplete: string;
  error: string | undefined;
}

function Field({ name, label, type = 'text', autoComplete, error }: FieldProps): ReactElement {
  const inputId = `login-${name}`;
  const errorId = `${inputId}-error`;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        type={type}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
