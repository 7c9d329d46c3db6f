import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../features/auth/session';
import { useI18n } from '../lib/i18n';

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { member, logout } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <header className="top">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label="main">
          <NavLink to="/search">{t('nav.search')}</NavLink>
          {member && <NavLink to="/orders">{t('nav.orders')}</NavLink>}
          {member && member.role !== 'BUYER' && <NavLink to="/sell">{t('nav.sell')}</NavLink>}
          {member && member.role !== 'BUYER' && <NavLink to="/seller" end>{t('nav.shop')}</NavLink>}
          {member ? (
            <>
              <span className="hello">{t('nav.hello', { name: member.userName })}</span>
              <NavLink to="/account">{t('nav.account')}</NavLink>
              <button
                type="button"
                className="link"
                onClick={() => void logout().finally(() => navigate('/'))}
              >
                {t('nav.logout')}
              </button>
            </>
          ) : (
            <>
              <NavLink to="/login">{t('nav.login')}</NavLink>
              <NavLink to="/register">{t('nav.register')}</NavLink>
            </>
          )}
          <button type="button" className="link" lang={lang === 'ko' ? 'en' : 'ko'} onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>
            {t('nav.language')}
          </button>
        </nav>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}
