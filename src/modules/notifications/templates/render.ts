import { consolePath, type LinkedConsole } from '../../../core/console-link.js';
import { frenchDate } from '../../../core/dates.js';
import { formatEuros } from '../../../core/money.js';

/** What every template gets besides its params. */
export interface RenderContext {
  /** The app's public URL (PUBLIC_URL), without a trailing slash: links are built from it. */
  publicUrl: string;
}

/** A message as sent: French subject, plain text, and a simple HTML alternative. */
export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** A piece of a message: a paragraph, or a link whose label and URL both show in the text. */
export type Block = string | { href: string; label: string };

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value that reaches the HTML goes through here (names, reasons and links are data). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export function appUrl(ctx: RenderContext, path: string): string {
  return `${ctx.publicUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * A link into a console's pages that names the funder, place or prescriber organisation: a
 * person of several opens the page of the one the message is about, not of the one last chosen
 * in their browser (core/console-link.ts).
 */
export function consoleUrl(
  ctx: RenderContext,
  console: LinkedConsole,
  path: string,
  id: string | undefined,
): string {
  return appUrl(ctx, consolePath(console, path, id));
}

/** « novembre 2026 » from '2026-11'. */
export function frenchMonth(month: string): string {
  return frenchDate(`${month}-01`).replace(/^1er /, '');
}

export const euros = formatEuros;
export const day = frenchDate;

const SIGNATURE = 'L’équipe du pass numérique';
const AUTOMATIC = 'Ce message est envoyé automatiquement : merci de ne pas y répondre.';

/**
 * Builds the text and HTML of a message from the same blocks, so that both say the same thing.
 * The HTML is plain and accessible: a language, a title, paragraphs, links with their own text
 * (no image, no table for layout, no colour carrying meaning).
 */
export function message(subject: string, greeting: string, blocks: Block[]): Rendered {
  const textBlocks = blocks.map((b) => (typeof b === 'string' ? b : `${b.label} :\n${b.href}`));
  const text = [greeting, ...textBlocks, `${SIGNATURE}\n\n${AUTOMATIC}`].join('\n\n');
  const htmlBlocks = blocks.map((b) =>
    typeof b === 'string'
      ? `<p>${escapeHtml(b).replace(/\n/g, '<br>')}</p>`
      : `<p><a href="${escapeHtml(b.href)}">${escapeHtml(b.label)}</a><br>${escapeHtml(b.href)}</p>`,
  );
  const html = [
    '<!doctype html>',
    '<html lang="fr">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Marianne, Arial, sans-serif; line-height: 1.5; max-width: 40em;">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...htmlBlocks,
    `<p>${escapeHtml(SIGNATURE)}</p>`,
    `<p><small>${escapeHtml(AUTOMATIC)}</small></p>`,
    '</body>',
    '</html>',
  ].join('\n');
  return { subject, text, html };
}
