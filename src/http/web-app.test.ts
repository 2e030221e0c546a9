import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app.js';

// The built web app, as `npm test` builds it before running the tests.
const dist = path.resolve('web/dist');
const assets = fs.existsSync(path.join(dist, 'assets')) ? fs.readdirSync(path.join(dist, 'assets')) : [];
const script = assets.find((f) => /^index-.*\.js$/.test(f));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const get = (url: string, encoding?: string) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: encoding === undefined ? {} : { 'accept-encoding': encoding },
  });

describe('the built web app as the server sends it', () => {
  it('is built, with a compressed copy of its scripts', () => {
    expect(script, 'run `npm run build` first').toBeDefined();
    expect(fs.existsSync(path.join(dist, 'assets', `${script}.br`))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'assets', `${script}.gz`))).toBe(true);
  });

  it('sends a hashed script brotli-compressed to a browser that accepts it, to be kept for good', async () => {
    const original = fs.readFileSync(path.join(dist, 'assets', script!));
    const res = await get(`/assets/${script}`, 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(original.length / 3);
    expect(zlib.brotliDecompressSync(res.rawPayload).equals(original)).toBe(true);
  });

  it('falls back to gzip, then to the file as it is, for browsers that want no brotli', async () => {
    const original = fs.readFileSync(path.join(dist, 'assets', script!));
    const gzipped = await get(`/assets/${script}`, 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzipped.rawPayload).equals(original)).toBe(true);
    const plain = await get(`/assets/${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.rawPayload.equals(original)).toBe(true);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has the page itself checked again on every visit, so that a new version is picked up', async () => {
    for (const url of ['/', '/lieu', '/index.html']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toContain('<div id="root">');
    }
    // Files without a hash in their name are revalidated too.
    const icon = await get('/dsfr/favicon/favicon.svg', 'br');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the build stamp and missing assets to itself', async () => {
    const stamp = await get('/.sources-hash');
    expect(stamp.body).not.toContain(fs.readFileSync(path.join(dist, '.sources-hash'), 'utf8').trim());
    expect((await get('/assets/absent-AbCd1234.js', 'br')).statusCode).toBe(404);
    expect((await get(`/assets/${script}.br`)).statusCode).toBe(404);
  });
});
