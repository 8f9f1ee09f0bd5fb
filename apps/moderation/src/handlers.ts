import { deterministicId } from '@blog/contracts';
import { createEvent, type EventHandlers, type EventPublisher } from '@blog/messaging';
import type { Verdict } from './moderation-policy';

/**
 * Moderates every new comment and publishes the verdict. There is no store: until the verdict is
 * on the event-bus the delivery fails (503 when the bus is down), so the bus delivers the
 * CommentCreated again later. A redelivery publishes an event with the same id, which the bus
 * stores once.
 */
export function moderationHandlers(
  decide: (content: string) => Verdict,
  publisher: EventPublisher,
): EventHandlers {
  return {
    CommentCreated: async ({ data: { id, postId, content } }) => {
      const verdict = createEvent(
        'CommentModerated',
        { id, postId, content, status: decide(content) },
        'moderation',
        { id: deterministicId(id, 'CommentModerated') },
      );
      await publisher.publish([verdict]);
    },
  };
}
