import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type MouseEvent, type ReactNode, useState } from 'react';
import { getFile, isApiError } from '../api/client';
import { saveFile } from '../lib/saveFile';

type State =
  | { step: 'idle' }
  | { step: 'preparing' }
  | { step: 'receiving'; received: number; total: number | null }
  | { step: 'failed'; detail: string };

/** A size as people read it: « 340 ko », « 2,4 Mo ». */
const size = (bytes: number) =>
  bytes < 1_000_000
    ? `${Math.max(1, Math.round(bytes / 1000)).toLocaleString('fr-FR')} ko`
    : `${(bytes / 1_000_000).toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} Mo`;

/**
 * A link to a file the server takes a while to make (a funder's whole archive): the page
 * fetches it and shows where it is, « préparation » until the first byte, then what was
 * received (a bar when the server gave the size), so that nobody clicks again thinking nothing happened (each click counts against
 * the route's hourly limit); a refusal is said in French beside the link, not saved as a file.
 * Without JavaScript, or opened in a new tab, it stays a plain download link.
 */
export function DownloadLink({
  href,
  preparing,
  children,
}: {
  href: string;
  /** What the server is doing before the first byte, e.g. « Préparation de l’archive… ». */
  preparing: string;
  children: ReactNode;
}) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const busy = state.step === 'preparing' || state.step === 'receiving';

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    // A click with a modifier (new tab, new window) is the browser's to handle.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (busy) return;
    setState({ step: 'preparing' });
    try {
      const file = await getFile(href, (received, total) =>
        setState(received === 0 ? { step: 'preparing' } : { step: 'receiving', received, total }),
      );
      saveFile(file.blob, file.fileName);
      setState({ step: 'idle' });
    } catch (error) {
      setState({
        step: 'failed',
        detail: isApiError(error) ? error.detail : 'Le téléchargement a échoué. Réessayez.',
      });
    }
  }

  return (
    <div className="pn-download">
      <p className={fr.cx('fr-mb-1w')}>
        <a
          className={fr.cx('fr-link', 'fr-link--download')}
          href={href}
          download
          aria-disabled={busy || undefined}
          onClick={download}
        >
          {children}
        </a>
      </p>
      <div role="status" className="pn-download__progress">
        {busy && (
          <>
            <progress
              aria-hidden="true"
              max={state.step === 'receiving' && state.total ? state.total : undefined}
              value={state.step === 'receiving' && state.total ? state.received : undefined}
            />
            <span>
              {state.step === 'preparing'
                ? preparing
                : `Téléchargement : ${size(state.received)}${state.total ? ` sur ${size(state.total)}` : ''}`}
            </span>
          </>
        )}
      </div>
      {state.step === 'failed' && (
        <Alert severity="error" small description={state.detail} className={fr.cx('fr-mb-2w')} />
      )}
    </div>
  );
}
