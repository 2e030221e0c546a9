import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { startTestApp, type TestApp } from '../test/app.js';

/**
 * The limits per address (sign-in, guesses, unknown keys) count the client's address. Behind
 * a reverse proxy that is the proxy's X-Forwarded-For, believed only from the proxy that
 * TRUST_PROXY names: a client that forges the header itself must not choose its own address.
 */
const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));

async function signInsFrom(t: TestApp, remoteAddress: string, forwardedFor: (i: number) => string) {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor(i) },
      payload: { email: `personne-${i}@exemple.fr`, password: 'mauvais mot de passe' },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe('the client address behind a reverse proxy', () => {
  it('ignores a forged X-Forwarded-For when no proxy is trusted', async () => {
    const t = await startTestApp();
    apps.push(t);
    const statuses = await signInsFrom(t, '198.51.100.9', (i) => `203.0.113.${i}`);
    // Ten sign-ins a minute per address: the forged addresses changed nothing.
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });

  it('counts each client behind the trusted proxy apart', async () => {
    const t = await startTestApp({ config: { trustProxy: ['10.0.0.2'] } });
    apps.push(t);
    const statuses = await signInsFrom(t, '10.0.0.2', (i) => `203.0.113.${i}`);
    expect(statuses).toEqual(Array(12).fill(401));
    // From anywhere else the header is still not believed.
    const direct = await signInsFrom(t, '198.51.100.10', (i) => `203.0.113.${i}`);
    expect(direct.filter((s) => s === 429)).toHaveLength(2);
  });

  it('takes TRUST_PROXY=1 as one proxy hop: the client address is the one the proxy saw', async () => {
    vi.stubEnv('TRUST_PROXY', '1');
    const { trustProxy } = loadConfig();
    vi.unstubAllEnvs();
    const t = await startTestApp({ config: { trustProxy } });
    apps.push(t);
    // What the client itself put in the header comes first; the proxy appends what it saw.
    const statuses = await signInsFrom(t, '10.0.0.3', (i) => `192.0.2.66, 203.0.113.${i}`);
    expect(statuses).toEqual(Array(12).fill(401));
  });
});
