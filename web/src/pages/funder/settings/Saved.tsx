import { Alert } from '@codegouvfr/react-dsfr/Alert';

/** Said once a settings form is saved: the page stays, so no flash across a navigation. */
export function Saved({ message }: { message: string }) {
  return <Alert severity="success" small role="status" description={message} className="fr-mb-2w" />;
}
