import { createService } from '@blog/service-kit';
import { CaptureServer, openApiDocumentSuite } from '@blog/testing';
import { moderationApi } from '../src/openapi';
import { moderationService } from '../src/service';

openApiDocumentSuite('moderation', moderationApi, async () => {
  const bus = await CaptureServer.start(() => 201);
  const service = await createService(moderationService, {
    PORT: '0',
    EVENT_BUS_URL: bus.url,
    LOG_LEVEL: 'silent',
  });
  return { service, standIns: [bus] };
});
