import { describe, expect, it } from 'vitest';
import { errorCount, inPageOrder, labelled, summaryOf } from './summary';

/**
 * At the prescriber's desk, a refusal of the server was read twice: as the summary's title,
 * then as its field's message in the list.
 */
describe('summaryOf', () => {
  const refusal = 'Ce carnet a déjà été remis par votre structure : il n’est plus dans son stock.';

  it('says a refusal worded as its field’s message once, in the list, under the count', () => {
    const shown = summaryOf({
      message: refusal,
      items: [{ field: 'serial', message: refusal, onForm: true }],
    });
    expect(shown).toEqual({
      message: 'Le formulaire contient 1 erreur.',
      items: [{ field: 'serial', message: refusal, onForm: true }],
    });
  });

  it('keeps the fuller sentence when the field’s message is its beginning', () => {
    const shown = summaryOf({
      message: "Ce carnet n'est pas encore financé : ses pass ne peuvent pas circuler.",
      items: [{ field: 'serial', message: "Ce carnet n'est pas encore financé.", onForm: true }],
    });
    expect(shown.message).toBe('Le formulaire contient 1 erreur.');
    expect(shown.items.map((i) => i.message)).toEqual([
      "Ce carnet n'est pas encore financé : ses pass ne peuvent pas circuler.",
    ]);
  });

  it('says a refusal about nothing on the form alone, without a list', () => {
    const message = 'La distribution de ce dispositif est terminée.';
    expect(summaryOf({ message, items: [{ field: 'handedOutOn', message, onForm: false }] })).toEqual({
      message,
      items: [],
    });
  });

  it('leaves a summary whose title says something else as it is', () => {
    const problem = {
      message: 'Certaines données sont invalides.',
      items: [
        { field: 'a', message: 'Indiquez le prénom.', onForm: true },
        { field: 'b', message: '', onForm: true },
      ],
    };
    expect(summaryOf(problem)).toBe(problem);
  });

  it('counts in French', () => {
    expect(errorCount(1)).toBe('Le formulaire contient 1 erreur.');
    expect(errorCount(3)).toBe('Le formulaire contient 3 erreurs.');
  });
});

/** WCAG 1.3.2: the summary followed the order of the checks, not of the fields on the page. */
describe('inPageOrder', () => {
  const page = ['legal.body', 'legal.decidedOn', 'effectiveOn', 'state.audiences', 'state.calendar.usageEnd'];
  const placeOf = (field: string) => page.indexOf(field);
  const item = (field: string, message = 'Renseignez ce champ.', onForm = true) => ({
    field,
    message,
    onForm,
  });

  it('lists the errors in the order of their fields on the page', () => {
    const checked = ['effectiveOn', 'legal.body', 'state.calendar.usageEnd', 'state.audiences'].map((f) =>
      item(f),
    );
    expect(inPageOrder(checked, placeOf).map((i) => i.field)).toEqual([
      'legal.body',
      'effectiveOn',
      'state.audiences',
      'state.calendar.usageEnd',
    ]);
  });

  it('puts what the page does not show last, in the order it came', () => {
    const items = [
      item('closedOn', 'Hors formulaire.', false),
      item('effectiveOn'),
      item('other', 'Autre.', false),
    ];
    expect(inPageOrder(items, placeOf).map((i) => i.field)).toEqual(['effectiveOn', 'closedOn', 'other']);
  });

  it('keeps two errors on one field in their order', () => {
    const items = [item('legal.body', 'Second.'), item('legal.body', 'Premier.'), item('legal.decidedOn')];
    expect(inPageOrder(items, () => 0).map((i) => i.message)).toEqual([
      'Second.',
      'Premier.',
      'Renseignez ce champ.',
    ]);
  });
});

describe('labelled', () => {
  it('names the field once, whether the message names it already or not', () => {
    expect(labelled('Téléphone', 'un numéro de 10 chiffres')).toBe('Téléphone : un numéro de 10 chiffres');
    expect(labelled('Téléphone', 'Téléphone : un numéro de 10 chiffres')).toBe(
      'Téléphone : un numéro de 10 chiffres',
    );
    // The server's apostrophe is straight, the form's curly; its message goes on after a dash.
    const hours = "Horaires d'ouverture — Mercredi : l’heure de fin doit suivre l’heure de début.";
    expect(labelled('Horaires d’ouverture', hours)).toBe(hours);
  });
});
