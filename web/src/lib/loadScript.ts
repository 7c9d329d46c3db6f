// Loads a browser SDK that only exists as a <script> on its maker's host (Toss Payments' widget): the
// one thing the shop fetches from another origin at run time, and only when it is configured to.

/** Why a script did not give its global: the browser failed to fetch or run it, or it took too long. */
export class ScriptLoadError extends Error {
  constructor(
    readonly src: string,
    readonly reason: 'error' | 'timeout' | 'no-global',
  ) {
    super(`${src}: ${reason === 'error' ? 'did not load' : reason === 'timeout' ? 'took too long to load' : 'loaded but defined nothing'}`);
    this.name = 'ScriptLoadError';
  }
}

const pending = new Map<string, Promise<unknown>>();

const globalOf = (name: string): unknown => (window as unknown as Record<string, unknown>)[name];

/**
 * The global <globalName> that the script at <src> defines, injecting the script into <head> when the
 * global is not there yet. Calls while it loads share the one script element; a failure (a load
 * error, no answer within <timeoutMs>, or a script that defines no such global) rejects with a
 * ScriptLoadError and removes the element, so the next call tries afresh.
 */
export function loadScript<T>(src: string, globalName: string, timeoutMs: number): Promise<T> {
  const present = globalOf(globalName);
  if (present !== undefined) return Promise.resolve(present as T);
  let loading = pending.get(src);
  if (!loading) {
    loading = inject(src, globalName, timeoutMs);
    pending.set(src, loading);
    // Once loaded, the global itself is the cache; once failed, nothing is.
    const forget = () => {
      if (pending.get(src) === loading) pending.delete(src);
    };
    loading.then(forget, forget);
  }
  return loading as Promise<T>;
}

function inject(src: string, globalName: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    const settle = () => {
      window.clearTimeout(timer);
      script.onload = null;
      script.onerror = null;
    };
    const fail = (reason: ScriptLoadError['reason']) => {
      settle();
      script.remove();
      reject(new ScriptLoadError(src, reason));
    };
    // A network that swallows the request fires neither load nor error for minutes.
    const timer = window.setTimeout(() => fail('timeout'), timeoutMs);
    script.onload = () => {
      const value = globalOf(globalName);
      if (value === undefined) return fail('no-global');
      settle();
      resolve(value);
    };
    script.onerror = () => fail('error');
    document.head.appendChild(script);
  });
}
