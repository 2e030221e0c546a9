import { fr } from '@codegouvfr/react-dsfr';
import { statementFileUrl } from '../../../api/statements';

/** The statement's PDF and CSV, by plain links (the session cookie goes with them). */
export function StatementFiles({ id, number }: { id: string; number: string }) {
  return (
    <>
      {(['pdf', 'csv'] as const).map((format) => (
        <a
          key={format}
          className={fr.cx('fr-link', 'fr-link--sm', 'fr-mr-2v')}
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
