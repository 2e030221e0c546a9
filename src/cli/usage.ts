import fs from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * What the command line says about itself, and the checks of its arguments: light, so that
 * `--help` and a mistyped command answer at once, without loading the platform.
 */

export const USAGE = `Usage: npm run cli -- <command>

  start                         start the platform (embedded PostgreSQL unless DATABASE_URL is set)
  migrate                       apply database migrations
  seed                          load the demo data into an empty database
  admin create --email E [--name N]
                                create a platform administrator; the password is asked
                                twice at a terminal (nothing shown), or read from
                                ADMIN_PASSWORD or from the first line of standard input
  admin disable <email>|--email E --reason TEXT
                                disable the account of that address at once: its sessions
                                end, its reset links are spent, the invitations it sent that
                                still wait are withdrawn (with their e-mails not yet sent), it
                                can no longer sign in; its roles in the teams stay (audited
                                as the command line)
  admin enable <email>|--email E
                                give a disabled account back its access (audited)
  password link --email E       print a one-time link (valid one hour) for the account of
                                that address to choose a new password: for a server that
                                sends no e-mail, to hand over to the account's owner
  audit verify                  check the audit journal: hash chain, seal signatures, writer proofs
  audit head                    print the last seal's hash and signature, and the public key
  backup <file>                 write the whole database to <file> (pg_dump custom format)
  restore <file> [--replace]    load a backup into an empty database (or replace its content)
  funders list                  list the funders (name, SIRET, id) and their programmes (name
                                of today, id): the names the commands below take
  issue --program NAME|ID --count N [--size 5|10] [--envelope NAME|ID] [--on YYYY-MM-DD --reason TEXT]
                                issue N booklets of 10 passes (--size 5: of 5 passes) of a
                                programme, named as it is today (capitals and accents
                                aside) or by its id, from one of its envelopes (as the
                                command line, audited)
  prescribers import --funder NAME|SIRET|ID [--dry-run] <file>
                                import a funder's prescribers from a CSV or XLSX file (columns
                                Nom, Type, SIRET, Commune, Code postal); --dry-run reports
                                line by line and records nothing
  apikey create --place NAME|SIRET|ID [--label L]
                                create an API key for a place's software; printed once
  places import --funder NAME|SIRET|ID [--dry-run] <file>
                                import places from a file in the national standard of places
                                of digital mediation (CSV or JSON) onto the funder's roster,
                                unqualified; prints the report line by line (--dry-run: writes nothing)
  payments runs --funder NAME|SIRET|ID
                                list the funder's payment runs, newest first: prepared on,
                                status, transfers, amount and the file's reference
  payments sepa --funder NAME|SIRET|ID --out <file> [--run REFERENCE|ID]
                                write the SEPA transfer file (pain.001.001.03) of the funder's
                                approved payment run (or of the run whose file's reference,
                                PN-…, is given) to <file>; the first time, the run is sent and
                                its statements go in payment (audited)
  statements run --month YYYY-MM [--funder NAME|SIRET|ID]
                                issue the month's statements (one per place and programme),
                                as the background job does on the first working day; a second
                                run issues nothing more
`;

export const say = (msg: string) => process.stdout.write(`${msg}\n`);

/** « 1 transfer », « 2 transfers », « 0 statements »: not « 1 transfers » nor « statement(s) ». */
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
// Progress also when the output is a log file or a pipe (cron, CI), every 2 seconds there.
export const BAR = { noTTYOutput: true, notTTYSchedule: 2000 };

/** A command line that cannot be run as written: said in one line, exit 2, no stack. */
export class UsageError extends Error {}

/** USAGE's entries, each with the command words it starts with ('backup', 'admin create'). */
export const ENTRIES = USAGE.split('\n')
  .slice(2)
  .reduce<string[]>((entries, line) => {
    if (/^ {2}\S/.test(line)) entries.push(line);
    else if (line.trim() && entries.length) entries[entries.length - 1] += `\n${line}`;
    return entries;
  }, [])
  .map((text) => ({ text, words: (/^ {2}([a-z]+(?: [a-z]+)?)/.exec(text)?.[1] ?? '').split(' ') }));

/** The usage of the entries whose first word is `command`, or the whole usage. */
export function usageOf(command: string | undefined): string {
  const entries = ENTRIES.filter((e) => e.words[0] === command);
  if (!entries.length) return USAGE;
  return `Usage: npm run cli -- <command>\n\n${entries.map((e) => e.text).join('\n')}\n`;
}

/** `args` hold no option: anything else is named. */
export function noOptions(command: string, args: string[]) {
  parseArgs({ args, options: {} });
  if (args.length) throw new UsageError(`${command}: unexpected argument '${args[0]}'.`);
}

/** A file named on the command line: present, and not something that looks like an option. */
export function fileArgument(command: string, file: string | undefined, what: string): string {
  if (!file) throw new UsageError(`${command}: ${what} is missing (usage: ${usageLine(command)}).`);
  if (file.startsWith('-'))
    throw new UsageError(
      `${command}: '${file}' is not an option of ${command} and not taken as a file name (write ./${file} for a file named so).`,
    );
  return file;
}

export const usageLine = (command: string) =>
  (ENTRIES.find((e) => e.words.join(' ') === command) ?? ENTRIES.find((e) => e.words[0] === command))?.text
    .trim()
    .split(/\s{2,}/)[0] ?? command;

/** An option the command needs: there, or a usage error naming it. */
export function required(command: string, option: string, value: string | undefined): string {
  if (value === undefined || value === '')
    throw new UsageError(`${command}: ${option} is missing (usage: ${usageLine(command)}).`);
  return value;
}

/** The file a command reads: named, and there. */
export function inputFile(command: string, file: string | undefined): string {
  const named = fileArgument(command, file, 'the file to import');
  const stat = fs.statSync(named, { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw new UsageError(
      `${command}: ${named} is a directory, not a file: give the file to import (nothing read, nothing recorded).`,
    );
  if (!stat?.isFile()) throw new UsageError(`${command}: no file ${named} (nothing read, nothing recorded).`);
  return named;
}
