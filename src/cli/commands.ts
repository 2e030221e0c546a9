import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { count } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { isIsoDate } from '../core/dates.js';
import { agree } from '../core/french.js';
import { openDatabase } from '../db/open.js';
import { auditEntries } from '../db/schema/index.js';
import { hasData } from '../demo/seed.js';
import { emailAddress } from '../http/text-fields.js';
import { type Rotation, rotateKey } from '../modules/audit/rotation.js';
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
  RUN_STATUS_WORDS,
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
    if (await hasData(db))
      return say('La base de données contient déjà des données : démonstration non chargée.');
    await seedDemo(db, loadConfig());
    say(
      `Données de démonstration chargées ; la clé d’API du lieu de démonstration est dans ${demoKeyFile(loadConfig())}.`,
    );
  });
}

export async function adminCreate(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
  required('admin create', '--email', values.email);
  // Before the password is asked: the service checks it again.
  if (!emailAddress().safeParse(values.email).success)
    throw new UsageError(`admin create : --email « ${values.email} » n’est pas une adresse e-mail.`);
  const password = await readPassword();
  await withDatabase(async ({ db }) => {
    const user = await auth.createPlatformAdmin(db, {
      email: values.email!,
      displayName: values.name ?? values.email!,
      password,
    });
    say(`Administrateur de la plateforme ${user.email} créé.`);
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
      `${command} : il manque l’adresse e-mail du compte (utilisation : ${usageLine(command)}).`,
    );
  if (given.length > 1)
    throw new UsageError(
      values.email === undefined
        ? `${command} : argument inattendu « ${positionals[1]} ».`
        : `${command} : donnez l’adresse une seule fois, avec --email ou après la commande, pas les deux.`,
    );
  if (!emailAddress().safeParse(email).success)
    throw new UsageError(`${command} : « ${email} » n’est pas une adresse e-mail.`);
  const reason = (values as { reason?: string }).reason;
  if (sub === 'disable') {
    required(command, '--reason', reason?.trim());
    if (reason!.trim().length > access.REASON_MAX)
      throw new UsageError(`${command} : --reason fait ${access.REASON_MAX} caractères au plus.`);
  }
  await withDatabase(async ({ db }) => {
    if (sub === 'enable') {
      const done = await access.enableAccount(db, null, email);
      say(`Compte ${done.email} réactivé : il peut de nouveau se connecter.`);
      return;
    }
    const done = await access.disableAccount(db, null, email, reason!);
    say(
      `Compte ${done.email} désactivé : ${plural(done.endedSessions, 'session')} ${agree(done.endedSessions, 'terminée', 'terminées')}, ${plural(done.spentResetLinks, 'lien', 'liens')} de réinitialisation ${agree(done.spentResetLinks, 'consommé', 'consommés')}, ${plural(done.withdrawnInvitations, 'invitation')} de sa part ${agree(done.withdrawnInvitations, 'retirée', 'retirées')} ; ses rôles dans les équipes sont inchangés.`,
    );
  });
}

export async function passwordLink(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  if (!values.email) throw new UsageError('password link : --email est obligatoire.');
  const config = loadConfig();
  return withDatabase(async ({ db }) => {
    const token = await auth.passwordLinkFor(db, { email: values.email! });
    if (!token) {
      process.stderr.write(`Aucun compte n’a l’adresse ${values.email} (ou il est désactivé).\n`);
      return 1;
    }
    say(
      `Lien pour ${values.email}, valable une heure, une seule fois : ${config.publicUrl}/mot-de-passe/nouveau/${token}`,
    );
    return 0;
  });
}

export async function auditVerify(): Promise<number> {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select({ n: count() }).from(auditEntries);
    const bar = new cliProgress.SingleBar(
      { format: 'Vérification [{bar}] {value}/{total} entrées', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    bar.start(row?.n ?? 0, 0);
    const result = await audit.verify(db, (checked) => bar.update(checked));
    bar.stop();
    if (result.ok) {
      const pending = result.pending
        ? ` (${result.pending} en cours d’enregistrement, pas encore ${agree(result.pending, 'scellée', 'scellées')})`
        : '';
      say(`Journal d’audit intact : ${plural(result.count, 'entrée')}${pending}.`);
      if (result.pending) say(describeBacklog(await audit.backlog(db)));
    } else {
      say(
        `Journal d’audit ROMPU à l’entrée n° ${result.brokenAt} : ${result.reason} (${plural(result.count, 'entrée')} ${agree(result.count, 'vérifiée', 'vérifiées')} avant elle).`,
      );
    }
    return result.ok ? 0 : 1;
  });
}

/**
 * `audit rotate-key <file>`: the trail verified (a bar, as `audit verify`), then handed over
 * to the key of `file` (audit.rotateKey). The server is stopped: the operator points
 * AUDIT_SIGNING_KEY_FILE at the new file before starting it again, and it refuses the old key.
 */
export async function auditRotateKey(file: string): Promise<void> {
  await withDatabase(async ({ db }) => {
    const [row] = await db.select({ n: count() }).from(auditEntries);
    const bar = new cliProgress.SingleBar(
      { format: 'Vérification avant le passage de clé [{bar}] {value}/{total} entrées', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    bar.start(row?.n ?? 0, 0);
    let rotation: Rotation;
    try {
      rotation = await rotateKey(db, file, (checked) => bar.update(checked));
    } finally {
      bar.stop();
    }
    say(
      `Clé de signature du journal d’audit remplacée : la clé ${rotation.previousKeyId} (${plural(rotation.count, 'entrée')} ${agree(rotation.count, 'vérifiée', 'vérifiées')}) a passé la main à la clé ${rotation.keyId} (sceau n° ${rotation.seq}).`,
    );
    if (rotation.created) say(`Nouvelle clé créée dans ${file} (lisible par vous seul).`);
    say(
      `Avant de redémarrer : faites pointer AUDIT_SIGNING_KEY_FILE vers ${file} (le serveur refuse désormais l’ancienne clé), gardez une copie de la nouvelle clé à part de la base, puis détruisez l’ancienne (\`audit verify\` n’en a plus besoin). Publiez la tête du journal : npm run cli -- audit head.`,
    );
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
    throw new UsageError(`issue : --count « ${counted} » n’est pas un nombre entier de carnets (1 ou plus).`);
  const count = Number(counted);
  if (values.size !== '5' && values.size !== '10') throw new UsageError('issue : --size vaut 5 ou 10.');
  const size = values.size === '5' ? 5 : 10;
  if (values.envelope !== undefined) required('issue', '--envelope', values.envelope);
  if (values.on !== undefined && !isIsoDate(values.on))
    throw new UsageError(
      `issue : --on « ${values.on} » n’est pas une date (AAAA-MM-JJ, par exemple 2025-01-31).`,
    );
  await withDatabase(async ({ db }) => {
    const programId = await programNamed(db, 'issue', '--program', program);
    const envelopeId =
      values.envelope === undefined
        ? null
        : await envelopeNamed(db, 'issue', '--envelope', programId, values.envelope);
    const bar = new cliProgress.SingleBar(
      { format: 'Émission [{bar}] {percentage} % {value}/{total} pass', ...BAR },
      cliProgress.Presets.shades_classic,
    );
    // Drawn once the checks passed and the first booklets are written: a refused issue (a
    // closed programme, a cap) printed « Émission 0 % 0/20 pass » before its reason.
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
      `${plural(result.passes, 'pass', 'pass')} émis en ${plural(count, 'carnet')} ${result.firstSerial} … ${result.lastSerial} (émission ${result.batch.id}).`,
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
    say(
      `Clé d’API créée pour le lieu ${name} (${placeId}), affichée une seule fois, conservez-la en lieu sûr :\n${created.key}`,
    );
  });
}

export const STATUS_WORDS = { created: 'créé', unchanged: 'inchangé', rejected: 'REJETÉ' } as const;

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
      { format: 'Vérification [{bar}] {value}/{total} lignes', ...BAR },
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
        `ligne ${String(l.line).padStart(4)}  ${STATUS_WORDS[l.status].padEnd(9)}  ${l.name ?? '—'}${why ? `  — ${why}` : ''}`,
      );
    }
    const { lines, created, unchanged, rejected } = report.counts;
    say(
      `${dryRun ? 'Essai à blanc, rien n’est enregistré : ' : ''}${plural(lines, 'ligne')}, ${created} ${dryRun ? 'à créer' : agree(created, 'créé', 'créés')}, ${unchanged} ${agree(unchanged, 'inchangé', 'inchangés')}, ${rejected} ${agree(rejected, 'rejeté', 'rejetés')}.`,
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
    throw new UsageError(
      `payments sepa : aucun dossier ${path.dirname(out)} où écrire ${path.basename(out)}.`,
    );
  if (fs.statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(
      `payments sepa : --out ${out} est un dossier : donnez le fichier à écrire (par exemple ${path.join(out, 'virements.xml')}) ; rien n’a été envoyé.`,
    );
  await withDatabase(async ({ db }) => {
    const funderId = await funderNamed(db, 'payments sepa', '--funder', funder);
    const runId = values.run && (await paymentRunNamed(db, 'payments sepa', '--run', funderId, values.run));
    const file = await payments.sepaFile(db, null, funderId, runId);
    fs.writeFileSync(values.out!, file.xml);
    say(
      `${plural(file.transfers, 'virement')}, ${(file.totalCents / 100).toFixed(2)} EUR, ${agree(file.transfers, 'écrit', 'écrits')} dans ${values.out} (fichier ${file.messageId}${file.sentWithIt ? ' ; le lot est maintenant envoyé et ses relevés en paiement' : ', copie du fichier déjà envoyé'}).`,
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
        `${r.preparedOn}  ${(RUN_STATUS_WORDS[r.status] ?? r.status).padEnd(9)}  ${plural(r.transferCount, 'virement').padStart(15)}  ${(r.totalCents / 100).toFixed(2).padStart(12)} EUR  ${r.name}`,
      );
    say(
      runs.length
        ? `${plural(runs.length, 'lot de paiement', 'lots de paiement')}.`
        : 'Aucun lot de paiement pour ce financeur.',
    );
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
      { format: 'Import [{bar}] {value}/{total} lignes', ...BAR },
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
      `${dryRun ? 'Essai à blanc (rien n’est écrit) : ' : ''}${c.created} ${agree(c.created, 'créé', 'créés')}, ${c.updated} mis à jour, ${c.unchanged} ${agree(c.unchanged, 'inchangé', 'inchangés')}, ${c.rejected} ${agree(c.rejected, 'rejeté', 'rejetés')}.`,
    );
    // As prescribers import: a script or a cron job sees that lines were left out.
    return c.rejected ? 3 : 0;
  });
}

export async function statementsRun(args: string[]) {
  const { values } = parseArgs({ args, options: { month: { type: 'string' }, funder: { type: 'string' } } });
  const month = required('statements run', '--month', values.month);
  if (!/^[0-9]{4}-[0-9]{2}$/.test(month) || !isIsoDate(`${month}-01`))
    throw new UsageError(
      `statements run : --month « ${month} » n’est pas un mois (AAAA-MM, par exemple 2026-11).`,
    );
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
          ? `${await funders.nameOf(db, funderId)}, ${result.month} : aucune utilisation à relever ; rien n’est émis.`
          : `${result.month} : aucun financeur n’a d’utilisations à relever ; rien n’est émis.`,
      );
    for (const f of result.funders) {
      const range = f.issued ? ` (numéros ${f.firstNumber} à ${f.lastNumber})` : '';
      const name = await funders.nameOf(db, f.funderId);
      say(`${name}, ${result.month} : ${plural(f.issued, 'relevé')} émis${range}.`);
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
    say(`${plural(list.length, 'financeur')}, ${plural(programmes.length, 'programme')}.`);
  });
}
