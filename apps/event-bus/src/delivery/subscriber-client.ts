import { DELIVERY_HEADERS } from '@blog/contracts';
import { createHttpClient } from '@blog/service-kit';
import type { AxiosInstance } from 'axios';
import type { LoggedEvent } from '../log/event-log';
import { answerForNoResponse, answerForStatus, type Answer } from './answer';

/** POSTs events to one subscriber over a kept-alive connection and says what the answer means. */
export class SubscriberClient {
  private readonly http: AxiosInstance;

  constructor(url: string, timeoutMs: number) {
    // No retries in the client: retrying is the delivery worker's job, with its own backoff.
    this.http = createHttpClient({ baseURL: url, timeoutMs, retries: 0 });
  }

  async push({ seq, event }: LoggedEvent, attempt: number): Promise<Answer> {
    try {
      const response = await this.http.post<unknown>('', event, {
        headers: {
          [DELIVERY_HEADERS.sequence]: String(seq),
          [DELIVERY_HEADERS.attempt]: String(attempt),
        },
        validateStatus: () => true,
      });
      return answerForStatus(response.status, response.data);
    } catch (error) {
      return answerForNoResponse(error);
    }
  }
}
