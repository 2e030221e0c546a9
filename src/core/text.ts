/**
 * Which characters a text sent to the platform may carry. PostgreSQL refuses NUL in text
 * and JSON (a 500 where the client made the mistake); a lone UTF-16 surrogate cannot be
 * encoded in UTF-8, so it would be stored as U+FFFD, altering the text after its audit
 * hash was taken; other control characters only hide things from whoever reads a name or
 * a reference. Tabs and line breaks belong in multi-line texts (a deliberation, a reason)
 * and nowhere else. So do the characters that show as nothing or turn the text around
 * (zero-width spaces, direction embeddings, overrides and isolates): pasted into a one-line field, a
 * name, a key's label, an account holder, they made it look empty or reversed (« Bob‮live »)
 * on the lists others read. The joiners (U+200C, U+200D) stay: emoji and some scripts need them.
 */

export type TextFault =
  | { kind: 'control'; index: number; codePoint: number }
  | { kind: 'line_break'; index: number; codePoint: number }
  | { kind: 'lone_surrogate'; index: number; codePoint: number }
  | { kind: 'invisible'; index: number; codePoint: number };

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const LINE_SEPARATOR = 0x2028;
const PARAGRAPH_SEPARATOR = 0x2029;

/**
 * Invisible or direction-changing characters refused in one-line fields (see above). The
 * right-to-left and left-to-right marks (U+200E, U+200F, U+061C) stay: Arabic and Hebrew names
 * carry them, and they turn no letters around.
 */
const isInvisible = (c: number) =>
  c === 0x180e ||
  c === 0x200b ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2060 && c <= 0x2064) ||
  (c >= 0x2066 && c <= 0x2069) ||
  c === 0xfeff;

/** The first character of `value` that the rules refuse, or null. Linear, no allocation. */
export function textFault(value: string, multiline: boolean): TextFault | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (c === TAB || c === LF || c === CR) {
        if (!multiline) return { kind: 'line_break', index: i, codePoint: c };
        continue;
      }
      return { kind: 'control', index: i, codePoint: c };
    }
    if (c === LINE_SEPARATOR || c === PARAGRAPH_SEPARATOR) {
      if (!multiline) return { kind: 'line_break', index: i, codePoint: c };
      continue;
    }
    if (!multiline && isInvisible(c)) return { kind: 'invisible', index: i, codePoint: c };
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { kind: 'lone_surrogate', index: i, codePoint: c };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { kind: 'lone_surrogate', index: i, codePoint: c };
  }
  return null;
}

const hex = (n: number) => `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;

/** What the user reads next to the field. */
export function textFaultMessage(fault: TextFault): string {
  const where = `(${hex(fault.codePoint)}, position ${fault.index + 1})`;
  switch (fault.kind) {
    case 'control':
      return `Caractère de contrôle interdit ${where}.`;
    case 'line_break':
      return `Ce champ tient sur une ligne : retour à la ligne ou tabulation interdits ${where}.`;
    case 'lone_surrogate':
      return `Texte mal encodé : caractère Unicode incomplet ${where}.`;
    case 'invisible':
      return `Ce champ contient un caractère invisible ou qui inverse le sens du texte, venu d’un copier-coller ${where} : effacez-le, ou effacez le champ et retapez le texte.`;
  }
}

/**
 * A name as a piece of a file name: ASCII letters and digits, the rest as dashes, lower case
 * (« Pass numérique 2026 » → « pass-numerique-2026 »), so that it reads the same in every
 * downloads folder and needs no quoting in a Content-Disposition header.
 */
export function fileSlug(name: string, fallback: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 60)
      .replace(/-$/, '') || fallback
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/*
 * Windows-1252's bytes 0x80–0x9F, where it differs from Latin-1 (’ « € … œ): Node's TextDecoder
 * for 'windows-1252' reads them as Latin-1's invisible control characters (« l’Abbé » became
 * « l\u0092Abbé »). The five bytes Windows-1252 leaves undefined stay as they are.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Bytes in Windows-1252 as text: Latin-1, with 0x80–0x9F as Windows-1252 has them. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 8192) {
    const part = bytes.subarray(at, at + 8192);
    out += String.fromCharCode(...part).replace(/[\u0080-\u009f]/g, (c) =>
      CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80),
    );
  }
  return out;
}

/**
 * The text of a file a person brings (a spreadsheet's CSV, a bank's statement): UTF-8, with or
 * without its byte order mark, as most tools write it; otherwise Windows-1252, as Excel and
 * French banks' sites save CSV, rather than « � » in place of the accents. French text in
 * Windows-1252 is not valid UTF-8 (« é » is one byte there, which UTF-8 never lets stand before
 * a plain letter), so a file that UTF-8 reads whole is UTF-8.
 */
export function fileText(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * fileText for a file read in chunks (an import of thousands of places): UTF-8, or
 * Windows-1252 as French Excel saves CSV. Its first bytes beyond ASCII decide, as for a file
 * read whole: a Windows-1252 « é » is not valid UTF-8. A character cut between two chunks
 * waits for the next one. A file that turns invalid after UTF-8 was chosen is refused with
 * `mixed()` rather than read with « � » in its names.
 */
export class FileTextDecoder {
  private chosen: 'utf-8' | 'windows-1252' | null = null;
  private tail: Uint8Array = new Uint8Array(0);

  constructor(private readonly mixed: () => Error) {}

  /** The text of the next chunk; `last` for what is left at the end of the file. */
  decode(chunk: Uint8Array, last = false): string {
    const bytes = this.tail.length ? concat(this.tail, chunk) : chunk;
    if (this.chosen === 'windows-1252') return decodeWindows1252(bytes);
    const end = last ? bytes.length : completeUpTo(bytes);
    this.tail = bytes.slice(end);
    try {
      const text = UTF8.decode(bytes.subarray(0, end));
      if (this.chosen === null && /[^\x00-\x7f]/.test(text)) this.chosen = 'utf-8';
      return text;
    } catch {
      if (this.chosen === 'utf-8') throw this.mixed();
      this.chosen = 'windows-1252';
      this.tail = new Uint8Array(0);
      return decodeWindows1252(bytes);
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Where the last whole UTF-8 character of `bytes` ends: a sequence cut at the end waits. */
function completeUpTo(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}
