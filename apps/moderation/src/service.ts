import { HttpEventPublisher, eventReceiver } from '@blog/messaging';
import { commaList, defineService, serviceUrl } from '@blog/service-kit';
import { moderationHandlers } from './handlers';
import { moderationPolicy } from './moderation-policy';
import { moderationApi } from './openapi';

export const moderationService = defineService({
  name: 'moderation',
  defaultPort: 4003,
  config: {
    EVENT_BUS_URL: serviceUrl.default('http://localhost:4005'),
    /** Words that get a comment rejected, e.g. `orange,kiwi`. */
    BLOCKED_WORDS: commaList.default(['orange']),
  },
  create({ config }) {
    const handlers = moderationHandlers(
      moderationPolicy(config.BLOCKED_WORDS),
      HttpEventPublisher.forBus(config.EVENT_BUS_URL),
    );
    return { routes: (app) => app.use(eventReceiver(handlers)), openapi: moderationApi };
  },
});
