/**
 * Worker-thread entry (view-parts-thread.ts): takes one request — a snapshot image, encoded as
 * Redis keeps it or as an object, and the model — answers with its view parts (view-parts.ts),
 * their buffers transferred, or with the error's message, and ends.
 */
import { parentPort } from 'node:worker_threads';
import { decodeSnapshotImage } from '../../jobs/recompute/snapshot-image-codec.js';
import { transferablesOf, viewParts } from './view-parts.js';
import type { ViewPartsReply, ViewPartsRequest } from './view-parts-thread.js';

const port = parentPort!;
port.once('message', (request: ViewPartsRequest) => {
  let reply: ViewPartsReply;
  try {
    const image = 'encoded' in request ? decodeSnapshotImage(Buffer.from(request.encoded.buffer, request.encoded.byteOffset, request.encoded.byteLength)) : request.image;
    reply = { parts: viewParts(image, request.model) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, 'parts' in reply ? transferablesOf(reply.parts) : []);
});
