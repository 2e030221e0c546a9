import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import { CODE_INPUT_MAX, checkSymbol, passCodeUrl } from './core/pass-code.js';
import { invitationUrl } from './modules/auth/routes.js';
import { callbackUrl } from './modules/proconnect/routes.js';

/** The configuration read from these variables only (every other one of ours unset). */
function configWith(env: Record<string, string>) {
  for (const name of Object.keys(process.env))
    if (
      /^(PORT|EMBEDDED_PG_PORT|HOST|PUBLIC_URL|DATABASE_URL|DATA_DIR|DEMO_DATA|COOKIE_SECURE|TRUST_PROXY|LOG_LEVEL|CALENDAR_JOBS|SESSION_TTL_HOURS|SMTP_URL|MAIL_FROM|MAP_TILE_URL|OPERATOR_.*|HOSTING_PROVIDER|PROCONNECT_.*)$/.test(
        name,
      )
    )
      vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return loadConfig();
}
afterEach(() => vi.unstubAllEnvs());

describe('boolean variables', () => {
  it('read true/1/yes/on and false/0/no/off in any case', () => {
    for (const yes of ['true', '1', 'TRUE', 'yes', 'Yes', 'on', 'ON'])
      expect(configWith({ COOKIE_SECURE: yes }).cookieSecure, yes).toBe(true);
    for (const no of ['false', '0', 'FALSE', 'no', 'No', 'off', 'OFF'])
      expect(configWith({ DEMO_DATA: no }).loadDemo, no).toBe(false);
    expect(configWith({ CALENDAR_JOBS: '0' }).calendarJobs).toBe(false);
  });

  it('refuse anything else, naming the variable, rather than fail open', () => {
    expect(() => configWith({ COOKIE_SECURE: 'ture' })).toThrow(
      /COOKIE_SECURE doit valoir true ou false.*« ture »/,
    );
    expect(() => configWith({ DEMO_DATA: 'nope' })).toThrow(/DEMO_DATA doit valoir true ou false/);
  });

  it('keep their defaults when unset', () => {
    expect(configWith({}).cookieSecure).toBe(false);
    expect(configWith({ PUBLIC_URL: 'https://pass.example.fr' }).cookieSecure).toBe(true);
    expect(configWith({}).calendarJobs).toBe(true);
  });
});

describe('configuration mistakes', () => {
  it('are all reported at once, one line each naming its variable', () => {
    expect(() =>
      configWith({ COOKIE_SECURE: 'maybe', CALENDAR_JOBS: 'sometimes', SESSION_TTL_HOURS: 'x' }),
    ).toThrow(
      /Configuration invalide[^]*\n {2}SESSION_TTL_HOURS[^]*\n {2}COOKIE_SECURE[^]*\n {2}CALENDAR_JOBS/,
    );
  });
});

describe('the demo data', () => {
  it('load by default on the embedded database only, never by default on DATABASE_URL', () => {
    expect(configWith({}).loadDemo).toBe(true);
    expect(configWith({ DATABASE_URL: 'postgres://pn@db.example.fr/pn' }).loadDemo).toBe(false);
  });

  it('follow an explicit DEMO_DATA either way', () => {
    expect(configWith({ DATABASE_URL: 'postgres://pn@db.example.fr/pn', DEMO_DATA: 'true' }).loadDemo).toBe(
      true,
    );
    expect(configWith({ DEMO_DATA: 'false' }).loadDemo).toBe(false);
  });
});

describe('PUBLIC_URL', () => {
  it('is kept without a trailing slash, so that links built on it have one slash', () => {
    const config = configWith({ PUBLIC_URL: 'https://pass.example.fr/' });
    expect(config.publicUrl).toBe('https://pass.example.fr');
    expect(invitationUrl(config, 'tok')).toBe('https://pass.example.fr/invitation/tok');
    expect(callbackUrl(config)).toBe('https://pass.example.fr/api/v1/auth/proconnect/callback');
    expect(configWith({ PUBLIC_URL: 'https://example.fr/pass//' }).publicUrl).toBe('https://example.fr/pass');
    expect(configWith({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('must be an absolute http(s) address without query or fragment', () => {
    for (const bad of [
      'pass.example.fr',
      '/pass',
      'ftp://pass.example.fr',
      'https://pass.example.fr/?a=1',
      'https://pass.example.fr/#x',
    ])
      expect(() => configWith({ PUBLIC_URL: bad }), bad).toThrow(/\n {2}PUBLIC_URL (doit|ne doit)/);
  });

  it('takes a département’s long address, and refuses one whose QR codes no desk could read', () => {
    // 73 characters with its code: every scan of it failed when a code's text was capped at 64.
    const long = 'https://www.pasdecalais.fr/solidarites/pass-numerique';
    expect(
      passCodeUrl(configWith({ PUBLIC_URL: long }).publicUrl, `U5439NFVWQ2RJ${checkSymbol('U5439NFVWQ2RJ')}`),
    ).toHaveLength(73);
    const tooLong = `https://pass.example.fr/${'a'.repeat(CODE_INPUT_MAX)}`;
    expect(() => configWith({ PUBLIC_URL: tooLong })).toThrow(
      /\n {2}PUBLIC_URL est trop longue : le lien des QR codes des pass \(PUBLIC_URL\/p\/ et le code\) compterait \d+ caractères, et le code d’un pass n’est lu que dans 256 au plus/,
    );
  });
});

describe('TRUST_PROXY', () => {
  it('reads a number as the hop count, and keeps true, false and lists of addresses', () => {
    expect(configWith({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(configWith({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(configWith({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(configWith({ TRUST_PROXY: 'false' }).trustProxy).toBeUndefined();
    expect(configWith({}).trustProxy).toBeUndefined();
    expect(configWith({ TRUST_PROXY: '10.0.0.2, 10.1.0.0/16,::1,loopback' }).trustProxy).toEqual([
      '10.0.0.2',
      '10.1.0.0/16',
      '::1',
      'loopback',
    ]);
  });

  it('refuses what is neither, naming the variable', () => {
    expect(() => configWith({ TRUST_PROXY: 'proxy.internal' })).toThrow(
      /TRUST_PROXY doit valoir[^]*« proxy.internal »/,
    );
    expect(() => configWith({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });
});

describe('PORT, LOG_LEVEL and DATABASE_URL', () => {
  it('are checked before anything starts, each naming its variable', () => {
    expect(() => configWith({ PORT: '99999' })).toThrow(
      /PORT doit être un numéro de port entre 1 et 65535 \(reçu « 99999 »\)/,
    );
    expect(() => configWith({ PORT: '0' })).toThrow(/PORT doit être/);
    expect(() => configWith({ LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL doit valoir [^]*info[^]*« verbose »/,
    );
    expect(() => configWith({ DATABASE_URL: 'not-a-url' })).toThrow(
      /DATABASE_URL doit être une adresse postgres:\/\//,
    );
    expect(() => configWith({ DATABASE_URL: 'mysql://u:secret@h/db' })).toThrow(/DATABASE_URL doit être/);
    expect(() => configWith({ DATABASE_URL: 'mysql://u:secret@h/db' })).not.toThrow(/secret/);
  });

  it('accept what is right', () => {
    const config = configWith({
      PORT: '8080',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgresql://pn:pw@db.example.fr:5432/pn',
    });
    expect(config).toMatchObject({
      port: 8080,
      logLevel: 'debug',
      databaseUrl: 'postgresql://pn:pw@db.example.fr:5432/pn',
    });
    expect(configWith({ DATABASE_URL: 'postgres://pn@db/pn', LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });
});

describe('SMTP_URL', () => {
  it('must be an smtp:// or smtps:// URL with a host, named in one line that never shows its password', () => {
    for (const bad of [
      'smtp//mailer:Pa55word!@mail.region.fr:587',
      'http://mailer:Pa55word!@mail.region.fr:587',
      'smtp://mailer:Pa55word!@:587',
      'smtp://mailer:Pa55word!@mail.region.fr:port',
      'mail.region.fr',
    ]) {
      let message = '';
      try {
        configWith({ SMTP_URL: bad });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, bad).toMatch(/\n {2}SMTP_URL doit être une adresse smtp:\/\/ ou smtps:\/\//);
      expect(message, bad).not.toContain('Pa55word');
    }
  });

  it('accepts smtp:// and smtps:// with or without a port and credentials', () => {
    for (const good of [
      'smtp://mailer:Pa55word!@mail.region.fr:587',
      'smtps://mail.region.fr',
      'smtp://localhost:2525',
    ])
      expect(configWith({ SMTP_URL: good }).smtpUrl, good).toBe(good);
    expect(configWith({}).smtpUrl).toBeUndefined();
  });
});

describe('MAIL_FROM, MAP_TILE_URL, SESSION_TTL_HOURS, HOST and DATA_DIR', () => {
  it('are checked before anything starts, each naming its variable', () => {
    expect(() => configWith({ MAIL_FROM: 'nonsense' })).toThrow(
      /\n {2}MAIL_FROM doit être une adresse e-mail[^]*« nonsense »/,
    );
    expect(() => configWith({ MAIL_FROM: 'Pass <ne-pas-repondre@example.fr>\r\nBcc: x@y.fr' })).toThrow(
      /MAIL_FROM doit être/,
    );
    expect(() => configWith({ MAP_TILE_URL: 'javascript:alert(1)' })).toThrow(
      /\n {2}MAP_TILE_URL doit être une adresse http:\/\/ ou https:\/\/[^]*« javascript:alert\(1\) »/,
    );
    expect(() => configWith({ MAP_TILE_URL: 'https://tiles.example.fr/tile.png' })).toThrow(
      /MAP_TILE_URL doit/,
    );
    expect(() => configWith({ SESSION_TTL_HOURS: '0' })).toThrow(
      /\n {2}SESSION_TTL_HOURS doit être un nombre entier supérieur ou égal à 1 \(reçu « 0 »\)/,
    );
    for (const bad of ['not a host', 'http://0.0.0.0', '0.0.0.0:3000', 'host_name'])
      expect(() => configWith({ HOST: bad }), bad).toThrow(
        /\n {2}HOST doit être une adresse IP ou un nom d’hôte/,
      );
  });

  it('accept what is right, and take an empty value for the default', () => {
    const config = configWith({
      MAIL_FROM: 'Pass numérique <ne-pas-repondre@region.fr>',
      MAP_TILE_URL: 'https://{s}.tiles.example.fr/{z}/{x}/{-y}.png?key=1',
      SESSION_TTL_HOURS: '1',
      HOST: '::',
    });
    expect(config).toMatchObject({
      mailFrom: 'Pass numérique <ne-pas-repondre@region.fr>',
      mapTileUrl: 'https://{s}.tiles.example.fr/{z}/{x}/{-y}.png?key=1',
      sessionTtlHours: 1,
      host: '::',
    });
    expect(configWith({ MAIL_FROM: 'ne-pas-repondre@region.fr' }).mailFrom).toBe('ne-pas-repondre@region.fr');
    for (const host of ['127.0.0.1', 'localhost', 'app-1.internal.example.fr'])
      expect(configWith({ HOST: host }).host).toBe(host);
    expect(configWith({ HOST: '' }).host).toBe('0.0.0.0');
    expect(configWith({ DATA_DIR: '' }).dataDir).toBe(path.resolve('data'));
    expect(configWith({ DATA_DIR: '', AUDIT_SIGNING_KEY_FILE: '' }).auditSigningKeyFile).toBe(
      path.resolve('data', 'audit-signing-key.pem'),
    );
  });
});

describe('who runs the instance', () => {
  it('is read for the legal notice, absent when not named, and its e-mail checked', () => {
    expect(configWith({}).operator).toBeUndefined();
    expect(
      configWith({
        OPERATOR_NAME: 'Région Hauts-de-France',
        OPERATOR_ADDRESS: '151 avenue du Président Hoover, 59555 Lille Cedex',
        OPERATOR_EMAIL: 'pass-numerique@hautsdefrance.fr',
      }).operator,
    ).toEqual({
      name: 'Région Hauts-de-France',
      address: '151 avenue du Président Hoover, 59555 Lille Cedex',
      email: 'pass-numerique@hautsdefrance.fr',
      host: null,
    });
    expect(() => configWith({ OPERATOR_NAME: 'Région', OPERATOR_EMAIL: 'pas une adresse' })).toThrow(
      /\n {2}OPERATOR_EMAIL doit être une adresse e-mail \(reçu « pas une adresse »\)/,
    );
    expect(() => configWith({ OPERATOR_EMAIL: 'contact@region.fr' })).toThrow(
      /\n {2}OPERATOR_NAME doit être renseigné/,
    );
  });
});

describe('`start` with a bad configuration', () => {
  it('lists every mistake, one line each naming its variable, and exits 1 without a stack', async () => {
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      env: {
        ...process.env,
        PORT: '99999',
        LOG_LEVEL: 'verbose',
        DATABASE_URL: 'not-a-url',
        COOKIE_SECURE: 'TRUE',
        DEMO_DATA: 'nope',
      },
      timeout: 25_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(run.code).toBe(1);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'DEMO_DATA'])
      expect(run.stderr).toMatch(new RegExp(`\\n  ${name} doit`));
    expect(run.stderr).not.toContain('COOKIE_SECURE');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain('ENOTFOUND');
  });
});
