import assert from 'node:assert/strict';
import { unsupportedNodeMessage } from '../../../../signaling/server/platform/nodeVersionGuard';

describe('the server refuses an unsupported Node', () => {
  it('names the running version and the fix in one line', () => {
    const message = unsupportedNodeMessage('v20.20.2');
    assert.ok(message);
    assert.match(message, /needs Node\.js 24 LTS or newer, but runs on v20\.20\.2/);
    assert.match(message, /npm start/);
    assert.equal(message.includes('\n'), false);
  });

  it('accepts Node 24 and newer', () => {
    assert.equal(unsupportedNodeMessage('v24.21.0'), undefined);
    assert.equal(unsupportedNodeMessage('v26.1.0'), undefined);
  });
});
