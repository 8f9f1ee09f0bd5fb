import { eventDeliveryRoute, type ServiceApi } from '@blog/contracts';

/** The event deliveries, as /openapi.json describes them: moderation has no other route. */
export const moderationApi: ServiceApi = {
  description: 'Decides whether a new comment is approved or rejected.',
  routes: [
    eventDeliveryRoute({
      handling:
        'CommentCreated: the comment is moderated and the verdict published (CommentModerated) ' +
        'before the answer.',
      dependency: 'The event-bus, where verdicts are published,',
    }),
  ],
};
