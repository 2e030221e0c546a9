import {
  Frais,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Service,
} from '@gouvfr-anct/lieux-de-mediation-numerique';
import { describe, expect, it } from 'vitest';
import {
  STANDARD_ACCESS_MODES,
  STANDARD_FEES,
  STANDARD_PUBLICS,
  STANDARD_SPECIFIC_SUPPORT,
  STANDARD_SUPPORT_MODES,
} from './place-standard.js';
import { STANDARD_SERVICES } from './session.js';

const same = (ours: readonly string[], theirs: object) =>
  expect([...ours].sort()).toEqual(Object.values(theirs).sort());

describe("the standard's lists, as the forms offer them", () => {
  it('are those of the national models', () => {
    same(STANDARD_SERVICES, Service);
    same(STANDARD_PUBLICS, PublicSpecifiquementAdresse);
    same(STANDARD_SPECIFIC_SUPPORT, PriseEnChargeSpecifique);
    same(STANDARD_ACCESS_MODES, ModaliteAcces);
    same(STANDARD_SUPPORT_MODES, ModaliteAccompagnement);
    same(STANDARD_FEES, Frais);
  });
});
