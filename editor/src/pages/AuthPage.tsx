// Sign up and log in. Errors from the server (wrong password, taken email, too many tries)
// are shown under the form, in the server's words.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { Link, navigate } from '../app/router';
import { Brand } from '../app/Shell';
import { Button, Field, fieldMessageId } from '../ui/controls';
import { queryKeys, refreshPlatform } from '../api/queries';

export function AuthPage({ mode }: { mode: 'login' | 'signup' }) {
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signup = mode === 'signup';
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (signup && password.length < 8) return setError('Use a password of at least 8 characters.');
    setBusy(true);
    setError(null);
    try {
      const { account } = await api.auth[mode]({ email: email.trim(), password });
      qc.setQueryData(queryKeys.me, account);
      // The font list now carries this account's own fonts.
      refreshPlatform(qc);
      if (location.hash === '#/login' || location.hash === '#/signup') navigate('/');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Something went wrong');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-label={signup ? 'Sign up' : 'Log in'}>
        <Brand />
        <h1>{signup ? 'Create your account' : 'Welcome back'}</h1>
        <p className="muted">
          {signup ? 'Design image templates and render them from an API.' : 'Log in to your templates.'}
        </p>
        <Field label="Email" htmlFor="email">
          <input
            id="email"
            className="input"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label="Password" htmlFor="password" hint={signup ? 'At least 8 characters.' : undefined}>
          <input
            id="password"
            className="input"
            aria-describedby={signup ? fieldMessageId('password') : undefined}
            type="password"
            autoComplete={signup ? 'new-password' : 'current-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          {signup ? 'Sign up' : 'Log in'}
        </Button>
        <p className="muted small">
          {signup ? (
            <>
              Already have an account? <Link to="/login">Log in</Link>
            </>
          ) : (
            <>
              New here? <Link to="/signup">Create an account</Link>
            </>
          )}
        </p>
      </form>
    </div>
  );
}
