import { defaultStringifySearch } from '@tanstack/react-router';

/**
 * A programme's directory keeps its filters in the address (`/annuaire/…?commune=80001&…`):
 * the browser's Back from a place's page comes back to the same search, and a search can be
 * sent to someone. The position is not kept there: it is personal, and stale once moved.
 */
export interface DirectorySearch {
  /** the commune's INSEE code */
  commune?: string;
  /** its name as the search offered it, « Abbeville (80100) », shown again in the box */
  nom?: string;
  service?: string;
  ouvert?: true;
}

const INSEE = /^(\d{5}|2[AB]\d{3})$/;

/** What a typed or mangled address holds that is no filter is dropped, not refused. */
export function parseDirectorySearch(s: Record<string, unknown>): DirectorySearch {
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined);
  // A commune comes with its name, or not at all: the box must show the commune that filters.
  const nom = text(s.nom);
  const commune = nom && typeof s.commune === 'string' && INSEE.test(s.commune) ? s.commune : undefined;
  const service = text(s.service);
  return {
    ...(commune ? { commune } : {}),
    ...(commune ? { nom } : {}),
    ...(service ? { service } : {}),
    ...(s.ouvert === true || s.ouvert === 'true' || s.ouvert === 1 || s.ouvert === '1'
      ? { ouvert: true }
      : {}),
  };
}

/**
 * A programme's directory's address with these filters, for a plain link from another page (the
 * hand-out's confirmation): written as the router writes its own, so that a commune's code all
 * of digits is read back as the text it is.
 */
export function directoryAddress(programId: string, search: DirectorySearch): string {
  return `/annuaire/${encodeURIComponent(programId)}${defaultStringifySearch(search)}`;
}
