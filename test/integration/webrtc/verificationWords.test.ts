import { strict as assert } from 'node:assert';
import wrtc from '@roamhq/wrtc';
import { connectionWords } from '../../../renderer/shared/verification/verificationWords';

/**
 * The verification words on real WebRTC connections in Node (@roamhq/wrtc): equal on both ends of
 * a direct connection, different on the two ends of a connection a relay in the middle bridges.
 */
type Connection = InstanceType<typeof wrtc.RTCPeerConnection>;

/** Connects offerer and answerer directly (candidates passed in both directions); resolves when both are connected. */
async function connect(offerer: Connection, answerer: Connection): Promise<void> {
  offerer.onicecandidate = ({ candidate }) => candidate && void answerer.addIceCandidate(candidate);
  answerer.onicecandidate = ({ candidate }) => candidate && void offerer.addIceCandidate(candidate);
  offerer.createDataChannel('marks');
  const connected = (pc: Connection) =>
    new Promise<void>((resolve, reject) => {
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'connected') resolve();
        if (pc.connectionState === 'failed') reject(new Error('connection failed'));
      };
    });
  const both = Promise.all([connected(offerer), connected(answerer)]);
  await offerer.setLocalDescription(await offerer.createOffer());
  await answerer.setRemoteDescription(offerer.localDescription!);
  await answerer.setLocalDescription(await answerer.createAnswer());
  await offerer.setRemoteDescription(answerer.localDescription!);
  await both;
}

describe('verification words on live WebRTC connections', function () {
  this.timeout(20_000);
  const opened: Connection[] = [];
  const open = () => {
    const pc = new wrtc.RTCPeerConnection({ iceServers: [] });
    opened.push(pc);
    return pc;
  };
  afterEach(() => {
    for (const pc of opened.splice(0)) pc.close();
  });

  it('match on both ends of a direct connection', async () => {
    const customer = open();
    const agent = open();
    await connect(customer, agent);
    const customerWords = await connectionWords(customer);
    const agentWords = await connectionWords(agent);
    assert.equal(customerWords?.length, 3);
    assert.deepEqual(customerWords, agentWords);
  });

  it('differ when a relay in the middle terminates the connection', async () => {
    const customer = open();
    const relayTowardsCustomer = open();
    const relayTowardsAgent = open();
    const agent = open();
    await Promise.all([connect(customer, relayTowardsCustomer), connect(relayTowardsAgent, agent)]);
    const customerWords = await connectionWords(customer);
    const agentWords = await connectionWords(agent);
    assert.equal(customerWords?.length, 3);
    assert.equal(agentWords?.length, 3);
    assert.notDeepEqual(customerWords, agentWords);
    // Each side agrees with the relay it actually talks to: the words name the DTLS peers.
    assert.deepEqual(await connectionWords(relayTowardsCustomer), customerWords);
  });
});
