import { ApiError } from '../api/client';

/**
 * The same API field under another name on the page: two forms of one page cannot both
 * have a field named 'serial' (ids must be unique), so their errors are renamed before
 * they reach the form. 'serial' also covers 'serial.x' and the URL's 'params.serial'.
 */
export function renameFields(e: unknown, names: Record<string, string>): unknown {
  if (!(e instanceof ApiError)) return e;
  const rename = (field: string) => {
    const path = field.replace(/^params\./, '');
    for (const [from, to] of Object.entries(names)) {
      if (path === from || path.startsWith(`${from}.`)) return to + path.slice(from.length);
    }
    return field;
  };
  return new ApiError(
    e.status,
    e.code,
    e.detail,
    e.errors.map((i) => ({ ...i, field: rename(i.field) })),
  );
}
