import { runService } from '@blog/service-kit';
import { clientService } from './service';

runService(clientService);
