import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from '../api/keys';
import { useSession } from '../api/session';
import { chooseFor, chosenFor } from './chosenOrganisation';
import { funderMembership, funderMemberships } from './roles';

/**
 * A page of one funder's programme, opened while the console works for another of the
 * person's funders (a bookmark, a link in an e-mail): the console switches to the programme's
 * funder, so that « Vous agissez pour » and the « Dispositifs » list say whose programme it is.
 * The server authorises every request on its own either way; this keeps the screen honest.
 */
export function useFunderOfPage(funderId: string | undefined) {
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!funderId || !session) return;
    if (funderMembership(session)?.funderId === funderId) return;
    if (!funderMemberships(session).some((m) => m.funderId === funderId)) return;
    chooseFor('funder', funderId);
    // Storage refused (private mode): the choice did not hold, and asking again would loop.
    if (chosenFor('funder') !== funderId) return;
    // The same session, a new object: every part of the console reads the choice again.
    queryClient.setQueryData(keys.session, { ...session });
  }, [funderId, session, queryClient]);
}
