// Prometheus metrics (GET /metrics). One registry per runtime, so tests can run several side by side.
import { Counter, Gauge, Registry } from 'prom-client';
import type { JobStore } from './jobs/types.js';
import type { Clock } from './clock.js';

export class RuntimeMetrics {
  readonly registry = new Registry();
  private readonly jobsRan = new Counter({ name: 'sparring_jobs_ran_total', help: 'Jobs run to completion', labelNames: ['kind'], registers: [this.registry] });
  private readonly jobsFailed = new Counter({ name: 'sparring_jobs_failed_total', help: 'Jobs that ended failed', labelNames: ['kind'], registers: [this.registry] });
  private readonly messagesSent = new Counter({ name: 'sparring_messages_sent_total', help: 'Messages sent to a platform', labelNames: ['platform'], registers: [this.registry] });
  private readonly deliveryErrors = new Counter({ name: 'sparring_delivery_errors_total', help: 'Messages that could not be delivered', labelNames: ['platform', 'kind'], registers: [this.registry] });
  private readonly inbound = new Counter({ name: 'sparring_inbound_requests_total', help: 'Inbound platform requests by outcome', labelNames: ['platform', 'outcome'], registers: [this.registry] });
  private readonly turnErrors = new Counter({ name: 'sparring_turn_errors_total', help: 'Inbound events whose handling threw', labelNames: ['platform'], registers: [this.registry] });
  private readonly lastTick = new Gauge({ name: 'sparring_worker_last_tick_seconds', help: 'Unix time of the job worker\'s last completed tick', registers: [this.registry] });

  /** Job counts are read from the database when scraped: the database is the truth. */
  watchJobs(store: JobStore, clock: Clock): void {
    new Gauge({
      name: 'sparring_jobs',
      help: 'Jobs by state (due = pending and due now)',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const c = await store.counts(clock.now());
        for (const [state, n] of Object.entries(c)) this.set({ state }, n);
      },
    });
  }

  jobRan(kind: string): void { this.jobsRan.inc({ kind }); }
  jobFailed(kind: string): void { this.jobsFailed.inc({ kind }); }
  messageSent(platform: string): void { this.messagesSent.inc({ platform }); }
  deliveryError(platform: string, kind: 'permanent' | 'transient'): void { this.deliveryErrors.inc({ platform, kind }); }
  inboundRequest(platform: string, outcome: string): void { this.inbound.inc({ platform, outcome }); }
  turnError(platform: string): void { this.turnErrors.inc({ platform }); }
  workerTick(at: Date): void { this.lastTick.set(at.getTime() / 1000); }
}
