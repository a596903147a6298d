/**
 * The part of simple-peer that screenPeer.ts uses, typed for the browser. @types/simple-peer
 * describes a Node stream and pulls all of Node's types into the pages; renderer/tsconfig.json
 * points `simple-peer` here instead, so the pages are type-checked without Node's types.
 */
declare module 'simple-peer' {
  namespace SimplePeer {
    type SignalData = RTCSessionDescriptionInit | { type: 'candidate'; candidate: RTCIceCandidateInit } | { renegotiate?: true; transceiverRequest?: unknown };

    interface Options {
      initiator?: boolean;
      stream?: MediaStream;
      trickle?: boolean;
      config?: RTCConfiguration;
      offerOptions?: RTCOfferOptions;
    }

    interface Instance {
      readonly connected: boolean;
      on(event: 'signal', listener: (data: SignalData) => void): this;
      on(event: 'stream', listener: (stream: MediaStream) => void): this;
      on(event: 'data', listener: (data: unknown) => void): this;
      on(event: 'connect' | 'close', listener: () => void): this;
      addStream(stream: MediaStream): void;
      on(event: 'error', listener: (error: Error) => void): this;
      signal(data: SignalData): void;
      send(data: string): void;
      destroy(): void;
    }
  }
  const SimplePeer: new (options?: SimplePeer.Options) => SimplePeer.Instance;
  export default SimplePeer;
}
