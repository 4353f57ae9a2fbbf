/**
 * Messages written to many connections at once, framed once. socket.io's own broadcast does
 * the same (socket.io-adapter computes a `wsPreEncodedFrame` that engine.io's WebSocket
 * transport writes as it is); a connection on long-polling encodes the message as usual.
 */
import * as ws from 'ws';
import type { Socket as EngineSocket } from 'engine.io';

interface FrameOptions {
	fin: boolean;
	mask: boolean;
	opcode: number;
	readOnly: boolean;
	rsv1: boolean;
}

/** `ws` frames data with `Sender.frame`, which its type declarations leave out. */
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };

/** A socket.io packet (`2[...]`) as the text frame of an engine.io message packet (`4`). */
export function preEncode(message: string): Buffer[] {
	return Sender.frame(Buffer.from(`4${message}`), { fin: true, mask: false, opcode: 1, readOnly: false, rsv1: false });
}

/** Writes a socket.io packet to a connection, with its frame made beforehand when there is one. */
export function writePacket(conn: EngineSocket, message: string, frame?: Buffer[]): void {
	if (conn.readyState !== 'open') return;
	if (frame) conn.write(message, { wsPreEncodedFrame: frame } as Parameters<EngineSocket['write']>[1]);
	else conn.write(message);
}
