import { strict as assert } from 'node:assert';
import { pickLocale } from '../../../../renderer/agent-console/i18n/pickLocale';

describe('console language', () => {
  it('follows the browser language, regional variants included', () => {
    assert.equal(pickLocale(null, ['de-AT', 'en'], 'en'), 'de');
    assert.equal(pickLocale(null, ['fr-FR', 'en-GB'], 'de'), 'en');
  });

  it('keeps the agent\'s own choice over the browser', () => {
    assert.equal(pickLocale('en', ['de-DE'], 'de'), 'en');
  });

  it('falls back to the organisation default for languages we do not have', () => {
    assert.equal(pickLocale(null, ['fr-FR'], 'de'), 'de');
    assert.equal(pickLocale('klingon', [], 'en'), 'en');
  });
});
