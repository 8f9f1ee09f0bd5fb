import { unexpectedErrors } from './stack-log';

describe('unexpectedErrors', () => {
  it('finds errors, crashes and dead letters other than verdicts on unknown comments', () => {
    const unexpected = [
      'posts      | error request failed',
      'comments   | error event-bus rejected outbox events',
      'event-bus  | error event dead-lettered subscriber=query seq=7 reason=answered 400: Invalid input',
      'query      | !!! exited unexpectedly (code 1)',
    ];
    const expected = [
      'posts      | info  POST /posts 201 3ms',
      'event-bus  | warn  delivery failed subscriber=comments seq=3 reason=answered 422: Comment 0190b8a0-5c3d-7e2f-8a1b-2c3d4e5f6a7b does not exist',
      'event-bus  | error event dead-lettered subscriber=comments seq=3 reason=answered 422: Comment 0190b8a0-5c3d-7e2f-8a1b-2c3d4e5f6a7b does not exist',
      '                 at handler (routes.ts:1:1)',
    ];
    expect(unexpectedErrors([...expected, ...unexpected])).toEqual(unexpected);
  });
});
