import fs from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * What the command line says about itself, and the checks of its arguments: light, so that
 * `--help` and a mistyped command answer at once, without loading the platform.
 */

export const USAGE = `Utilisation : npm run cli -- <commande>

  start                         démarre la plateforme (PostgreSQL embarqué, sauf si DATABASE_URL est défini)
  migrate                       applique les migrations de la base de données
  seed                          charge les données de démonstration dans une base vide
  admin create --email E [--name NOM]
                                crée un administrateur de la plateforme ; le mot de passe est
                                demandé deux fois au terminal (sans rien afficher), ou lu dans
                                ADMIN_PASSWORD ou sur la première ligne de l’entrée standard
  admin disable <adresse>|--email E --reason TEXTE
                                désactive aussitôt le compte de cette adresse : ses sessions
                                prennent fin, ses liens de réinitialisation sont consommés, les
                                invitations qu’il a envoyées et qui attendent encore sont retirées
                                (avec leurs e-mails pas encore partis), il ne peut plus se
                                connecter ; ses rôles dans les équipes restent (journalisé au nom
                                de la ligne de commande)
  admin enable <adresse>|--email E
                                rend son accès à un compte désactivé (journalisé)
  password link --email E       affiche un lien à usage unique (valable une heure) pour que le
                                compte de cette adresse choisisse un nouveau mot de passe : pour
                                un serveur qui n’envoie pas d’e-mails, à remettre au titulaire
                                du compte
  audit verify                  vérifie le journal d’audit : chaînage des empreintes, signatures
                                des sceaux, preuves d’écriture
  audit head                    affiche l’empreinte et la signature du dernier sceau, et la clé
                                publique
  audit rotate-key <fichier>    remplace la clé de signature du journal d’audit, toutes les
                                instances arrêtées : vérifie le journal, puis la clé en service
                                passe la main à celle de <fichier> (créée, lisible par vous
                                seul, s’il n’existe pas), qui signe désormais ; faites ensuite
                                pointer AUDIT_SIGNING_KEY_FILE vers <fichier> (docs/operations.md)
  backup <fichier>              écrit toute la base de données dans <fichier> (format « custom »
                                de pg_dump)
  restore <fichier> [--replace]
                                charge une sauvegarde dans une base vide (ou remplace son contenu)
  funders list                  liste les financeurs (nom, SIRET, id) et leurs programmes (nom
                                actuel, id) : les noms que prennent les commandes ci-dessous
  issue --program NOM|ID --count N [--size 5|10] [--envelope NOM|ID] [--on AAAA-MM-JJ --reason TEXTE]
                                émet N carnets de 10 pass (--size 5 : de 5 pass) d’un programme,
                                nommé comme il l’est aujourd’hui (majuscules et accents mis à
                                part) ou par son id, sur l’une de ses enveloppes (au nom de la
                                ligne de commande, journalisé)
  prescribers import --funder NOM|SIRET|ID [--dry-run] <fichier>
                                importe les prescripteurs d’un financeur depuis un fichier CSV ou
                                XLSX (colonnes Nom, Type, SIRET, Commune, Code postal) ; --dry-run
                                rend compte ligne par ligne et n’enregistre rien
  apikey create --place NOM|SIRET|ID [--label LIBELLÉ]
                                crée une clé d’API pour le logiciel d’un lieu ; affichée une
                                seule fois
  places import --funder NOM|SIRET|ID [--dry-run] <fichier>
                                importe des lieux depuis un fichier au standard national des
                                lieux de médiation numérique (CSV ou JSON) dans la liste du
                                financeur, non qualifiés ; affiche le compte rendu ligne par
                                ligne (--dry-run : n’écrit rien)
  payments runs --funder NOM|SIRET|ID
                                liste les lots de paiement du financeur, du plus récent au plus
                                ancien : date de préparation, statut, virements, montant et
                                référence du fichier
  payments sepa --funder NOM|SIRET|ID --out <fichier> [--run RÉFÉRENCE|ID]
                                écrit dans <fichier> le fichier de virements SEPA
                                (pain.001.001.03) du lot de paiement approuvé du financeur (ou du
                                lot dont la référence de fichier, PN-…, est donnée) ; la première
                                fois, le lot est envoyé et ses relevés passent en paiement
                                (journalisé)
  statements run --month AAAA-MM [--funder NOM|SIRET|ID]
                                émet les relevés du mois (un par lieu et par programme), comme
                                la tâche de fond le fait le premier jour ouvré ; une seconde
                                exécution n’émet rien de plus
`;

export const say = (msg: string) => process.stdout.write(`${msg}\n`);

/**
 * « 1 virement », « 2 virements », « 0 relevé » (French counts 0 and 1 in the singular, as
 * core/french.ts's `agree`): not « 1 virements » nor « relevé(s) ». `many` when the plural is
 * not the word and an s: « 2 lots de paiement ».
 */
export const plural = (n: number, word: string, many = `${word}s`) =>
  `${n} ${Math.abs(n) >= 2 ? many : word}`;
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
  .map((text) => ({ text, words: (/^ {2}([a-z]+(?: [a-z][a-z-]*)?)/.exec(text)?.[1] ?? '').split(' ') }));

/** The usage of the entries whose first word is `command`, or the whole usage. */
export function usageOf(command: string | undefined): string {
  const entries = ENTRIES.filter((e) => e.words[0] === command);
  if (!entries.length) return USAGE;
  return `Utilisation : npm run cli -- <commande>\n\n${entries.map((e) => e.text).join('\n')}\n`;
}

/** `args` hold no option: anything else is named. */
export function noOptions(command: string, args: string[]) {
  parseArgs({ args, options: {} });
  if (args.length) throw new UsageError(`${command} : argument inattendu « ${args[0]} ».`);
}

/** A file named on the command line: present, and not something that looks like an option. */
export function fileArgument(command: string, file: string | undefined, what: string): string {
  if (!file) throw new UsageError(`${command} : il manque ${what} (utilisation : ${usageLine(command)}).`);
  if (file.startsWith('-'))
    throw new UsageError(
      `${command} : « ${file} » n’est pas une option de ${command} et n’est pas pris pour un nom de fichier (écrivez ./${file} pour un fichier de ce nom).`,
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
    throw new UsageError(`${command} : il manque ${option} (utilisation : ${usageLine(command)}).`);
  return value;
}

/** The file a command reads: named, and there. */
export function inputFile(command: string, file: string | undefined): string {
  const named = fileArgument(command, file, 'le fichier à importer');
  const stat = fs.statSync(named, { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw new UsageError(
      `${command} : ${named} est un dossier, pas un fichier : donnez le fichier à importer (rien n’a été lu ni enregistré).`,
    );
  if (!stat?.isFile())
    throw new UsageError(`${command} : aucun fichier ${named} (rien n’a été lu ni enregistré).`);
  return named;
}
