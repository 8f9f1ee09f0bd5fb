import { NotFoundError, type Logger } from '@blog/service-kit';
import type { DeadLetter, EventLog, RedriveResult } from '../log/event-log';
import type { BusMetrics } from '../metrics';
import type { Subscriber } from '../subscribers';
import { DeliveryWorker, type DeliveryPolicy, type SubscriptionState } from './delivery-worker';
import { SubscriberClient } from './subscriber-client';

export interface SubscriptionsOptions extends DeliveryPolicy {
  /** Longest wait for a subscriber's answer before the delivery counts as unanswered. */
  deliveryTimeoutMs: number;
}

/** The configured subscribers, each with its delivery worker: what the subscription routes use. */
export class Subscriptions {
  private readonly byName = new Map<string, DeliveryWorker>();

  constructor(
    subscribers: readonly Subscriber[],
    log: EventLog,
    { deliveryTimeoutMs, ...policy }: SubscriptionsOptions,
    metrics: BusMetrics,
    logger: Logger,
  ) {
    for (const subscriber of subscribers) {
      const worker = new DeliveryWorker(
        subscriber,
        log.cursor(subscriber.name),
        new SubscriberClient(subscriber.url, deliveryTimeoutMs),
        policy,
        metrics,
        logger,
      );
      this.byName.set(subscriber.name, worker);
    }
  }

  get workers(): DeliveryWorker[] {
    return [...this.byName.values()];
  }

  list(): Promise<SubscriptionState[]> {
    return Promise.all(this.workers.map((worker) => worker.state()));
  }

  deadLetters(name: string, limit: number): Promise<DeadLetter[]> {
    return this.worker(name).deadLetters(limit);
  }

  redrive(name: string): Promise<RedriveResult> {
    return this.worker(name).redrive();
  }

  private worker(name: string): DeliveryWorker {
    const worker = this.byName.get(name);
    if (!worker) throw new NotFoundError(`No subscription named ${name}`, 'name');
    return worker;
  }
}
