/**
 * Runs in every bench page before its own scripts: the baselines' senders tuned as ScreenPeer
 * tunes ours (renderer/shared/screenPeer.ts), so a baseline differs only in what it leaves out.
 * Call after the tracks are added.
 */
declare global {
  interface Window {
    __tuneLikeScreenPeer(pc: RTCPeerConnection): void;
  }
}

export function installSenderTuning(): void {
  window.__tuneLikeScreenPeer = (pc) => {
    for (const rtpSender of pc.getSenders()) if (rtpSender.track?.kind === 'video') rtpSender.track.contentHint = 'detail';
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState !== 'connected') return;
      for (const rtpSender of pc.getSenders()) {
        const parameters = rtpSender.getParameters();
        parameters.degradationPreference = 'maintain-resolution';
        for (const encoding of parameters.encodings ?? []) encoding.maxBitrate = 8_000_000;
        void rtpSender.setParameters(parameters).catch(() => undefined);
      }
    });
  };
}
