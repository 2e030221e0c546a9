import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from '../api/session';
import { followConsoleLink } from './consoleOfLink';

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
    // Not one of theirs, or storage refused: nothing changes (asking again would loop).
    if (funderId && session) followConsoleLink(queryClient, session, 'funder', funderId);
  }, [funderId, session, queryClient]);
}
