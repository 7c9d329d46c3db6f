// Log in and register. The server's rules decide (a refusal shows its problem detail and the
// field it names); the page only hints at them and checks what a browser can check as you type.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { Field, fieldProblem } from '../../components/Field';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useSession, type Role } from './session';

/** Where to go after logging in: a path inside the shop only (never another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const attempt = useMutation({
    mutationFn: () => login(loginId, password),
    onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('auth.loginTitle')}</h1>
      {params.get('registered') && <p className="ok">{t('auth.registered')}</p>}
      {params.get('passwordChanged') && <p className="ok">{t('profile.loginAgain')}</p>}
      <form onSubmit={submit}>
        <Field label={t('auth.loginId')} value={loginId} required autoComplete="username"
               onChange={(e) => setLoginId(e.target.value)} />
        <Field label={t('auth.password')} type="password" value={password} required autoComplete="current-password"
               onChange={(e) => setPassword(e.target.value)} />
        {attempt.isError && <ErrorView error={attempt.error} />}
        <button type="submit" className="primary" disabled={attempt.isPending}>
          {t('auth.login')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to={`/register?next=${encodeURIComponent(safeNext(params.get('next')))}`}>{t('nav.register')}</Link>
      </p>
    </section>
  );
}

const kLoginIdPattern = /^[A-Za-z0-9][A-Za-z0-9._@+-]{3,63}$/;

export function RegisterPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ loginId: '', userName: '', password: '', role: 'BUYER' as Role });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const register = useMutation({
    mutationFn: async () => {
      await api('/member/users/registration', { body: form });
      await login(form.loginId, form.password);
    },
    onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  const loginIdBad = form.loginId !== '' && !kLoginIdPattern.test(form.loginId);
  const passwordBad = form.password !== '' && form.password.length < 8;
  return (
    <section className="narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <form onSubmit={submit}>
        <Field label={t('auth.loginId')} value={form.loginId} required autoComplete="username" hint={t('auth.loginIdRule')}
               problem={fieldProblem(register.error, 'loginId') ?? (loginIdBad ? t('auth.loginIdRule') : undefined)}
               onChange={set('loginId')} />
        <Field label={t('auth.userName')} value={form.userName} required maxLength={50} autoComplete="name"
               problem={fieldProblem(register.error, 'userName')} onChange={set('userName')} />
        <Field label={t('auth.password')} type="password" value={form.password} required autoComplete="new-password"
               hint={t('auth.passwordRule')}
               problem={fieldProblem(register.error, 'password') ?? (passwordBad ? t('auth.passwordRule') : undefined)}
               onChange={set('password')} />
        <Field label={t('auth.role')} controlId="role">
          <select id="role" value={form.role} onChange={set('role')}>
            <option value="BUYER">{t('auth.role.BUYER')}</option>
            <option value="SELLER">{t('auth.role.SELLER')}</option>
          </select>
        </Field>
        {register.isError && <ErrorView error={register.error} />}
        <button type="submit" className="primary" disabled={register.isPending || loginIdBad || passwordBad}>
          {t('auth.register')}
        </button>
      </form>
    </section>
  );
}

/** Shows <children> to a signed-in member; sends anyone else to the login page and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (state.status === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (state.status === 'anonymous') {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <>{children}</>;
}
