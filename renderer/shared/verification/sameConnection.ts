import { fingerprintOf } from './verificationWords';

/**
 * Whether an offer comes from the same remote peer connection as the one already set: every new
 * RTCPeerConnection has its own DTLS certificate, so a renegotiation (the customer adds the
 * picture to the connection made before consent) keeps the fingerprint and a fresh connection
 * (the customer reloaded) does not.
 */
export function isSameConnection(connection: Pick<RTCPeerConnection, 'remoteDescription'>, offerSdp: string): boolean {
  const current = connection.remoteDescription?.sdp;
  const known = current ? fingerprintOf(current) : null;
  return known !== null && known === fingerprintOf(offerSdp);
}
