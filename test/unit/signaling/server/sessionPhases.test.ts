import { strict as assert } from 'node:assert';
import { SessionPhase } from '../../../../signaling/protocol';
import { mayMove, NEXT_PHASES, phaseChange } from '../../../../signaling/server/sessions/sessionPhases';

describe('session phases', () => {
  it('name every phase, and only phases, as a next step', () => {
    assert.deepEqual(Object.keys(NEXT_PHASES).sort(), [...SessionPhase.options].sort());
    for (const next of Object.values(NEXT_PHASES)) for (const phase of next) assert.ok(SessionPhase.options.includes(phase));
  });

  it('allow the voice flow: key entered, consent, sharing, pause, resume, another screen', () => {
    const walk: SessionPhase[] = ['waiting', 'key-entered', 'choosing-screen', 'sharing', 'paused', 'sharing', 'choosing-screen', 'sharing'];
    for (let i = 1; i < walk.length; i++) assert.ok(mayMove(walk[i - 1]!, walk[i]!), `${walk[i - 1]} → ${walk[i]}`);
  });

  it('allow an unused key to expire, and a new key (renewed or after expiry) to keep the session waiting', () => {
    assert.ok(mayMove('waiting', 'key-expired'));
    assert.ok(mayMove('key-expired', 'waiting'));
    assert.ok(mayMove('waiting', 'waiting'));
  });

  it('give a handler the store change for an allowed move, and refuse any other as a bug', () => {
    assert.deepEqual(phaseChange('waiting', 'key-entered'), { phase: 'key-entered' });
    assert.throws(() => phaseChange('sharing', 'waiting'), /sharing may not move to waiting/);
  });

  it('refuse skipping consent, pausing what is not shared, and going back to waiting once the customer joined', () => {
    assert.equal(mayMove('key-entered', 'sharing'), false);
    assert.equal(mayMove('waiting', 'choosing-screen'), false);
    assert.equal(mayMove('choosing-screen', 'paused'), false);
    assert.equal(mayMove('key-entered', 'waiting'), false);
    assert.equal(mayMove('sharing', 'key-entered'), false);
  });
});
