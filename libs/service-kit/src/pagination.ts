import type { Request, Response } from 'express';

/**
 * Lists are pages ordered by id (`?limit=&after=<last id>`). When a page is full, a `Link` header
 * (RFC 8288) points at the next one, so the body keeps the shape clients already know.
 */
export function setNextPageLink(
  req: Request,
  res: Response,
  page: readonly { id: string }[],
  limit: number,
): void {
  const last = page.at(-1);
  if (page.length < limit || last === undefined) return;
  const next = new URLSearchParams({ limit: String(limit), after: last.id });
  res.setHeader('Link', `<${req.baseUrl}${req.path}?${next.toString()}>; rel="next"`);
}

/** `{ [id]: item }`, the course's shape for lists of posts; keys keep the page's order. */
export function keyedById<T extends { id: string }>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}
