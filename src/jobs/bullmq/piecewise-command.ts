/**
 * A Redis command whose large values are written to the connection's socket piece by piece, as
 * the buffers they are made of, instead of first being copied into one buffer.
 *
 * ioredis turns every command into one buffer before writing it (`Command.toWritable`), and a
 * snapshot image was copied once more before that, to hand it over as one value. At 1M persons
 * (245 MB) the two copies cost 2.0–2.3 s of CPU a write against 0.1–0.4 s written piece by
 * piece to a socket (both measured on this 2-core machine), and they sat on an incremental run's
 * path. ioredis's own script commands subclass `Command` and its `toWritable` the same way.
 *
 * Send it with `redis.sendCommand` only, never in a pipeline or MULTI: a pipeline collects what
 * `toWritable` returns in a buffer of its own, so pieces written straight to the socket would go
 * out before the commands queued ahead of them.
 */
import { Command } from 'ioredis';

/** An argument: a string or number, or one bulk value given as the buffers it is made of. */
export type PiecewiseArg = string | number | readonly Buffer[];

interface Socket {
  write(chunk: string | Buffer): boolean;
}

class PiecewiseCommand extends Command {
  constructor(
    name: string,
    private readonly pieces: readonly PiecewiseArg[],
  ) {
    // The plain arguments only, for ioredis's debug lines and tracing; the values are in `pieces`.
    super(name, pieces.filter((arg) => !Array.isArray(arg)) as (string | number)[], { replyEncoding: 'utf8' });
  }

  override toWritable(socket: object): string {
    const out = socket as Socket;
    let text = `*${this.pieces.length + 1}\r\n${bulkHeader(Buffer.byteLength(this.name))}${this.name}\r\n`;
    for (const arg of this.pieces) {
      if (typeof arg === 'string' || typeof arg === 'number') {
        const value = String(arg);
        text += `${bulkHeader(Buffer.byteLength(value))}${value}\r\n`;
        continue;
      }
      out.write(text + bulkHeader(arg.reduce((sum, piece) => sum + piece.length, 0)));
      for (const piece of arg) if (piece.length > 0) out.write(piece);
      text = '\r\n';
    }
    return text; // ioredis writes it last, after the pieces
  }
}

function bulkHeader(length: number): string {
  return `$${length}\r\n`;
}

/** @example await redis.sendCommand(piecewiseCommand('set', [key, [head, body], 'EX', 60])) */
export function piecewiseCommand(name: string, args: readonly PiecewiseArg[]): Command {
  return new PiecewiseCommand(name, args);
}

/**
 * `parts`, taken as one byte string, cut into consecutive slices of at most `sliceBytes`, each
 * slice as views of the parts it spans (no copies).
 * @example slicesOf([Buffer.from('abc'), Buffer.from('de')], 2) // [[ab], [c, d], [e]]
 */
export function slicesOf(parts: readonly Buffer[], sliceBytes: number): Buffer[][] {
  const slices: Buffer[][] = [];
  let slice: Buffer[] = [];
  let room = sliceBytes;
  for (const part of parts) {
    for (let from = 0; from < part.length; ) {
      const piece = part.subarray(from, from + room);
      slice.push(piece);
      from += piece.length;
      room -= piece.length;
      if (room === 0) {
        slices.push(slice);
        slice = [];
        room = sliceBytes;
      }
    }
  }
  if (slice.length > 0) slices.push(slice);
  return slices;
}
