import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { Layout } from '../../app/Layout';
import type { Lang } from '../../lib/i18n';
import { renderRoute } from '../../testing/renderRoute';
import { RequireSession } from './AuthPages';
import { nameAcceptable, passwordAcceptable, ProfilePage } from './ProfilePage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const member = { id: 7, loginId: 'buyer7', userName: 'Old Name', role: 'BUYER' };
const session = (token = 'AT') => json({ ...member, accessToken: token, expiresIn: 900 });

interface Call {
  method: string;
  url: string;
  body?: Record<string, string>;
  auth?: string;
}

/** Stubs fetch with <answer> for everything but the session restore; returns the calls made. */
function stub(answer: (call: Call) => Response | Promise<Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    const call: Call = {
      method: init.method ?? 'GET',
      url,
      body: init.body ? JSON.parse(init.body as string) : undefined,
      auth: (init.headers as Record<string, string>).Authorization,
    };
    if (url === '/api/member/tokens/refresh') return session();
    calls.push(call);
    return answer(call);
  }));
  return calls;
}

function renderProfile(lang: Lang = 'en') {
  return renderRoute([
    {
      element: <Layout />,
      children: [
        { path: '/account', element: <RequireSession><ProfilePage /></RequireSession> },
        { path: '/', element: <p>home</p> },
        { path: '/login', element: <p>login page</p> },
      ],
    },
  ], { lang });
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the profile page', () => {
  it('is reached from the account menu and renames the member, checking the name as it is typed', async () => {
    const calls = stub(({ body }) => json({ ...member, userName: body!.userName }));
    renderProfile();
    fireEvent.click(await screen.findByRole('link', { name: 'My account' }));
    expect(await screen.findByRole('heading', { name: 'My account', level: 1 })).toBeTruthy();
    expect(screen.getByText('buyer7')).toBeTruthy();
    const save = screen.getByRole('button', { name: 'Save name' });
    expect((save as HTMLButtonElement).disabled).toBe(true); // nothing changed yet
    type('Name', '   ');
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toContain('-problem');
    expect((save as HTMLButtonElement).disabled).toBe(true);
    type('Name', '새 이름');
    expect(name.getAttribute('aria-invalid')).toBeNull();
    fireEvent.submit(name.closest('form')!);
    expect(await screen.findByText('Your name is now 새 이름.')).toBeTruthy();
    expect(calls).toEqual([{ method: 'PUT', url: '/api/member/users/7/modify', body: { userName: '새 이름' }, auth: 'Bearer AT' }]);
    expect(screen.getByText('Hi, 새 이름')).toBeTruthy();
  });

  it('changes the password with the current one and stays signed in with the new one', async () => {
    const calls = stub(({ url }) => (url.endsWith('/login') ? json({ ...member, accessToken: 'AT2', expiresIn: 900 }) : json(member)));
    const router = renderProfile('ko');
    await router.navigate('/account');
    const change = await screen.findByRole('button', { name: '비밀번호 바꾸기' });
    type('현재 비밀번호', 'old-Passw0rd');
    type('새 비밀번호', 'short');
    expect(screen.getByLabelText('새 비밀번호').getAttribute('aria-invalid')).toBe('true');
    type('새 비밀번호', 'buyer7-Passw0rd');
    expect(screen.getByLabelText('새 비밀번호').getAttribute('aria-invalid')).toBe('true'); // contains the login id
    type('새 비밀번호', 'new-Passw0rd!');
    type('새 비밀번호 확인', 'new-Passw0rd?');
    expect(screen.getByText('새 비밀번호와 같게 입력해 주세요')).toBeTruthy();
    expect((change as HTMLButtonElement).disabled).toBe(true);
    type('새 비밀번호 확인', 'new-Passw0rd!');
    expect((change as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(change);
    expect(await screen.findByText(/비밀번호를 바꿨습니다/)).toBeTruthy();
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['PUT', '/api/member/users/7/modify', { password: 'new-Passw0rd!', currentPassword: 'old-Passw0rd' }],
      ['POST', '/api/member/users/login', { loginId: 'buyer7', password: 'new-Passw0rd!' }],
    ]);
    expect((screen.getByLabelText('현재 비밀번호') as HTMLInputElement).value).toBe('');
    expect(router.state.location.pathname).toBe('/account');
  });

  it("shows the server's detail for a wrong current password, without asking twice", async () => {
    const calls = stub(() =>
      json({ status: 401, code: 'invalid_credentials', detail: 'the current password is wrong' }, 401));
    const router = renderProfile();
    await router.navigate('/account');
    await screen.findByRole('button', { name: 'Change password' });
    type('Current password', 'not-it-1');
    type('New password', 'new-Passw0rd!');
    type('New password again', 'new-Passw0rd!');
    fireEvent.submit(screen.getByLabelText('New password').closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain('the current password is wrong');
    expect(calls).toHaveLength(1);
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('new-Passw0rd!');
  });

  it('puts the fields the server names next to their inputs', async () => {
    stub(() => json({ status: 400, code: 'validation_failed', detail: 'the request has invalid fields',
                      errors: [{ field: 'password', message: 'password is too common' }] }, 400));
    const router = renderProfile();
    await router.navigate('/account');
    await screen.findByRole('button', { name: 'Change password' });
    type('Current password', 'old-Passw0rd');
    type('New password', 'Passw0rd!');
    type('New password again', 'Passw0rd!');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toContain('the request has invalid fields');
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('password is too common').length).toBeGreaterThan(0);
  });

  it('checks names and passwords the way the member service does', () => {
    expect(nameAcceptable('브라우저 구매자')).toBe(true);
    expect(nameAcceptable(' ')).toBe(false);
    expect(nameAcceptable('가'.repeat(50))).toBe(true);
    expect(nameAcceptable('가'.repeat(51))).toBe(false);
    expect(nameAcceptable('tab\there')).toBe(false);
    expect(passwordAcceptable('abcdefgh', 'me')).toBe(false); // one kind only
    expect(passwordAcceptable('abcdefg1', 'me')).toBe(true);
    expect(passwordAcceptable('비밀번호비밀번호1', 'me')).toBe(true); // Hangul counts as letters
    expect(passwordAcceptable('x-BUYER7-x', 'buyer7')).toBe(false);
    expect(passwordAcceptable('a1'.repeat(65), 'me')).toBe(false);
  });
});
