import { fr } from '@codegouvfr/react-dsfr';
import { statementFileUrl } from '../../../api/statements';

/**
 * The statement's PDF and CSV, by plain links (the session cookie goes with them), drawn as
 * small tertiary buttons: as inline links they were 27 × 21 px, side by side, hard to tap on a
 * phone (pn-touch makes them 44 px tall there).
 */
export function StatementFiles({ id, number }: { id: string; number: string }) {
  return (
    <>
      {(['pdf', 'csv'] as const).map((format) => (
        <a
          key={format}
          className={`${fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary', 'fr-mr-2v', 'fr-mb-1v')} pn-touch`}
          href={statementFileUrl(id, format)}
          download
        >
          {format.toUpperCase()}
          <span className={fr.cx('fr-sr-only')}> du relevé {number}</span>
        </a>
      ))}
    </>
  );
}
