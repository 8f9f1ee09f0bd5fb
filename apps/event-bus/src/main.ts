import { runService } from '@blog/service-kit';
import { eventBusService } from './service';

runService(eventBusService);
