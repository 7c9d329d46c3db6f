// The one way the app talks to the services: JSON over the edge's /api/<prefix>/... routes (same
// origin, so no CORS). Errors become ApiError, carrying the server's RFC 9457 problem (detail, code,
// per-field errors) for a 4xx, and marked as "server trouble" for a 5xx or no answer at all.

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number, // 0: no answer (network down, edge unreachable)
    readonly detail: string,
    readonly code?: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  /** A 5xx or no answer: not the user's fault, worth a retry. */
  get serverTrouble(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** Supplies the bearer token and renews it once when the server says it expired. */
export interface TokenSource {
  current(): string | null;
  /** A fresh access token, or null when there is no session any more. */
  renew(): Promise<string | null>;
}

let tokens: TokenSource | null = null;
export function setTokenSource(source: TokenSource | null): void {
  tokens = source;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Send the bearer token (and renew it on a 401). */
  auth?: boolean;
  signal?: AbortSignal;
}

async function toApiError(res: Response): Promise<ApiError> {
  let problem: { detail?: string; title?: string; code?: string; errors?: FieldError[] } = {};
  try {
    problem = await res.json();
  } catch {
    // A body that is not JSON (an HTML error page): the status alone speaks.
  }
  const detail = problem.detail || problem.title || res.statusText || `HTTP ${res.status}`;
  return new ApiError(res.status, detail, problem.code, Array.isArray(problem.errors) ? problem.errors : []);
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(`/api${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'no answer from the shop');
  }
}

/** Calls /api<path>; resolves with the parsed JSON body (undefined for 204) and the answer's headers. */
export async function apiWithHeaders<T>(path: string, options: RequestOptions = {}): Promise<{ body: T; headers: Headers }> {
  let token = options.auth ? (tokens?.current() ?? null) : null;
  let res = await send(path, options, token);
  if (res.status === 401 && options.auth && tokens) {
    const refusal = await toApiError(res);
    // A wrong password is the answer itself, not an expired token: renewing and sending it again
    // would count a second failed attempt against the account (services/member/README.md).
    if (refusal.code === 'invalid_credentials') throw refusal;
    token = await tokens.renew();
    if (!token) throw refusal;
    res = await send(path, options, token);
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return { body: undefined as T, headers: res.headers };
  return { body: (await res.json()) as T, headers: res.headers };
}

/** Calls /api<path>; resolves with the parsed JSON body (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiWithHeaders<T>(path, options)).body;
}
