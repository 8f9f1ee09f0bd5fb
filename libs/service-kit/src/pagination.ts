import type { Request, Response } from 'express';

/**
 * Lists are pages ordered by id (`?limit=&after=<last id>`). When a page is full, a `Link` header
 * (RFC 8288) points at the next one, so the body keeps the shape clients already know.
 */
export function setNextPageLink(req: Request, res: Response, ids: string[], limit: number): void {
  const last = ids.at(-1);
  if (ids.length < limit || last === undefined) return;
  const next = new URLSearchParams({ limit: String(limit), after: last });
  res.setHeader('Link', `<${req.baseUrl}${req.path}?${next.toString()}>; rel="next"`);
}
