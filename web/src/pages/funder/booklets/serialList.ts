import { ApiError } from '../../../api/client';
import { formatInt } from '../../../lib/format';
import { looksLikeSerial, normalizeSerial, serialProblem } from '../../../lib/serial';

/** The API takes at most this many serials in one transfer. */
export const MAX_SERIALS = 10_000;

/**
 * Serials pasted one per line, or separated by commas, semicolons or spaces, each tidied
 * like a single serial (lib/serial). A line that reads as one serial typed with spaces
 * ("P1A2B3 0000001 8") stays one serial. Repeats are dropped, the first one kept.
 */
export function parseSerialList(text: string): string[] {
  const serials: string[] = [];
  for (const chunk of text.split(/[\n\r,;]+/)) {
    if (!chunk.trim()) continue;
    const parts = looksLikeSerial(chunk) ? [chunk] : chunk.split(/\s+/).filter(Boolean);
    for (const raw of parts) serials.push(normalizeSerial(raw));
  }
  return [...new Set(serials)];
}

// A long paste with many typos must not turn the message into a wall of numbers.
const NAMED = 10;

/** "A, B et C", or the first ones and how many more. */
export function listSerials(serials: string[]): string {
  if (serials.length === 1) return serials[0] ?? '';
  if (serials.length <= NAMED) return `${serials.slice(0, -1).join(', ')} et ${serials.at(-1)}`;
  return `${serials.slice(0, NAMED).join(', ')} et ${formatInt(serials.length - NAMED)} autres`;
}

/** The browser's check of the list: French message, naming the unreadable serials, or undefined. */
export function serialListProblem(text: string): string | undefined {
  const serials = parseSerialList(text);
  if (serials.length === 0) return 'Indiquez au moins un numéro de carnet.';
  const bad = serials.filter((s) => serialProblem(s) !== undefined);
  if (bad.length > 0) {
    const [what, check] =
      bad.length === 1 ? ['Numéro illisible', 'Vérifiez-le'] : ['Numéros illisibles', 'Vérifiez-les'];
    return `${what} : ${listSerials(bad)}. ${check} sur la couverture (par exemple C00001-0000001-8).`;
  }
  if (serials.length > MAX_SERIALS)
    return `Au plus ${formatInt(MAX_SERIALS)} carnets à la fois (${formatInt(serials.length)} indiqués).`;
  return undefined;
}

const sentence = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/**
 * The API points at a serial by its position ('serials.3'); the user needs the number
 * itself. Every complaint about the list becomes one message on the 'serials' field, so
 * the textarea shows them all, not only the first.
 */
export function nameSerials(e: unknown, serials: string[]): unknown {
  if (!(e instanceof ApiError)) return e;
  const onList: string[] = [];
  const others = [];
  for (const issue of e.errors) {
    const at = /^serials\.(\d+)/.exec(issue.field);
    const serial = at ? serials[Number(at[1])] : undefined;
    if (serial !== undefined) onList.push(sentence(`Carnet ${serial} : ${issue.message}`));
    else if (issue.field === 'serials') onList.push(sentence(issue.message));
    else others.push(issue);
  }
  const errors = onList.length ? [{ field: 'serials', message: onList.join(' ') }, ...others] : others;
  return new ApiError(e.status, e.code, e.detail, errors);
}
