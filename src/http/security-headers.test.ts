import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassCode } from '../core/pass-code.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { demoCampaign } from '../test/circulation.js';

let t: TestApp;
let https: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  https = await startTestApp({ config: { publicUrl: 'https://pass.example.fr', cookieSecure: true } });
});
afterAll(async () => {
  await t.close();
  await https.close();
});

describe('security headers', () => {
  it('are on pages, API answers and refusals alike, with the same policy', async () => {
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/' }),
      t.app.inject({ method: 'GET', url: '/api/v1/health' }),
      t.app.inject({ method: 'GET', url: '/api/v1/passes/ABCD' }),
      t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 401, 404]);
    for (const a of answers) {
      const csp = String(a.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(a.headers['referrer-policy']).toBe('no-referrer');
      expect(a.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('asks browsers for HTTPS only when the platform is served over HTTPS', async () => {
    for (const url of ['/', '/api/v1/health', '/api/v1/no-such-thing']) {
      const plain = await t.app.inject({ method: 'GET', url });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      // Over plain HTTP on a LAN address the page would ask for its assets over https.
      expect(plain.headers['content-security-policy']).toContain("default-src 'self'");
      expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      const secure = await https.app.inject({ method: 'GET', url });
      expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(secure.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    }
  });

  it('forbids caching every API answer: the session and its CSRF token, the printer file, refusals', async () => {
    const { funder, programId } = await demoCampaign(t);
    const issued = await funder.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 1,
      bookletSize: 5,
    });
    const { batchId } = issued.json();
    const answers = [
      await funder.request('GET', '/api/v1/auth/me'),
      await funder.request('GET', `/api/v1/programs/${programId}/issues/${batchId}/codes.csv`),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'financeur@hautsdefrance.test', password: DEMO_PASSWORD },
      }),
      await t.app.inject({ method: 'GET', url: '/api/v1/health' }),
      await t.app.inject({ method: 'GET', url: `/api/v1/passes/${generatePassCode()}` }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' }),
      await t.app.inject({ method: 'GET', url: '/api/openapi.json' }),
    ];
    expect(answers[0]!.json().csrfToken).toBeTruthy();
    expect(answers[1]!.statusCode).toBe(200);
    for (const a of answers) expect(a.headers['cache-control']).toBe('no-store');
  });
});

/** Sends raw bytes on a fresh connection and returns what the server answered. */
function raw(port: number, request: string): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const at = data.indexOf('\r\n\r\n');
      resolve({ head: data.slice(0, at), body: data.slice(at + 4) });
    });
    socket.write(request);
  });
}

describe('answers the HTTP parser gives before the application', () => {
  it('answers a request whose headers are too large with a problem+json 431', async () => {
    const app = t.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as net.AddressInfo).port;
    const res = await raw(
      port,
      `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(res.head).toMatch(/^HTTP\/1\.1 431 /);
    expect(res.head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(res.head.toLowerCase()).toContain('cache-control: no-store');
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'request_header_too_large' });
    expect(JSON.parse(res.body).detail).toMatch(/en-têtes/);
    // The parser's limit counts the address too: a long query string is not blamed on cookies.
    const long = await raw(port, `GET /api/v1/health?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long.head).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(long.body).detail).toMatch(/adresse/);
    expect(JSON.parse(long.body).detail).not.toMatch(/cookies trop nombreux/);
    // A request the parser cannot read at all stays a problem too.
    const bad = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(bad.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(bad.body)).toMatchObject({ status: 400, code: 'bad_request' });
  });
});
