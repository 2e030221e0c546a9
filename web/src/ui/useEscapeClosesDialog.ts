import { useEffect } from 'react';

/**
 * Escape closes the open dialog from anywhere in it. The DSFR's modals ignore Escape while the
 * focus is in a field (input, textarea, select), so that a person typing a decision's reason, or
 * choosing the display theme, found Escape did nothing until they tabbed to « Fermer ». The
 * dialog is closed as its own « Fermer » button closes it: the DSFR then gives the focus back to
 * the button that opened it. A field that uses Escape itself (an open list of suggestions) keeps it.
 */
export function useEscapeClosesDialog() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (!target?.matches('input, textarea, select')) return;
      if (target.getAttribute('aria-expanded') === 'true') return;
      const dialog = target.closest<HTMLElement>('.fr-modal--opened');
      dialog?.querySelector<HTMLButtonElement>('.fr-btn--close')?.click();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
