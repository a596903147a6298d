import type { Socket } from 'node:net';

/**
 * The local database channel's framing: each message is a 4-byte big-endian length and that many
 * bytes. A frame longer than `maxBytes` closes the connection.
 */
export function writeFrame(socket: Socket, payload: Uint8Array): void {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.byteLength);
  socket.write(Buffer.concat([header, payload]));
}

export function onFrames(socket: Socket, maxBytes: () => number, onFrame: (frame: Buffer) => void): void {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (length > maxBytes()) {
        socket.destroy(new Error(`A message of ${length} bytes is more than this channel accepts.`));
        return;
      }
      if (buffered.length < 4 + length) return;
      const frame = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      onFrame(frame);
    }
  });
}
