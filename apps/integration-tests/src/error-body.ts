import type { Response } from 'supertest';

/**
 * Every 4xx of every service has the same body: `{ errors: [{ message, field? }] }`. `field`
 * names the offending input when the client can fix one.
 */
export function expectErrorBody(response: Response, status: number, field?: string): void {
  expect(response.status).toBe(status);
  const body = response.body as { errors?: unknown };
  expect(body).toEqual({ errors: expect.any(Array) as unknown });
  const errors = body.errors as unknown[];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error).toEqual(
      expect.objectContaining({ message: expect.stringMatching(/\S/) as unknown }),
    );
    expect(Object.keys(error as object).every((key) => ['message', 'field'].includes(key))).toBe(
      true,
    );
  }
  if (field !== undefined) {
    expect(errors).toContainEqual(expect.objectContaining({ field }));
  }
}
