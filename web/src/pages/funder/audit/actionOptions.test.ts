import { describe, expect, it } from 'vitest';
import { actionOptions } from './actionOptions';

const codes = (platform: boolean) => actionOptions(platform ? 'platform' : 'funder').map((o) => o.value);

/** A finance officer chose « Compte consulté par l’assistance » and read an empty journal forever. */
describe('the journal’s « Action » list', () => {
  it('offers a funder no action recorded only in the platform’s journal', () => {
    const funder = codes(false);
    for (const platformOnly of [
      'account.lookup',
      'auth.sign_in',
      'auth.lock',
      'user.create_platform_admin',
      'api_key.create',
      'api_key.revoke',
      'place.register',
    ])
      expect(funder).not.toContain(platformOnly);
    // What a funder's journal holds, a place's team and profile changes among it.
    for (const kept of ['pass.redeem', 'stock.allocate', 'membership.end', 'place.profile_update'])
      expect(funder).toContain(kept);
  });

  it('offers the platform only what lands in its journal, each option labelled, sorted by label', () => {
    const platform = actionOptions('platform');
    expect(platform.map((o) => o.value)).toContain('account.lookup');
    expect(platform.map((o) => o.value)).not.toContain('pass.redeem');
    for (const list of [platform, actionOptions('funder')]) {
      expect(list.every((o) => o.label && o.label !== o.value)).toBe(true);
      const labels = list.map((o) => o.label);
      expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'fr')));
    }
  });
});
