import { createService } from '@blog/service-kit';
import { CaptureServer, openApiDocumentSuite } from '@blog/testing';
import { eventBusApi } from '../src/openapi';
import { eventBusService } from '../src/service';

openApiDocumentSuite('event-bus', eventBusApi, async () => {
  const subscriber = await CaptureServer.start(() => 200);
  const service = await createService(eventBusService, {
    PORT: '0',
    LOG_LEVEL: 'silent',
    SUBSCRIBERS: `audit=${subscriber.url}/events`,
  });
  return { service, standIns: [subscriber] };
});
