/**
 * The frame of every logged-in page: skip link, header with who is logged in (role and
 * territory), language switch and logout, the main navigation, and the main landmark.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { type MessageKey, useI18n } from '../i18n.js';
import { paths, type Route, useLocation } from '../router.js';
import { canAudit, canEdit, territoryName, useSession } from '../session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Link } from './Link.js';

interface NavItem {
  href: string;
  label: MessageKey;
  active: boolean;
}

/** Wraps a logged-in page in the header, navigation and main landmark. */
export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useI18n();
  const { user, config, territories, logout } = useSession();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigating, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    void path;
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);

  const items: NavItem[] = [
    { href: paths.map, label: 'nav.map', active: route.name === 'map' },
    {
      href: paths.table,
      label: 'nav.table',
      active: route.name === 'table' || route.name === 'servicePoint' || route.name === 'place',
    },
  ];
  // Every role may list the SOT-punkter it can see (operators: assigned, viewers: granted).
  items.push({
    href: paths.sot,
    label: 'nav.sot',
    active: route.name === 'sot' || route.name === 'sotPoint',
  });
  // Operators see no territory, so the accessibility analysis is not theirs.
  if (user.role !== 'operator') {
    items.push({ href: paths.access, label: 'nav.access', active: route.name === 'access' });
  }
  if (canEdit(user)) items.push({ href: paths.import, label: 'nav.import', active: route.name === 'import' });
  if (canAudit(user)) items.push({ href: paths.audit, label: 'nav.audit', active: route.name === 'audit' });
  const territory = territoryName(user, territories) ?? t('header.wholeCountry');

  return (
    <div className={`app route-${route.name}`}>
      <a className="skip-link" href="#main">
        {t('skip.toContent')}
      </a>
      <header className="app-header">
        <Link href={paths.map} className="brand">
          <span className="brand-mark">{t('app.name')}</span>
          <span className="brand-name">{t('app.title')}</span>
        </Link>
        <nav aria-label={t('nav.label')} className="main-nav">
          <ul>
            {items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={item.active ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-box">
          <p className="user-info">
            <span className="visually-hidden">{t('header.user')} </span>
            <strong className="user-name">{user.displayName || user.username}</strong>
            <span className="user-role">{t(`role.${user.role}` as MessageKey)}</span>
            <span className="user-territory">
              <span className="visually-hidden">{t('header.territory')}: </span>
              {territory}
            </span>
          </p>
          <LanguageSwitch />
          <button type="button" className="button button-quiet" onClick={() => void logout()}>
            {t('header.logout')}
          </button>
        </div>
      </header>
      {config.demo && (
        <p className="demo-banner" role="note">
          {t('demo.banner')}
        </p>
      )}
      <main id="main" ref={main} tabIndex={-1} className="app-main">
        {children}
      </main>
    </div>
  );
}
