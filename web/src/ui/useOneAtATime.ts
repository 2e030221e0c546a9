import { useRef } from 'react';

/**
 * A confirmation's mutation sent once however fast its button is pressed again: a double
 * click's second click comes before `isPending` has disabled the button (that takes a
 * re-render), and its answer (409, already done) replaced the first one's success on screen.
 * The guard is set at once, in the click, and lifted when the answer has been handled.
 *
 * Returns the mutation's promise (as `mutateAsync`), or undefined for a call ignored.
 */
export function useOneAtATime<V, O, R>(mutation: { mutateAsync: (variables: V, options?: O) => Promise<R> }) {
  const running = useRef(false);
  return (variables: V, options?: O): Promise<R> | undefined => {
    if (running.current) return undefined;
    running.current = true;
    const sent = mutation.mutateAsync(variables, options);
    const release = () => {
      running.current = false;
    };
    // Also marks a refusal as handled: callers that only pass onError, as with `mutate`.
    sent.then(release, release);
    return sent;
  };
}
