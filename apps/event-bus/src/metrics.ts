import { Counter, type Registry } from 'prom-client';
import type { Outcome } from './delivery/answer';

/** The bus's own Prometheus counters, beside the request metrics every service has. */
export class BusMetrics {
  private readonly appended: Counter<'outcome'>;
  private readonly deliveries: Counter<'subscriber' | 'outcome'>;
  private readonly deadLettered: Counter<'subscriber'>;

  constructor(registry: Registry) {
    this.appended = new Counter({
      name: 'event_bus_events_appended_total',
      help: 'Events received for the log: stored, or recognised as a duplicate and not stored.',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.deliveries = new Counter({
      name: 'event_bus_deliveries_total',
      help: 'Delivery attempts by subscriber and outcome (skipped: a type it does not take).',
      labelNames: ['subscriber', 'outcome'],
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'event_bus_dead_letters_total',
      help: 'Events set aside in a subscriber’s dead letters.',
      labelNames: ['subscriber'],
      registers: [registry],
    });
  }

  eventAppended(duplicate: boolean): void {
    this.appended.inc({ outcome: duplicate ? 'duplicate' : 'stored' });
  }

  deliveryAttempted(subscriber: string, outcome: Outcome | 'skipped'): void {
    this.deliveries.inc({ subscriber, outcome });
  }

  deadLetterAdded(subscriber: string): void {
    this.deadLettered.inc({ subscriber });
  }
}
