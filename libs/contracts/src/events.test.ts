import { CONTENT_MAX_LENGTH, SOURCE_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';
import { EVENT_TYPES, eventSchema, isEventType } from './events';
import { newId } from './ids';

const envelope = (type: string, data: Record<string, unknown>) => ({
  id: newId(),
  type,
  occurredAt: '2024-05-01T12:00:00.000Z',
  source: 'tests',
  data,
});

const comment = (overrides: Record<string, unknown> = {}) => ({
  id: newId(),
  postId: newId(),
  content: 'A comment',
  ...overrides,
});

const validEvents = {
  PostCreated: envelope('PostCreated', { id: newId(), title: 'A post' }),
  CommentCreated: envelope('CommentCreated', comment({ status: 'pending' })),
  CommentModerated: envelope('CommentModerated', comment({ status: 'rejected' })),
  CommentUpdated: envelope('CommentUpdated', comment({ status: 'approved', version: 1 })),
};

const rejects = (candidate: unknown) =>
  expect(eventSchema.safeParse(candidate).success).toBe(false);

describe('eventSchema', () => {
  it.each(Object.entries(validEvents))('accepts a valid %s event as it is', (_type, event) => {
    expect(eventSchema.parse(event)).toEqual(event);
  });

  it('accepts a timestamp with a UTC offset', () => {
    const event = { ...validEvents.PostCreated, occurredAt: '2024-05-01T14:00:00+02:00' };
    expect(eventSchema.safeParse(event).success).toBe(true);
  });

  it('rejects an unknown event type, naming the field', () => {
    const result = eventSchema.safeParse(envelope('PostDeleted', { id: newId() }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['type']);
  });

  it.each([
    ['an event id', { id: 'not-a-uuid' }],
    ['a post id', { data: { id: '123', title: 'A post' } }],
  ])('rejects a malformed uuid as %s', (_case, overrides) => {
    rejects({ ...validEvents.PostCreated, ...overrides });
  });

  it.each(['yesterday', '2024-13-01T00:00:00Z', '2024-05-01', 1714564800000])(
    'rejects %p as occurredAt',
    (occurredAt) => {
      rejects({ ...validEvents.PostCreated, occurredAt });
    },
  );

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(SOURCE_MAX_LENGTH + 1)],
  ])('rejects an %s source', (_case, source) => {
    rejects({ ...validEvents.PostCreated, source });
  });

  it('accepts a title and content exactly at their limits', () => {
    const title = 'x'.repeat(TITLE_MAX_LENGTH);
    const content = 'x'.repeat(CONTENT_MAX_LENGTH);
    expect(eventSchema.safeParse(envelope('PostCreated', { id: newId(), title })).success).toBe(
      true,
    );
    const created = envelope('CommentCreated', comment({ content, status: 'pending' }));
    expect(eventSchema.safeParse(created).success).toBe(true);
  });

  it.each([
    ['an empty title', ''],
    ['an over-long title', 'x'.repeat(TITLE_MAX_LENGTH + 1)],
  ])('rejects %s', (_case, title) => {
    rejects(envelope('PostCreated', { id: newId(), title }));
  });

  it.each([
    ['empty', ''],
    ['over-long', 'x'.repeat(CONTENT_MAX_LENGTH + 1)],
  ])('rejects %s comment content in every comment event', (_case, content) => {
    rejects(envelope('CommentCreated', comment({ content, status: 'pending' })));
    rejects(envelope('CommentModerated', comment({ content, status: 'approved' })));
    rejects(envelope('CommentUpdated', comment({ content, status: 'approved', version: 1 })));
  });

  it.each([
    ['CommentCreated', 'approved'],
    ['CommentCreated', 'rejected'],
    ['CommentModerated', 'pending'],
    ['CommentUpdated', 'spam'],
  ])('rejects a %s event with status %p', (type, status) => {
    rejects(envelope(type, comment({ status, version: 1 })));
  });

  it.each([0, -1, 1.5, '2'])('rejects CommentUpdated with version %p', (version) => {
    rejects(envelope('CommentUpdated', comment({ status: 'approved', version })));
  });

  it('rejects an event whose data belongs to another type', () => {
    rejects({ ...validEvents.PostCreated, data: validEvents.CommentCreated.data });
  });
});

describe('EVENT_TYPES', () => {
  it('lists every event type, once', () => {
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(validEvents).sort());
  });

  it('is what isEventType recognises', () => {
    for (const type of EVENT_TYPES) expect(isEventType(type)).toBe(true);
    expect(isEventType('PostDeleted')).toBe(false);
    expect(isEventType('postcreated')).toBe(false);
  });
});
