import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useRef, useState } from 'react';
import { ApiError } from '../api/client';

export type Notice = { severity: 'success' | 'error'; text: string };

/**
 * What a section's row actions (revoke, end an access, withdraw) say once done. The row's buttons
 * may be gone by then: the focus goes back to the section's heading, and the live region under
 * it reads the outcome.
 */
export function useActionNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const show = (n: Notice) => {
    setNotice(n);
    headingRef.current?.focus();
  };
  const failed = (e: unknown) =>
    show({
      severity: 'error',
      text: e instanceof ApiError ? e.detail : 'Une erreur inattendue est survenue. Réessayez.',
    });
  return { notice, show, failed, headingRef };
}

/** The live region under the section's heading (present before any outcome, so it is announced). */
export function ActionNotice({ notice }: { notice: Notice | null }) {
  return (
    <div role="status">
      {notice && <Alert role={undefined} small severity={notice.severity} description={notice.text} />}
    </div>
  );
}
