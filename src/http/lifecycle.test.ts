import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test/database.js';
import { buildServer } from '../server.js';
import { testConfig } from '../test/app.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** A raw HTTP/1.1 connection: what it received, and a promise of its closing. */
function connection(port: number, first: string) {
  const socket = net.connect(port, '127.0.0.1', () => socket.write(first));
  let received = '';
  socket.on('data', (d) => (received += d));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, closed, received: () => received };
}

function parse(raw: string) {
  const [head, body] = [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)];
  return { head, body: JSON.parse(body) };
}

describe('stopping the server', () => {
  it('answers requests that arrive while it stops with a problem+json 503, and finishes those in progress', async () => {
    const app = await buildServer({ db: database.db, config: testConfig() });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inProgress!: () => void;
    const started = new Promise<void>((r) => (inProgress = r));
    app.get('/test/slow', async () => {
      inProgress();
      await gate;
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;

    // A slow request in progress when the stop begins, and another whose headers are not
    // complete yet: it arrives, as far as the server can tell, once the stop has begun.
    const slow = connection(port, 'GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n');
    const late = connection(port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n');
    await started;
    const stopStarted = Date.now();
    const closing = app.close();
    await new Promise((r) => setTimeout(r, 100));
    late.socket.write('\r\n');
    await late.closed;
    release();
    await slow.closed;
    await closing;
    expect(Date.now() - stopStarted).toBeLessThan(2000);

    const answered = parse(slow.received());
    expect(answered.head).toMatch(/^HTTP\/1\.1 200/);
    expect(answered.body).toEqual({ done: true });
    const refused = parse(late.received());
    expect(refused.head).toMatch(/^HTTP\/1\.1 503/);
    expect(refused.head).toMatch(/content-type: application\/problem\+json/i);
    expect(refused.head).toMatch(/cache-control: no-store/i);
    expect(refused.body).toMatchObject({ status: 503, code: 'service_stopping' });
  });
});

describe('request logs', () => {
  it('do not log every request at info, and never the address of a pass', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const run = async (level: string) => {
      lines.length = 0;
      const app = await buildServer({ db: database.db, config: testConfig() }, { level, stream });
      await app.ready();
      await app.inject('/api/v1/health');
      await app.inject('/api/v1/passes/ABCDEFGHJKLMN');
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'x@y.fr', password: 'p' },
      });
      await app.close();
      return lines.map((l) => JSON.parse(l));
    };
    expect(await run('info')).toEqual([]);
    const debug = await run('debug');
    expect(debug.filter((l) => l.msg === 'request').map((l) => [l.route, l.status])).toEqual([
      ['/api/v1/health', 200],
      ['/api/v1/passes/:code', 401],
      ['/api/v1/auth/login', 401],
    ]);
    expect(JSON.stringify(debug)).not.toContain('ABCDEFGHJKLMN');
  });
});
