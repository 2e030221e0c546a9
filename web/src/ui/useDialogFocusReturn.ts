import { useEffect, useRef } from 'react';

/**
 * Gives the focus back, when a DSFR dialog closes (Escape, « Fermer », a footer button, or
 * `modal.close()`), to what had it when the dialog opened (WCAG 2.4.3). Left to itself the DSFR
 * returns it to the first button it knows for the dialog, which for react-dsfr's `createModal`
 * is a hidden opener (`#…-hidden-control-button`, aria-hidden, .fr-hidden) that cannot take it:
 * the focus fell to <body>, and Tab started again from the top of the page.
 *
 * `fallback` says where the focus goes when that element is gone meanwhile (a decision's button
 * replaced by the next ones).
 */
export function useDialogFocusReturn(dialogId: string, fallback?: () => HTMLElement | null) {
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  useEffect(() => {
    let opener: HTMLElement | null = null;
    const ours = (ev: Event) => ev.target instanceof HTMLElement && ev.target.id === dialogId;
    // The DSFR dispatches `dsfr.disclose` before it moves the focus into the dialog.
    const onDisclose = (ev: Event) => {
      if (!ours(ev)) return;
      const active = document.activeElement;
      opener = active instanceof HTMLElement && active !== document.body ? active : null;
    };
    // `dsfr.conceal` comes while the rest of the page is still inert: give the focus back
    // once the DSFR has released it and made its own (vain) attempt.
    const onConceal = (ev: Event) => {
      if (!ours(ev)) return;
      const back = opener;
      opener = null;
      requestAnimationFrame(() => {
        const dialog = document.getElementById(dialogId);
        // Something else took the focus on purpose meanwhile (an error summary, a success panel).
        const active = document.activeElement;
        if (active && active !== document.body && !dialog?.contains(active)) return;
        const target = back?.isConnected ? back : (fallbackRef.current?.() ?? null);
        target?.focus();
      });
    };
    // The events bubble: listening on the document does not depend on when the dialog mounts.
    document.addEventListener('dsfr.disclose', onDisclose);
    document.addEventListener('dsfr.conceal', onConceal);
    return () => {
      document.removeEventListener('dsfr.disclose', onDisclose);
      document.removeEventListener('dsfr.conceal', onConceal);
    };
  }, [dialogId]);
}
