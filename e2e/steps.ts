import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export { siretFrom } from '../src/test/place-registration.js';

/**
 * On the funder's "questionnaire and charter" page: publishes a one-question questionnaire
 * (« Oui » worth 10 points, pass mark 10) and a one-line charter, as the funder's admin does
 * before places can apply.
 */
export async function publishQualificationRules(funder: Page) {
  const published = (text: string) =>
    expect.poll(() => funder.getByText(text).count(), { timeout: 20_000 }).toBe(1);
  await funder.getByLabel('Intitulé de la question').fill('Le lieu a-t-il un médiateur numérique ?');
  await funder.getByLabel('Points pour « Oui »').fill('10');
  await funder.getByLabel('Seuil d’admission (en points)').fill('10');
  await funder.getByRole('button', { name: 'Publier le questionnaire' }).click();
  await published('Version 1 du questionnaire publiée');
  await funder.getByLabel('Texte de la charte').fill('Le lieu accueille gratuitement les porteurs de pass.');
  await funder.getByRole('button', { name: 'Publier la charte' }).click();
  await published('Version 1 de la charte publiée');
}

/**
 * At the desk, a pass checked and found redeemable: the session's theme chosen by its label,
 * the redemption confirmed, and the verdict awaited.
 */
export async function confirmRedemption(place: Page) {
  await place.getByLabel('Thème de la séance').selectOption({ label: 'Aide aux démarches administratives' });
  await place.getByRole('button', { name: 'Confirmer l’encaissement' }).click();
  await expect
    .poll(() => place.getByTestId('pass-check-result').getAttribute('data-status'))
    .toBe('redeemed');
}
