import type { FieldIssue } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import {
  PRESCRIBER_KIND_LABELS,
  PRESCRIBER_KINDS,
  type PrescriberKind,
  prescriberKindFromText,
} from '../../core/prescriber-kinds.js';
import { isValidSiret, normaliseSiret } from '../../core/siret.js';
import { communePlace, communesNamed, searchKey } from '../../core/territory.js';
import { textFault } from '../../core/text.js';
import type { FileLine } from './file.js';

/** A line that can be recorded: the prescriber it describes. */
export interface ValidLine {
  line: number;
  name: string;
  kind: PrescriberKind;
  siret: string | null;
  communeCode: string;
}

export type CheckedLine =
  | { ok: true; value: ValidLine }
  | { ok: false; line: number; name: string | null; errors: FieldIssue[] };

const KIND_LIST = PRESCRIBER_KINDS.map((k) => PRESCRIBER_KIND_LABELS[k].replace(/ \(.*\)$/, '')).join(', ');

function checkName(raw: string | undefined): string | FieldIssue {
  const name = oneLine(raw ?? '');
  if (!name) return { field: 'name', message: 'Nom de la structure manquant.' };
  if (textFault(name, false)) return { field: 'name', message: 'Le nom contient des caractères interdits.' };
  if (name.length < 2)
    return { field: 'name', message: 'Le nom de la structure doit compter au moins 2 caractères.' };
  if (name.length > 200)
    return { field: 'name', message: 'Le nom de la structure compte au plus 200 caractères.' };
  return name;
}

function checkKind(raw: string | undefined): PrescriberKind | FieldIssue {
  if (!raw) return { field: 'kind', message: `Type de structure manquant : indiquez l’un de ${KIND_LIST}.` };
  return (
    prescriberKindFromText(raw) ?? {
      field: 'kind',
      message: `Type « ${raw} » inconnu : indiquez l’un de ${KIND_LIST}.`,
    }
  );
}

function checkSiret(raw: string | undefined): string | null | FieldIssue {
  if (!raw) return null;
  const siret = normaliseSiret(raw);
  return isValidSiret(siret)
    ? siret
    : {
        field: 'siret',
        message: `SIRET « ${raw} » invalide : 14 chiffres dont le dernier est une clé de contrôle.`,
      };
}

/** A spreadsheet may drop a code's leading zero (02408 → 2408): put it back. */
const padCode = (text: string) => (/^\d{4}$/.test(text) ? `0${text}` : text);

/**
 * The commune as people write it: an INSEE code, or a name with the postcode in its own
 * column or beside it (« Verdun (55100) », « 55100 Verdun »).
 */
function checkCommune(raw: string | undefined, rawPostcode: string | undefined): string | FieldIssue {
  if (!raw)
    return {
      field: 'commune',
      message: 'Commune manquante : indiquez son nom et son code postal, ou son code INSEE.',
    };
  const code = padCode(raw);
  if (/^(\d{5}|2[AB]\d{3})$/i.test(code)) {
    if (communePlace(code.toUpperCase())) return code.toUpperCase();
    if (!rawPostcode)
      return { field: 'commune', message: `« ${raw} » n’est le code INSEE d’aucune commune actuelle.` };
  }
  const inline = /^(?:(\d{5})\s+)?(.*?)(?:\s*\(?(\d{5})\)?)?$/.exec(raw)!;
  const name = inline[2] || raw;
  const postcode = (rawPostcode && padCode(rawPostcode)) || inline[1] || inline[3];
  const found = communesNamed(name, postcode);
  if (found.length === 1) return found[0]!.code;
  if (found.length > 1)
    return {
      field: 'commune',
      message: `Plusieurs communes s’appellent « ${name} » : indiquez le code postal.`,
    };
  if (postcode && communesNamed(name).length > 0)
    return { field: 'commune', message: `Aucune commune « ${name} » n’a le code postal ${postcode}.` };
  return {
    field: 'commune',
    message: `Commune « ${name} » inconnue : vérifiez son orthographe, ou indiquez son code INSEE.`,
  };
}

const isIssue = (v: unknown): v is FieldIssue => typeof v === 'object' && v !== null && 'field' in v;

/** Checks every field of a line; a rejected line names each field at fault. */
export function checkLine({ line, cells }: FileLine): CheckedLine {
  const name = checkName(cells.name);
  const kind = checkKind(cells.kind);
  const siret = checkSiret(cells.siret);
  const communeCode = checkCommune(cells.commune, cells.postcode);
  const errors = [name, kind, siret, communeCode].filter(isIssue);
  if (isIssue(name) || isIssue(kind) || isIssue(siret) || isIssue(communeCode))
    return { ok: false, line, name: cells.name ?? null, errors };
  return { ok: true, value: { line, name, kind, siret, communeCode } };
}

/** The key two lines of one file share when they name the same structure. */
export const nameKey = searchKey;
