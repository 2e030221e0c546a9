/**
 * A new PDF document. pdfkit is loaded the first time a PDF is made, not when the server
 * or a command starts: half a second of loading that most starts never use.
 *
 * Every string the document draws or measures goes through `winAnsi`: the platform's PDFs use
 * the standard fonts (no font file to ship), which draw Windows-1252 only, and anything else
 * came out as garbage whose width was wrong too (a deliberation numbered « CP-2026-😀 » printed
 * « Ø=Þ » and ran past the margin).
 */
export async function newPdf(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument(options);
  const text = doc.text.bind(doc);
  const widthOfString = doc.widthOfString.bind(doc);
  const heightOfString = doc.heightOfString.bind(doc);
  const safe = (s: unknown) => (typeof s === 'string' ? winAnsi(s) : s);
  doc.text = ((s: unknown, ...rest: unknown[]) =>
    (text as (...a: unknown[]) => PDFKit.PDFDocument)(safe(s), ...rest)) as typeof doc.text;
  doc.widthOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) =>
    widthOfString(winAnsi(s), o)) as typeof doc.widthOfString;
  doc.heightOfString = ((s: string, o?: PDFKit.Mixins.TextOptions) =>
    heightOfString(winAnsi(s), o)) as typeof doc.heightOfString;
  return doc;
}

// Windows-1252's characters beyond Latin-1's (its 0x80–0x9F): the euro sign, French quotes
// and dashes, « Œ », « œ », « Ÿ »…
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const drawable = (c: string) => {
  const code = c.codePointAt(0)!;
  return (
    code === 0x09 ||
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    CP1252_EXTRA.has(c)
  );
};
const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * The text as the standard fonts can draw it. French is drawn as typed; the narrow no-break
 * space (the thousands separator of formatEuros) becomes a no-break space; a letter with an
 * accent they lack keeps its letter (« Nguyễn » → « Nguyen »); anything else, an emoji with
 * its modifiers, becomes one « ? ».
 */
export function winAnsi(s: string): string {
  let out = '';
  for (const { segment } of graphemes.segment(s.replace(/\u202f/g, '\u00a0'))) {
    if ([...segment].every(drawable)) out += segment;
    else {
      const letters = [...segment.normalize('NFD')].filter((c) => !/\p{M}/u.test(c));
      out += letters.length > 0 && letters.every(drawable) ? letters.join('').normalize('NFC') : '?';
    }
  }
  return out;
}
