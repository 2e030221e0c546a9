import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { useEndMembership } from '../../../api/members';
import type { PrescriberDetail } from '../../../api/types';
import { formatDate } from '../../../lib/format';
import { ActionNotice, useActionNotice } from '../../../ui/ActionNotice';
import { useOneAtATime } from '../../../ui/useOneAtATime';

type Agent = PrescriberDetail['agents'][number];

/**
 * The prescriber's agents, and invitations not yet taken up. A funder admin ends the access of
 * an agent who left (a volunteer gone, a colleague moved): from their next click they can no
 * longer hand out passes; what they did stays in the journal.
 */
export function AgentList({ p, funderId, admin }: { p: PrescriberDetail; funderId: string; admin: boolean }) {
  const end = useEndMembership({ funderId });
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendEnd = useOneAtATime(end);
  const [asked, setAsked] = useState<string | null>(null);
  const { notice, show, failed, headingRef } = useActionNotice();

  const confirm = (a: Agent) =>
    sendEnd(a.membershipId, {
      onSettled: () => setAsked(null),
      onSuccess: () =>
        show({ severity: 'success', text: `L’accès de ${a.displayName} au prescripteur est retiré.` }),
      onError: failed,
    });

  return (
    <section aria-labelledby="agents" className={fr.cx('fr-mt-6w')}>
      <h2 id="agents" ref={headingRef} tabIndex={-1}>
        Agents
      </h2>
      <ActionNotice notice={notice} />
      {p.agents.length === 0 && p.invitedAgents.length === 0 ? (
        <p>
          Aucun agent n’a accès à ce prescripteur.
          {/* Only the funder's admins invite agents: a viewer is not sent to a button it lacks. */}
          {admin && ' Invitez-en depuis la liste des prescripteurs.'}
        </p>
      ) : (
        <ul>
          {p.agents.map((a) => (
            <li key={a.membershipId} className={fr.cx('fr-mb-1w')} data-testid="agent">
              {a.displayName} ({a.email})
              {admin && asked !== a.membershipId && (
                <Button
                  type="button"
                  size="small"
                  priority="tertiary"
                  className={fr.cx('fr-ml-2w')}
                  nativeButtonProps={{ id: `retirer-${a.membershipId}` }}
                  onClick={() => setAsked(a.membershipId)}
                >
                  Retirer l’accès<span className={fr.cx('fr-sr-only')}> de {a.displayName}</span>
                </Button>
              )}
              {asked === a.membershipId && (
                <Question
                  agent={a}
                  pending={end.isPending}
                  onConfirm={() => confirm(a)}
                  onKeep={() => {
                    setAsked(null);
                    requestAnimationFrame(() =>
                      document.getElementById(`retirer-${a.membershipId}`)?.focus(),
                    );
                  }}
                />
              )}
            </li>
          ))}
          {p.invitedAgents.map((a) => (
            <li key={a.email}>
              {a.email} — invitation en attente, valable jusqu’au {formatDate(a.expiresAt.slice(0, 10))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The question under the agent it is about; it takes the focus so a screen reader reads it first. */
function Question(props: { agent: Agent; pending: boolean; onConfirm: () => void; onKeep: () => void }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className={fr.cx('fr-mt-1w')}>
      <p ref={ref} tabIndex={-1} className={fr.cx('fr-mb-1w')}>
        <strong>
          Retirer l’accès de {props.agent.displayName} ? Cette personne ne pourra plus remettre de pass pour
          ce prescripteur, dès maintenant.
        </strong>
      </p>
      <div className="pn-actions">
        <Button type="button" size="small" onClick={props.onConfirm} disabled={props.pending}>
          Oui, retirer l’accès
        </Button>
        <Button
          type="button"
          size="small"
          priority="secondary"
          onClick={props.onKeep}
          disabled={props.pending}
        >
          Non, ne rien changer
        </Button>
      </div>
    </div>
  );
}
