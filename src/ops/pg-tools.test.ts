import { describe, expect, it } from 'vitest';
import { connectionOf } from './pg-tools.js';

const base = 'postgres://passnum:s3cr%40t@db.region.fr:5432/passnum';

describe('the connection pg_dump and pg_restore are given', () => {
  it('keeps the password out of the URL, in PGPASSWORD', () => {
    expect(connectionOf(base)).toEqual({
      dbname: 'postgres://passnum@db.region.fr:5432/passnum',
      env: { PGPASSWORD: 's3cr@t' },
    });
  });

  it.each([
    // libpq's own parameters go through as they are.
    [
      '?sslmode=verify-full&sslrootcert=/etc/ssl/region-ca.pem',
      '?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fregion-ca.pem',
    ],
    [
      '?sslmode=require&application_name=x&connect_timeout=5',
      '?sslmode=require&application_name=x&connect_timeout=5',
    ],
    // node-pg's switch to libpq's meanings is what libpq does anyway.
    ['?sslmode=require&uselibpqcompat=true', '?sslmode=require'],
    // node-pg's "encrypt, verify nothing" is libpq's require.
    ['?sslmode=no-verify', '?sslmode=require'],
    ['?ssl=true', '?sslmode=require'],
    ['?ssl=1&sslmode=verify-full', '?sslmode=verify-full'],
    ['?ssl=false', ''],
    // Options of node-pg that libpq does not know would make it refuse the whole URL.
    ['?sslmode=verify-ca&keepAlive=true&statement_timeout=1000', '?sslmode=verify-ca'],
  ])('%s becomes %s', (query, expected) => {
    expect(connectionOf(`${base}${query}`).dbname).toBe(
      `postgres://passnum@db.region.fr:5432/passnum${expected}`,
    );
  });
});
