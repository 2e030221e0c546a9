import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { count } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { isIsoDate } from '../core/dates.js';
import { openDatabase } from '../db/open.js';
import { auditEntries } from '../db/schema/index.js';
import { hasData } from '../demo/seed.js';
import { emailAddress } from '../http/text-fields.js';
import * as audit from '../modules/audit/service.js';
import * as access from '../modules/auth/account-access.js';
import * as auth from '../modules/auth/service.js';
import * as funders from '../modules/funders/service.js';
import * as passes from '../modules/passes/service.js';
import * as payments from '../modules/payments/service.js';
import { formatOf, recordsOf } from '../modules/place-standard/read.js';
import * as placeStandard from '../modules/place-standard/service.js';
import * as places from '../modules/places/service.js';
import * as prescribers from '../modules/prescribers/service.js';
import * as statements from '../modules/statements/service.js';
import { describeBacklog } from '../ops/audit-head.js';
import { onInterrupt } from '../ops/interrupt.js';
import { demoKeyFile, seedDemo } from './demo.js';
import {
  envelopeNamed,
  funderNamed,
  fundersByName,
  paymentRunNamed,
  paymentRunsOf,
  placeNamed,
  programmesNow,
  programNamed,
} from './names.js';
import { readPassword } from './password.js';
import { BAR, inputFile, plural, required, say, UsageError, usageLine } from './usage.js';

/** The commands that work on the platform's data (`start` aside: ./start.ts). */

/**
 * Runs a command on the database: the server's when it runs (the embedded one is shared,
 * not started twice), otherwise one started for the command and stopped after it, also
 * when the command is interrupted. Only `migrate` (`migrate: true`) applies migrations; the
 * others refuse a database whose migrations are not this version's (db/open.ts).
 */
export async function withDatabase<T>(
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

/** `seed`: the demo into a database that holds nothing yet. */
export async function seed() {
  await withDatabase(async ({ db }) => {
    if (await hasData(db)) return say('The database already holds data: demo not loaded.');
    await seedDemo(db, loadConfig());
    say(`Demo data loaded; the demo place's API key is in ${demoKeyFile(loadConfig())}.`);
  });
}

export async function adminCreate(args: string[]) {
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

/**
 * `admin disable <email> --reason TEXT` and `admin enable <email>` (or `--email E`, as the other
 * commands take an address): the operator's cutting off
 * of an account (modules/auth/account-access.ts), as the command line (audited so): for a
 * server whose web app an operator cannot reach, or whose last other admin is the one to stop.
 */
export async function adminAccess(sub: 'disable' | 'enable', args: string[]) {
  const command = `admin ${sub}`;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      ...(sub === 'disable' ? { reason: { type: 'string' as const } } : {}),
    },
  });
  // The address as the other commands take it (`--email E`) or after the command, not both.
  const given = [...(values.email === undefined ? [] : [values.email]), ...positionals];
  const email = given[0];
  if (!email)
    throw new UsageError(
      `${command}: the account's e-mail address is missing (usage: ${usageLine(command)}).`,
    );
  if (given.length > 1)
    throw new UsageError(
      values.email === undefined
        ? `${command}: unexpected argument '${positionals[1]}'.`
        : `${command}: give the address once, with --email or after the command, not both.`,
    );
  if (!emailAddress().safeParse(email).success)
    throw new UsageError(`${command}: '${email}' is not an e-mail address.`);
  const reason = (values as { reason?: string }).reason;
  if (sub === 'disable') {
    required(command, '--reason', reason?.trim());
    if (reason!.trim().length > access.REASON_MAX)
      throw new UsageError(`${command}: --reason is ${access.REASON_MAX} characters at most.`);
  }
  await withDatabase(async ({ db }) => {
    if (sub === 'enable') {
      const done = await access.enableAccount(db, null, email);
      say(`Account ${done.email} enabled: it can sign in again.`);
      return;
    }
    const done = await access.disableAccount(db, null, email, reason!);
    say(
      `Account ${done.email} disabled: ${done.endedSessions} session(s) ended, ${done.spentResetLinks} reset link(s) spent, ${done.withdrawnInvitations} invitation(s) it sent withdrawn; its roles in the teams are unchanged.`,
    );
  });
}

export async function passwordLink(args: string[]): Promise<number> {
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

export async function auditVerify(): Promise<number> {
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

/**
 * `--count -5` as `--count=-5`: parseArgs takes -5 for an option and only says the argument is
 * "ambiguous"; joined, the value reaches the command's checks, which say what it must be.
 */
function negativeJoined(args: string[], options: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (options.includes(args[i]!) && next !== undefined && /^-\d/.test(next))
      joined.push(`${args[i]}=${next}`), i++;
    else joined.push(args[i]!);
  }
  return joined;
}

export async function issue(args: string[]) {
  const { values } = parseArgs({
    args: negativeJoined(args, ['--count', '--size']),
    options: {
      program: { type: 'string' },
      count: { type: 'string' },
      size: { type: 'string', default: '10' },
      envelope: { type: 'string' },
      on: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  const program = required('issue', '--program', values.program);
  const counted = required('issue', '--count', values.count);
  if (!/^[1-9][0-9]*$/.test(counted))
    throw new UsageError(`issue: --count '${counted}' is not a whole number of booklets (1 or more).`);
  const count = Number(counted);
  if (values.size !== '5' && values.size !== '10') throw new UsageError('issue: --size must be 5 or 10.');
  const size = values.size === '5' ? 5 : 10;
  if (values.envelope !== undefined) required('issue', '--envelope', values.envelope);
  if (values.on !== undefined && !isIsoDate(values.on))
    throw new UsageError(`issue: --on '${values.on}' is not a date (YYYY-MM-DD, e.g. 2025-01-31).`);
  await withDatabase(async ({ db }) => {
    const programId = await programNamed(db, 'issue', '--program', program);
    const envelopeId =
      values.envelope === undefined
        ? null
        : await envelopeNamed(db, 'issue', '--envelope', programId, values.envelope);
    const bar = new cliProgress.SingleBar(
      { format: 'Issuing [{bar}] {percentage}% {value}/{total} passes', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    // Drawn once the checks passed and the first booklets are written: a refused issue (a
    // closed programme, a cap) printed « Issuing 0% 0/20 passes » before its reason.
    let drawing = false;
    const result = await passes
      .issue(
        db,
        null,
        programId,
        {
          bookletCount: count,
          bookletSize: size,
          envelopeId,
          issuedOn: values.on,
          backdateReason: values.reason,
        },
        (done) => {
          if (!drawing) bar.start(count * size, 0);
          drawing = true;
          bar.update(done);
        },
      )
      .finally(() => drawing && bar.stop());
    say(
      `Issued ${plural(result.passes, 'pass', 'passes')} in ${plural(count, 'booklet')} ${result.firstSerial} … ${result.lastSerial} (batch ${result.batch.id}).`,
    );
  });
}

export async function apiKeyCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { place: { type: 'string' }, label: { type: 'string' } },
  });
  const place = required('apikey create', '--place', values.place);
  await withDatabase(async ({ db }) => {
    const placeId = await placeNamed(db, 'apikey create', '--place', place);
    const created = await places.createKey(
      db,
      null,
      placeId,
      values.label ?? 'Clé créée en ligne de commande',
    );
    const name = (await funders.findPlace(db, placeId))?.name;
    say(`API key created for the place ${name} (${placeId}), shown once, keep it safe:\n${created.key}`);
  });
}

export const STATUS_WORDS = { created: 'created', unchanged: 'unchanged', rejected: 'REJECTED' } as const;

export async function prescribersImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { funder: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  const funder = required('prescribers import', '--funder', values.funder);
  const file = inputFile('prescribers import', positionals[0]);
  const content = fs.readFileSync(file);
  const dryRun = values['dry-run'] ?? false;
  return withDatabase(async ({ db }) => {
    const funderId = await funderNamed(db, 'prescribers import', '--funder', funder);
    const bar = new cliProgress.SingleBar(
      { format: 'Checking [{bar}] {value}/{total} lines', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0);
    const report = await prescribers.importFile(
      db,
      null,
      funderId,
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

export async function paymentsSepa(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { funder: { type: 'string' }, out: { type: 'string' }, run: { type: 'string' } },
  });
  const funder = required('payments sepa', '--funder', values.funder);
  const out = required('payments sepa', '--out', values.out);
  // Checked before the run is marked sent: a file that cannot be written must not lose it.
  if (!fs.statSync(path.dirname(path.resolve(out)), { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`payments sepa: no folder ${path.dirname(out)} to write ${path.basename(out)} in.`);
  if (fs.statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(
      `payments sepa: --out ${out} is a folder: give the file to write (e.g. ${path.join(out, 'virements.xml')}); nothing sent.`,
    );
  await withDatabase(async ({ db }) => {
    const funderId = await funderNamed(db, 'payments sepa', '--funder', funder);
    const runId = values.run && (await paymentRunNamed(db, 'payments sepa', '--run', funderId, values.run));
    const file = await payments.sepaFile(db, null, funderId, runId);
    fs.writeFileSync(values.out!, file.xml);
    say(
      `${plural(file.transfers, 'transfer')}, ${(file.totalCents / 100).toFixed(2)} EUR, written to ${values.out} (file ${file.messageId}${file.sentWithIt ? '; the run is now sent and its statements in payment' : ', a copy of the file already sent'}).`,
    );
  });
}

/** The funder's payment runs, newest first, with the reference `payments sepa --run` takes. */
export async function paymentsRuns(args: string[]) {
  const { values } = parseArgs({ args, options: { funder: { type: 'string' } } });
  const funder = required('payments runs', '--funder', values.funder);
  await withDatabase(async ({ db }) => {
    const funderId = await funderNamed(db, 'payments runs', '--funder', funder);
    const runs = await paymentRunsOf(db, funderId);
    for (const r of runs)
      say(
        `${r.preparedOn}  ${r.status.padEnd(9)}  ${plural(r.transferCount, 'transfer').padStart(15)}  ${(r.totalCents / 100).toFixed(2).padStart(12)} EUR  ${r.name}`,
      );
    say(runs.length ? `${plural(runs.length, 'payment run')}.` : 'No payment run for this funder.');
  });
}

export const STATUS_LABELS = {
  created: 'créé',
  updated: 'mis à jour',
  unchanged: 'inchangé',
  rejected: 'rejeté',
};

export async function placesImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { funder: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  const funder = required('places import', '--funder', values.funder);
  const file = inputFile('places import', positionals[0]);
  const head = Buffer.alloc(64);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 64, 0);
  fs.closeSync(fd);
  const format = formatOf(head);
  const dryRun = values['dry-run'] ?? false;
  return withDatabase(async ({ db }) => {
    const funderId = await funderNamed(db, 'places import', '--funder', funder);
    const bar = new cliProgress.SingleBar(
      { format: 'Importing [{bar}] {value}/{total} lines', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    // Drawn once its total is known: a CSV's line count (a cell spanning lines makes it a
    // little high), a JSON's records once read (drawn at « 0/0 », the bar looked full).
    let drawing = false;
    const total = (n: number) => {
      if (drawing) bar.setTotal(n);
      else bar.start(n, 0);
      drawing = true;
    };
    if (format === 'csv') {
      let lines = 0;
      for await (const chunk of fs.createReadStream(file))
        for (const byte of chunk as Buffer) if (byte === 10) lines++;
      total(Math.max(lines - 1, 0));
    }
    const report = await placeStandard.importPlaces(db, null, funderId, {
      records: recordsOf(fs.createReadStream(file), format, total),
      dryRun,
      defaultSource: `import:${funderId}`,
      onProgress: (done) => drawing && bar.update(done),
    });
    if (drawing) {
      bar.update(report.lines.length);
      bar.stop();
    }
    for (const l of report.lines) {
      if (l.status === 'rejected') say(`ligne ${l.line} : rejetée — ${l.field} : ${l.reason}`);
      for (const n of l.notes) say(`ligne ${l.line} : ${STATUS_LABELS[l.status]}, ${n.field} : ${n.reason}`);
    }
    const c = report.counts;
    say(
      `${dryRun ? 'Dry run (nothing written): ' : ''}${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected.`,
    );
    // As prescribers import: a script or a cron job sees that lines were left out.
    return c.rejected ? 3 : 0;
  });
}

export async function statementsRun(args: string[]) {
  const { values } = parseArgs({ args, options: { month: { type: 'string' }, funder: { type: 'string' } } });
  const month = required('statements run', '--month', values.month);
  if (!/^[0-9]{4}-[0-9]{2}$/.test(month) || !isIsoDate(`${month}-01`))
    throw new UsageError(`statements run: --month '${month}' is not a month (YYYY-MM, e.g. 2026-11).`);
  if (values.funder !== undefined) required('statements run', '--funder', values.funder);
  await withDatabase(async ({ db }) => {
    const funderId =
      values.funder === undefined
        ? undefined
        : await funderNamed(db, 'statements run', '--funder', values.funder);
    const result = await statements.run(db, { month: values.month!, funderId });
    if (!result.funders.length)
      say(
        funderId
          ? `${await funders.nameOf(db, funderId)}, ${result.month}: no redemptions to state; nothing issued.`
          : `${result.month}: no funder has redemptions to state; nothing issued.`,
      );
    for (const f of result.funders) {
      const range = f.issued ? ` (numbers ${f.firstNumber} to ${f.lastNumber})` : '';
      const name = await funders.nameOf(db, f.funderId);
      say(`${name}, ${result.month}: ${plural(f.issued, 'statement')} issued${range}.`);
    }
  });
}

/** The funders and their programmes, with the names and SIRETs the other commands take. */
export async function fundersList() {
  await withDatabase(async ({ db }) => {
    const programmes = await programmesNow(db);
    const list = await fundersByName(db);
    for (const f of list) {
      say(`${f.name}${f.detail ? ` (SIRET ${f.detail})` : ''}  ${f.id}`);
      for (const p of programmes.filter((p) => p.funderId === f.id)) say(`  ${p.name}  ${p.id}`);
    }
    say(`${plural(list.length, 'funder')}, ${plural(programmes.length, 'programme')}.`);
  });
}
