// The signed-in member's profile: the name, and the password with the current one
// (PUT /member/users/{id}/modify, services/member/README.md). The page checks as you type what the
// member service's rules say (services/member/domain/member_rules.cpp); the service decides, and a
// refusal shows its problem detail and the field it names.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ErrorView } from '../../components/ErrorView';
import { Field, fieldProblem } from '../../components/Field';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useSession, type Member } from './session';

const kNameMax = 50;
const kPasswordMin = 8;
const kPasswordMax = 128;

/** Whether the member service would take <name> as a userName. */
export function nameAcceptable(name: string): boolean {
  const length = [...name].length;
  return name.trim() !== '' && length <= kNameMax && !/[\u0000-\u001f\u007f]/.test(name);
}

/** Whether the member service would take <password> as a new password of <loginId> (its common-password list aside). */
export function passwordAcceptable(password: string, loginId: string): boolean {
  const length = [...password].length;
  if (length < kPasswordMin || length > kPasswordMax) return false;
  if (/[\u0000-\u001f\u007f]/.test(password)) return false;
  // The service's kinds: digits, letters (any non-ASCII character counts as one), everything else.
  const letter = /[A-Za-z\u0080-\u{10ffff}]/u.test(password);
  const digit = /[0-9]/.test(password);
  const other = /[^A-Za-z0-9\u0080-\u{10ffff}]/u.test(password);
  if (Number(letter) + Number(digit) + Number(other) < 2) return false;
  return loginId === '' || !password.toLowerCase().includes(loginId.toLowerCase());
}

const modify = (member: Member, body: Record<string, string>) =>
  api<Member>(`/member/users/${member.id}/modify`, { method: 'PUT', body, auth: true });

function NameForm({ member }: { member: Member }) {
  const { t } = useI18n();
  const { updateMember } = useSession();
  const [name, setName] = useState(member.userName);
  const save = useMutation({
    mutationFn: () => modify(member, { userName: name }),
    onSuccess: (answer) => updateMember({ userName: answer.userName }),
  });
  const bad = !nameAcceptable(name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="profile-name">
      <h2 id="profile-name">{t('profile.nameTitle')}</h2>
      <Field label={t('auth.userName')} value={name} required autoComplete="name" hint={t('profile.nameRule')}
             problem={fieldProblem(save.error, 'userName') ?? (bad ? t('profile.nameRule') : undefined)}
             onChange={(e) => {
               setName(e.target.value);
               save.reset();
             }} />
      {save.isError && <ErrorView error={save.error} />}
      {save.isSuccess && <p className="ok" role="status">{t('profile.nameSaved', { name: save.data.userName })}</p>}
      <div>
        <button type="submit" className="primary" disabled={bad || name === member.userName || save.isPending}>
          {t('profile.saveName')}
        </button>
      </div>
    </form>
  );
}

const kEmptyPasswords = { current: '', next: '', again: '' };

function PasswordForm({ member }: { member: Member }) {
  const { t } = useI18n();
  const { login, logout } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState(kEmptyPasswords);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: e.target.value });
    change.reset();
  };
  const change = useMutation({
    mutationFn: async () => {
      await modify(member, { password: form.next, currentPassword: form.current });
      // The member service ends every session of the member on a password change, this one too:
      // logging in again with the new password keeps the shopper signed in here.
      try {
        await login(member.loginId, form.next);
      } catch {
        await logout().catch(() => {});
        navigate(`/login?passwordChanged=1&next=${encodeURIComponent('/account')}`, { replace: true });
      }
    },
    onSuccess: () => setForm(kEmptyPasswords),
  });
  const nextBad = form.next !== '' && !passwordAcceptable(form.next, member.loginId);
  const againBad = form.again !== '' && form.again !== form.next;
  const ready = form.current !== '' && form.next !== '' && !nextBad && form.again === form.next;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="profile-password">
      <h2 id="profile-password">{t('profile.passwordTitle')}</h2>
      {/* Lets password managers pair the new password with the account. */}
      <input type="text" name="username" autoComplete="username" value={member.loginId} readOnly hidden />
      <Field label={t('profile.currentPassword')} type="password" value={form.current} required
             autoComplete="current-password" problem={fieldProblem(change.error, 'currentPassword')}
             onChange={set('current')} />
      <Field label={t('profile.newPassword')} type="password" value={form.next} required autoComplete="new-password"
             hint={t('auth.passwordRule')}
             problem={fieldProblem(change.error, 'password') ?? (nextBad ? t('auth.passwordRule') : undefined)}
             onChange={set('next')} />
      <Field label={t('profile.confirmPassword')} type="password" value={form.again} required autoComplete="new-password"
             problem={againBad ? t('profile.confirmMismatch') : undefined} onChange={set('again')} />
      {change.isError && <ErrorView error={change.error} />}
      {change.isSuccess && <p className="ok" role="status">{t('profile.passwordSaved')}</p>}
      <div>
        <button type="submit" className="primary" disabled={!ready || change.isPending}>
          {t('profile.savePassword')}
        </button>
      </div>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useI18n();
  const { member } = useSession();
  if (!member) return null; // RequireSession shows the page to a signed-in member only
  return (
    <section className="narrow profile">
      <h1>{t('profile.title')}</h1>
      <dl className="facts">
        <dt>{t('auth.loginId')}</dt>
        <dd>{member.loginId}</dd>
        <dt>{t('auth.role')}</dt>
        <dd>{t(`auth.role.${member.role}`)}</dd>
      </dl>
      <NameForm member={member} />
      <PasswordForm member={member} />
    </section>
  );
}
