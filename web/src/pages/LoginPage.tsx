/**
 * The login page: two labelled fields, errors announced with role=alert, and a calm message
 * when logins are throttled after repeated failures.
 */
import { useRef, useState } from 'react';
import { type ApiError, api } from '../api.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { Notice } from '../components/Notice.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n.js';
import type { AppConfig, Me } from '../types.js';

/** The page shown to anyone not logged in, whatever address they opened. */
export function LoginPage({
  config,
  message,
  onLoggedIn,
}: {
  config: AppConfig;
  /** Why the user is here (logged out, session expired). */
  message: string | null;
  onLoggedIn(me: Me): void;
}) {
  const { t } = useI18n();
  useDocumentTitle(t('app.documentTitle', { page: t('login.title') }));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.required'));
      setInvalid(true);
      usernameRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/api/auth/login', { username: username.trim(), password });
      onLoggedIn(me);
    } catch (err) {
      const e = err as ApiError;
      setPassword('');
      setInvalid(e.id === 'invalid_credentials' || e.id === 'validation_failed');
      if (e.id === 'login_throttled' || e.status === 429) setError(t('login.throttled'));
      else if (e.id === 'invalid_credentials' || e.status === 401 || e.status === 400)
        setError(t('login.invalid'));
      else if (e.id === 'network') setError(t('error.network'));
      else setError(t('error.generic', { message: e.message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-layout">
      <header className="login-header">
        <p className="brand">
          <span className="brand-mark">{t('app.name')}</span>{' '}
          <span className="brand-name">{t('app.title')}</span>
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" className="login-main">
        <h1>{t('login.title')}</h1>
        <p className="lead">{t('login.intro')}</p>
        {config.demo && <Notice kind="info">{t('demo.banner')}</Notice>}
        {message && !error && <Notice kind="info">{message}</Notice>}
        {error && (
          <Notice kind="error" id="login-error">
            {error}
          </Notice>
        )}
        <form onSubmit={submit} noValidate className="login-form">
          <div className="field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <input
              id="login-username"
              ref={usernameRef}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              aria-invalid={invalid || undefined}
              aria-describedby={error ? 'login-error' : undefined}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-invalid={invalid || undefined}
              aria-describedby={error ? 'login-error' : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary button-wide" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
