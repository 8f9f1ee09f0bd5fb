import { postStreamQuerySchema, streamPositionSchema } from '@blog/contracts';
import { HttpError, parseQuery } from '@blog/service-kit';
import type { Request, RequestHandler } from 'express';
import type { PostStream } from './post-stream';

const EVENT_STREAM = 'text/event-stream';

/**
 * `GET /posts/stream`. Only a request that asks for `text/event-stream` by name gets the
 * stream: anything else (`Accept: *\/*` from curl, a fuzzer, a link followed by mistake) gets
 * 406 instead of a response that never ends.
 */
export function postStreamRoute(stream: PostStream): RequestHandler {
  return (req, res) => {
    const { after } = parseQuery(postStreamQuerySchema, req);
    if (!asksForEventStream(req)) {
      throw new HttpError(406, `This is an event stream: send Accept: ${EVENT_STREAM}`, 'Accept');
    }
    stream.open(res, lastEventId(req) ?? after);
  };
}

function asksForEventStream(req: Request): boolean {
  return (req.get('accept') ?? '')
    .split(',')
    .map((range) => range.split(';'))
    .some(
      ([type, ...parameters]) =>
        type?.trim().toLowerCase() === EVENT_STREAM &&
        !parameters.some((parameter) => /^\s*q\s*=\s*0(\.0*)?\s*$/i.test(parameter)),
    );
}

/** The id of the last message a reconnecting browser had: a seq of the log. */
function lastEventId(req: Request): number | undefined {
  const header = req.get('last-event-id');
  if (header === undefined || header.trim() === '') return undefined;
  const seq = streamPositionSchema.safeParse(/^\d+$/.test(header.trim()) ? Number(header) : NaN);
  if (!seq.success) {
    throw new HttpError(400, 'Last-Event-ID must be the id of a message: a seq', 'Last-Event-ID');
  }
  return seq.data;
}
