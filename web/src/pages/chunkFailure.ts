/**
 * Why a page's code (its chunk, pages/lazy.ts) could not be fetched, which decides what the
 * person is shown:
 * - `offline`: the server cannot be reached. Reloading would only swap the app, and what was
 *   typed in it, for the browser's own error page: the app says so and offers to try again.
 * - `deployed`: the server answers but the chunk is gone, as after a new version replaced the
 *   files: a reload fetches the new version (once, see `reloadOnce`).
 * - `broken`: the server answers and the chunk was there (an error while running it): as any
 *   other error, for the route's error page.
 */
export type ChunkFailure = 'offline' | 'deployed' | 'broken';

/**
 * A module that could not be fetched, as Chromium, Firefox and Safari word it (the messages
 * TanStack's `isModuleNotFoundError` reads), or a page's stylesheet that Vite could not fetch.
 */
export function isChunkMissing(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (
    message.startsWith('Failed to fetch dynamically imported module') ||
    message.startsWith('error loading dynamically imported module') ||
    message.startsWith('Importing a module script failed') ||
    message.startsWith('Unable to preload CSS')
  );
}

/** How long the server has to answer before it is taken as out of reach (a phone's poor link). */
const REACH_MS = 5_000;

/**
 * Whether the server answers at all, whatever it says: asked for the app's page itself (and
 * not the API, which may answer 503 while its database restarts and is not where chunks come from).
 */
export async function serverAnswers(): Promise<boolean> {
  try {
    await fetch(import.meta.env.BASE_URL, {
      method: 'HEAD',
      cache: 'no-store',
      signal: AbortSignal.timeout(REACH_MS),
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * `navigator.onLine` false is taken at its word; true only says that some network is there (a
 * phone on a dead Wi-Fi says true), so the server is asked before the chunk is called gone.
 */
export async function whyChunkFailed(
  error: unknown,
  {
    onLine = navigator.onLine,
    answers = serverAnswers,
  }: { onLine?: boolean; answers?: () => Promise<boolean> } = {},
): Promise<ChunkFailure> {
  if (!onLine || !(await answers())) return 'offline';
  return isChunkMissing(error) ? 'deployed' : 'broken';
}

/**
 * Reloads the page, unless this very failure already did in this tab: a chunk still missing
 * after a reload is not a new version, and reloading again would loop (as TanStack's guard).
 * True when the reload is under way.
 */
export function reloadOnce(error: unknown): boolean {
  const key = `page_reload:${error instanceof Error ? error.message : String(error)}`;
  try {
    if (sessionStorage.getItem(key)) return false;
    sessionStorage.setItem(key, '1');
  } catch {
    // No storage (a strict privacy mode): no guard against a loop, so no reload.
    return false;
  }
  window.location.reload();
  return true;
}
