// The edge's session handling (njs, loaded by the config deploy/lib/nginx.sh generates): login,
// refresh and logout of the member service, with the refresh token moved out of the JSON bodies into
// the httpOnly, SameSite=Strict cookie eda_refresh, so that a script on the page (or an injected one)
// can never read it. The access token stays in the JSON answer; the app keeps it in memory only.
// Each handler forwards the call to the internal location /_member/ (the member service) and rewrites
// the answer; member's status, problem body and Retry-After pass through unchanged.

const kCookie = 'eda_refresh';
// Only the session routes need it; the member service's own TTL (14 days by default) still decides.
const kCookiePath = '/api/member';
const kMaxAgeSeconds = 14 * 24 * 3600;

function cookie(value, maxAge) {
  return `${kCookie}=${value}; Path=${kCookiePath}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict`;
}

function answer(r, reply, body, setCookie) {
  const type = reply.headersOut['Content-Type'];
  if (type) r.headersOut['Content-Type'] = type;
  const retry = reply.headersOut['Retry-After'];
  if (retry) r.headersOut['Retry-After'] = retry;
  if (setCookie) r.headersOut['Set-Cookie'] = [setCookie];
  r.return(reply.status, body);
}

// A 200 carrying a token pair: the refresh token goes into the cookie and out of the body.
function answerWithSession(r, reply) {
  if (reply.status !== 200) {
    // A refused refresh (expired, revoked, reused) ends the browser's session too.
    const clear = r.uri.endsWith('/tokens/refresh') && reply.status === 401 ? cookie('', 0) : null;
    answer(r, reply, reply.responseText, clear);
    return;
  }
  let session;
  try {
    session = JSON.parse(reply.responseText);
  } catch (e) {
    r.error(`member answered 200 without JSON: ${e}`);
    r.return(502);
    return;
  }
  const token = session.refreshToken;
  delete session.refreshToken;
  answer(r, reply, JSON.stringify(session), token ? cookie(token, kMaxAgeSeconds) : null);
}

async function login(r) {
  const reply = await r.subrequest('/_member/users/login', { method: 'POST', body: r.requestText || '' });
  answerWithSession(r, reply);
}

function noSession(r) {
  r.headersOut['Content-Type'] = 'application/problem+json';
  r.headersOut['Set-Cookie'] = [cookie('', 0)];
  r.return(401, JSON.stringify({
    type: 'about:blank', title: 'Unauthorized', status: 401, code: 'invalid_refresh_token',
    detail: 'no session: log in'
  }));
}

async function refresh(r) {
  const token = r.variables.cookie_eda_refresh;
  if (!token) {
    noSession(r);
    return;
  }
  const reply = await r.subrequest('/_member/tokens/refresh',
                                   { method: 'POST', body: JSON.stringify({ refreshToken: token }) });
  answerWithSession(r, reply);
}

async function logout(r) {
  const token = r.variables.cookie_eda_refresh;
  if (!token) {
    r.headersOut['Set-Cookie'] = [cookie('', 0)];
    r.return(204);
    return;
  }
  const reply = await r.subrequest('/_member/logout', { method: 'POST', body: JSON.stringify({ refreshToken: token }) });
  answer(r, reply, reply.responseText, cookie('', 0));
}

export default { login, refresh, logout };
