import { runService } from '@blog/service-kit';
import { moderationService } from './service';

runService(moderationService);
