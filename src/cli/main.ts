import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeFailure } from '../cli-errors.js';
import { type Config, loadConfig } from '../config.js';
import { ENTRIES, fileArgument, noOptions, say, USAGE, UsageError, usageOf } from './usage.js';

// The platform is imported by each command when it runs (./commands.ts, ./start.ts):
// `start` opens its database while the server's modules load, and help answers at once.

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
  'funders',
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
    `Aucune base de la plateforme dans ${config.dataDir} : lancez la commande depuis le dossier de la plateforme, ou donnez à DATA_DIR (ou DATABASE_URL) celui de la plateforme. Rien n’a été créé.`,
  );
}

/** Resolves to an exit code, or to undefined for `start`, which keeps running. */
export async function main(argv: string[]): Promise<number | undefined> {
  const [command, sub] = argv;
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
    const { start } = await import('./start.js');
    await start();
    return undefined;
  }
  // The operator's commands sign their audit entries « ligne de commande »; `start` is not one
  // of them: the server's background jobs sign theirs « système ».
  const { asCommandLine } = await import('../modules/audit/service.js');
  return asCommandLine(() => operatorCommand(argv));
}

/** A command the operator runs and that ends: its exit code. */
async function operatorCommand(argv: string[]): Promise<number> {
  const [command = '', sub, ...rest] = argv;
  if (READS_EXISTING_DATA.has(command)) requireExistingData(loadConfig());
  const known = ENTRIES.some((e) => e.words[0] === command);
  if (!known) throw new UsageError(`Commande inconnue « ${command} » : voir npm run cli -- --help.`);
  const {
    adminAccess,
    adminCreate,
    apiKeyCreate,
    auditRotateKey,
    auditVerify,
    fundersList,
    issue,
    passwordLink,
    paymentsRuns,
    paymentsSepa,
    placesImport,
    prescribersImport,
    seed,
    statementsRun,
    withDatabase,
  } = await import('./commands.js');
  if (command === 'migrate') {
    noOptions(command, argv.slice(1));
    await withDatabase(async () => say('Migrations appliquées.'), true);
    return 0;
  }
  if (command === 'seed') {
    noOptions(command, argv.slice(1));
    await seed();
    return 0;
  }
  if (command === 'admin' && sub === 'create') {
    await adminCreate(rest);
    return 0;
  }
  if (command === 'admin' && (sub === 'disable' || sub === 'enable')) {
    await adminAccess(sub, rest);
    return 0;
  }
  if (command === 'password' && sub === 'link') {
    return passwordLink(rest);
  }
  if (command === 'audit' && sub === 'verify') {
    noOptions('audit verify', rest);
    return auditVerify();
  }
  if (command === 'audit' && sub === 'rotate-key') {
    const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
    const file = fileArgument('audit rotate-key', positionals[0], 'le fichier de la nouvelle clé');
    if (positionals.length > 1)
      throw new UsageError(`audit rotate-key : argument inattendu « ${positionals[1]} ».`);
    await auditRotateKey(path.resolve(file));
    return 0;
  }
  if (command === 'audit' && sub === 'head') {
    noOptions('audit head', rest);
    const { auditHead } = await import('../ops/audit-head.js');
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
      command === 'backup' ? 'le fichier à écrire' : 'le fichier de sauvegarde à lire',
    );
    if (positionals.length > 1)
      throw new UsageError(`${command} : argument inattendu « ${positionals[1]} ».`);
    const { backup, restore } = await import('../ops/backup.js');
    if (command === 'backup') await backup(loadConfig(), file, say);
    else await restore(loadConfig(), file, (values as { replace?: boolean }).replace ?? false, say);
    return 0;
  }
  if (command === 'funders' && sub === 'list') {
    noOptions('funders list', rest);
    await fundersList();
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
  if (command === 'places' && sub === 'import') return placesImport(rest);
  if (command === 'payments' && sub === 'runs') {
    await paymentsRuns(rest);
    return 0;
  }
  if (command === 'payments' && sub === 'sepa') {
    await paymentsSepa(rest);
    return 0;
  }
  throw new UsageError(
    `${command} : ${sub ? `commande inconnue « ${command} ${sub} »` : 'laquelle ?'} (${ENTRIES.filter(
      (e) => e.words[0] === command,
    )
      .map((e) => e.words.join(' '))
      .join(', ')}) ; voir npm run cli -- ${command} --help.`,
  );
}

/** An option parseArgs does not know, or one missing its value: its own sentence says which. */
const isArgumentError = (err: unknown) =>
  err instanceof UsageError ||
  (err instanceof TypeError && String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS'));

/**
 * What a failed command prints, and its exit code: 2 and one line for arguments that are wrong
 * (checked before anything is done; a name that matches several funders, places or
 * programmes, or none, lists them below: cli/names.ts), 1 and a sentence for a failure of the
 * work itself.
 */
export function failureOf(err: unknown): { code: 1 | 2; text: string } {
  if (err instanceof UsageError) return { code: 2, text: err.message };
  if (isArgumentError(err)) return { code: 2, text: argumentErrorText((err as Error).message) };
  return { code: 1, text: describeFailure(err) };
}

/**
 * parseArgs's sentence, in French: its first line (the rest, and the end of the first, are
 * hints about '--' meant for scripts), or as it is when Node says something not foreseen here.
 */
export function argumentErrorText(message: string): string {
  const line = message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '.');
  let m: RegExpExecArray | null;
  if ((m = /^Unknown option '(.+?)'/.exec(line))) return `Option inconnue « ${m[1]} ».`;
  if ((m = /^Option '(.+?)(?: <value>)?' argument missing/.exec(line)))
    return `L’option « ${m[1]} » attend une valeur.`;
  if ((m = /^Option '(.+?)' does not take an argument/.exec(line)))
    return `L’option « ${m[1]} » ne prend pas de valeur.`;
  if ((m = /^Option '(.+?)' argument is ambiguous/.exec(line)))
    return `L’option « ${m[1]} » attend une valeur, pas une autre option (écrivez ${m[1]}=-… pour une valeur qui commence par un tiret).`;
  if ((m = /^Unexpected argument '(.+?)'/.exec(line))) return `Argument inattendu « ${m[1]} ».`;
  return line;
}
