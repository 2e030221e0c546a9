import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from './keys.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the audit signing key', () => {
  it('is created at first use, readable by its owner only, and the same at every later start', () => {
    const file = path.join(dir, 'data', 'audit-signing-key.pem');
    const first = loadOrCreateKeys(file);
    expect(first.created).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = loadOrCreateKeys(file);
    expect(again.created).toBe(false);
    expect(again.keyId).toBe(first.keyId);
    expect(again.writerKey.equals(first.writerKey)).toBe(true);
    expect(again.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('refuses a file that is not an Ed25519 private key, saying which file', () => {
    const file = path.join(dir, 'bad.pem');
    fs.writeFileSync(file, 'not a key');
    expect(() => loadOrCreateKeys(file)).toThrow(/bad\.pem/);
  });
});
