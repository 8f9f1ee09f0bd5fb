import { answerForStatus } from './answer';

describe('answerForStatus', () => {
  it('says why in the reason, with the first message of an error body', () => {
    const body = { errors: [{ message: 'Post 42 does not exist', field: 'postId' }] };
    expect(answerForStatus(422, body)).toEqual({
      outcome: 'rejected',
      reason: 'answered 422: Post 42 does not exist',
    });
  });

  it('leaves out bodies of any other shape', () => {
    expect(answerForStatus(500, '<h1>Oops</h1>')).toEqual({
      outcome: 'crashed',
      reason: 'answered 500',
    });
    expect(answerForStatus(503, null)).toEqual({ outcome: 'unavailable', reason: 'answered 503' });
  });

  it('keeps reasons short', () => {
    const body = { errors: [{ message: 'x'.repeat(5000) }] };
    const answer = answerForStatus(400, body);
    expect(answer.outcome).toBe('rejected');
    expect('reason' in answer && answer.reason.length).toBeLessThanOrEqual(300);
  });
});
