/**
 * The application root: language, start-up (configuration and "who am I"), login/logout, the
 * user's territories, and which page the address shows.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AccessPage } from './access/AccessPage.js';
import { type ApiError, api, setCsrfToken, setUnauthenticatedHandler } from './api.js';
import { LoadState } from './components/LoadState.js';
import { Notice } from './components/Notice.js';
import { Shell } from './components/Shell.js';
import {
  I18nContext,
  initialLang,
  LANG_STORAGE_KEY,
  type Lang,
  makeI18n,
  translate,
  useI18n,
} from './i18n.js';
import { AuditPage } from './pages/AuditPage.js';
import { ImportPage } from './pages/ImportPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { MapPage } from './pages/MapPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PlacePage } from './pages/PlacePage.js';
import { ServicePointPage } from './pages/ServicePointPage.js';
import { TablePage } from './pages/TablePage.js';
import { confirmLeave, matchRoute, navigate, paths, type Route, useLocation } from './router.js';
import { canAudit, canEdit, normaliseTerritories, type Session, SessionContext } from './session.js';
import { SotHomePage } from './sot/pages/SotHomePage.js';
import { SotPointRoute } from './sot/pages/SotPointRoute.js';
import type { AppConfig, Me, Territories } from './types.js';

function readStoredLang(): string | null {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The whole web client: language, session and routing. */
export function App() {
  const [lang, setLangState] = useState<Lang>(() => initialLang(readStoredLang()));
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this visit.
    }
  }, []);
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const [config, setConfig] = useState<AppConfig>({});
  // undefined: still asking the server; null: logged out.
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [territories, setTerritories] = useState<Territories | null>(null);
  const [bootError, setBootError] = useState<Error | null>(null);
  const [loginMessage, setLoginMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void attempt;
    setBootError(null);
    api
      .get<AppConfig>('/api/config')
      .then(setConfig)
      .catch(() => setConfig({}));
    api
      .get<Me>('/api/auth/me')
      .then((value) => {
        setCsrfToken(value.csrfToken);
        setMe(value);
      })
      .catch((err: ApiError) => {
        if (err.status === 401) setMe(null);
        else setBootError(err);
      });
  }, [attempt]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setMe(null);
      setTerritories(null);
      setLoginMessage(translate(lang, 'error.sessionExpired'));
    });
    return () => setUnauthenticatedHandler(null);
  }, [lang]);

  useEffect(() => {
    if (!me) return;
    setTerritories(null);
    api
      .get<unknown>('/api/territories')
      .then((raw) => setTerritories(normaliseTerritories(raw)))
      .catch((err: Error) => setBootError(err));
  }, [me]);

  const logout = useCallback(async () => {
    if (!confirmLeave()) return;
    try {
      await api.post('/api/auth/logout');
    } catch {
      // Logged out on the server or not: forget the session here either way.
    }
    setCsrfToken('');
    setMe(null);
    setTerritories(null);
    setLoginMessage(translate(lang, 'login.loggedOut'));
    navigate(paths.login, { replace: true, force: true });
  }, [lang]);

  const location = useLocation();
  const route = matchRoute(location.path);
  useEffect(() => {
    if (me && route.name === 'login') navigate(paths.map, { replace: true });
  }, [me, route.name]);

  let body: React.ReactNode;
  if (bootError) {
    body = (
      <main id="main" className="boot">
        <LoadState loading={false} error={bootError} onRetry={() => setAttempt((n) => n + 1)} />
      </main>
    );
  } else if (me === undefined) {
    body = (
      <main id="main" className="boot">
        <LoadState loading error={null} />
      </main>
    );
  } else if (me === null) {
    body = (
      <LoginPage
        config={config}
        message={loginMessage}
        onLoggedIn={(value) => {
          setCsrfToken(value.csrfToken);
          setLoginMessage(null);
          setMe(value);
          if (route.name === 'login') navigate(paths.map, { replace: true });
        }}
      />
    );
  } else if (!territories) {
    body = (
      <main id="main" className="boot">
        <LoadState loading error={null} />
      </main>
    );
  } else {
    const session: Session = { user: me.user, config, territories, logout };
    body = (
      <SessionContext.Provider value={session}>
        <Shell route={route}>
          <Page route={route} session={session} />
        </Shell>
      </SessionContext.Provider>
    );
  }
  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}

function Forbidden() {
  const { t } = useI18n();
  return <Notice kind="error">{t('error.forbidden')}</Notice>;
}

function Page({ route, session }: { route: Route; session: Session }) {
  switch (route.name) {
    case 'map':
    case 'login':
      return <MapPage />;
    case 'table':
      return <TablePage tab={route.tab} />;
    case 'servicePoint':
      return <ServicePointPage key={String(route.id)} id={route.id} />;
    case 'place':
      return <PlacePage key={String(route.id)} id={route.id} />;
    case 'import':
      return canEdit(session.user) ? <ImportPage /> : <Forbidden />;
    case 'audit':
      return canAudit(session.user) ? <AuditPage /> : <Forbidden />;
    case 'sot':
      return <SotHomePage />;
    case 'access':
      return session.user.role === 'operator' ? <Forbidden /> : <AccessPage />;
    case 'sotPoint':
      return <SotPointRoute key={String(route.id)} id={route.id} tab={route.tab} />;
    default:
      return <NotFoundPage />;
  }
}
