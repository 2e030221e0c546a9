import { describe, expect, it } from 'vitest';
import { generateApiKey } from '../core/api-key.js';
import { formatPassCode, generatePassCode } from '../core/pass-code.js';
import { newToken } from '../modules/auth/tokens.js';
import { codeTag, redactText, safeError } from './logging.js';

describe('log scrubbing', () => {
  it('replaces e-mails, key secrets, tokens, password hashes and codes, and keeps ids and digests', () => {
    const code = generatePassCode();
    const key = generateApiKey();
    const token = newToken();
    const text = [
      'marie.dupont+x@exemple.fr',
      key.key,
      `/invitation/${token}`,
      '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      `/p/${formatPassCode(code)}`,
      code.toLowerCase(),
      '5f0c8a3e-2b1d-4c6e-9f7a-1b2c3d4e5f60',
      'a'.repeat(32).replace(/a/g, 'f'),
    ].join(' ');
    const out = redactText(text);
    for (const secret of [
      'marie.dupont',
      // The secret is what follows pn_<prefix>_ (it may itself hold '_' or '-').
      key.key.slice(`pn_${key.prefix}_`.length),
      token,
      'argon2id',
      code,
      code.toLowerCase(),
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain(`pn_${key.prefix}_[secret]`);
    expect(out.match(/code#[0-9a-f]{8}/g)).toEqual([codeTag(code), codeTag(code)]);
    expect(out).toContain('5f0c8a3e-2b1d-4c6e-9f7a-1b2c3d4e5f60');
    expect(out).toContain('f'.repeat(32));
  });

  it('keeps of a PostgreSQL error what finds the bug, never the values it echoes', () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: '23505',
      constraint: 'users_email_key',
      table: 'users',
      detail: 'Key (email)=(jean@exemple.fr) already exists.',
    });
    const drizzle = new Error(
      'Failed query: insert into users (email) values ($1)\nparams: jean@exemple.fr',
      {
        cause: pg,
      },
    );
    const safe = JSON.stringify(safeError(drizzle));
    expect(safe).not.toContain('jean');
    expect(safe).toContain('users_email_key');
    expect(safe).toContain('23505');
    const uuid = safeError(new Error('invalid input syntax for type uuid: "Jean Dupont"'));
    expect(uuid.message).toBe('invalid input syntax for type uuid: "[value]"');
  });

  it("leaves PostgreSQL's outage sentences and ordinary words alone, and still tags codes however typed", () => {
    for (const sentence of [
      'the database system is starting up',
      'the database system is in recovery mode',
      'the database system is shutting down',
      'the database system is not yet accepting connections',
      'terminating connection due to administrator command',
      'sendDueMessage failed',
    ]) {
      expect(redactText(sentence)).toBe(sentence);
      expect(safeError(new Error(sentence)).message).toBe(sentence);
    }
    const code = generatePassCode();
    const printed = formatPassCode(code);
    const spaced = printed.replace(/-/g, ' ');
    // A typo (one symbol changed): the check fails, but the code is still not logged.
    const typo = `${code.slice(0, 13)}${code[13] === '2' ? '3' : '2'}`;
    for (const typed of [
      code,
      code.toLowerCase(),
      printed,
      printed.toLowerCase(),
      spaced,
      spaced.toLowerCase(),
    ]) {
      expect(redactText(`code ${typed} refused`)).toBe(`code ${codeTag(code)} refused`);
    }
    expect(redactText(`${typo}-x`)).not.toContain(typo.slice(0, 13));
    expect(redactText(formatPassCode(code).replace(/.$/, typo[13]!))).toMatch(/^code#[0-9a-f]{8}$/);
  });
});
