import { deterministicId, eventSchema } from '@blog/contracts';
import { createEvent } from './create-event';

describe('createEvent', () => {
  const data = { id: deterministicId('post', 1), title: 'Hello' };

  it('makes a valid event with a new time-ordered id and the current time', () => {
    const before = Date.now();
    const event = createEvent('PostCreated', data, 'posts');
    expect(eventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({ type: 'PostCreated', source: 'posts', data });
    expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(before);
    expect(createEvent('PostCreated', data, 'posts').id > event.id).toBe(true);
  });

  it('takes the id and the time it is given', () => {
    const id = deterministicId('CommentModerated', 'c1');
    const occurredAt = new Date('2024-05-01T12:00:00Z');
    const event = createEvent('PostCreated', data, 'posts', { id, occurredAt });
    expect(event.id).toBe(id);
    expect(event.occurredAt).toBe('2024-05-01T12:00:00.000Z');
  });
});
