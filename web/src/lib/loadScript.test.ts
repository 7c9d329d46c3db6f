import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadScript, ScriptLoadError } from './loadScript';

// jsdom never fetches a script's src: each test plays the browser by firing load or error itself.
const kSrc = 'https://sdk.example/v2/standard';
const injected = () => Array.from(document.head.querySelectorAll<HTMLScriptElement>(`script[src="${kSrc}"]`));
const globals = window as unknown as Record<string, unknown>;

afterEach(() => {
  for (const s of injected()) s.remove();
  delete globals.FakeSdk;
  vi.useRealTimers();
});

describe('loadScript', () => {
  it('injects the script once for every caller and resolves with the global it defines', async () => {
    const first = loadScript<string>(kSrc, 'FakeSdk', 5_000);
    const second = loadScript<string>(kSrc, 'FakeSdk', 5_000);
    expect(injected()).toHaveLength(1);
    expect(injected()[0].async).toBe(true);
    globals.FakeSdk = 'sdk';
    injected()[0].dispatchEvent(new Event('load'));
    await expect(first).resolves.toBe('sdk');
    await expect(second).resolves.toBe('sdk');
    await expect(loadScript(kSrc, 'FakeSdk', 5_000)).resolves.toBe('sdk');
    expect(injected()).toHaveLength(1);
  });

  it('takes a global that is already there without injecting anything', async () => {
    globals.FakeSdk = 'present';
    await expect(loadScript(kSrc, 'FakeSdk', 5_000)).resolves.toBe('present');
    expect(injected()).toHaveLength(0);
  });

  it('fails on a load error, removes the script and injects it again on the next call', async () => {
    const failed = loadScript(kSrc, 'FakeSdk', 5_000);
    injected()[0].dispatchEvent(new Event('error'));
    await expect(failed).rejects.toMatchObject({ name: 'ScriptLoadError', reason: 'error', src: kSrc });
    expect(injected()).toHaveLength(0);

    const again = loadScript(kSrc, 'FakeSdk', 5_000);
    expect(injected()).toHaveLength(1);
    globals.FakeSdk = 'sdk';
    injected()[0].dispatchEvent(new Event('load'));
    await expect(again).resolves.toBe('sdk');
  });

  it('gives up after the timeout when neither load nor error comes', async () => {
    vi.useFakeTimers();
    const hanging = loadScript(kSrc, 'FakeSdk', 5_000);
    const outcome = hanging.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(injected()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(ScriptLoadError);
    expect((error as ScriptLoadError).reason).toBe('timeout');
    expect(injected()).toHaveLength(0);
  });

  it('fails when the script runs but defines no such global', async () => {
    const loading = loadScript(kSrc, 'FakeSdk', 5_000);
    injected()[0].dispatchEvent(new Event('load'));
    await expect(loading).rejects.toMatchObject({ reason: 'no-global' });
    expect(injected()).toHaveLength(0);
  });
});
