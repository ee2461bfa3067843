// The Bot Framework connector client as the Teams driver uses it. botbuilder's ConnectorClient (on
// @azure/core-client) retries by itself, underneath the job engine: 429 and 503 up to three times
// after Retry-After, other 5xx, 408 and dropped connections (ECONNRESET, ETIMEDOUT, …) up to three
// times with exponential back-off — measured with botbuilder 4.23.3 against the fake connector: a 429,
// 429, 503 sequence became one delivered message and one attempt. A retry of a call the connector had
// already taken (a 5xx or a reset after it posted) posts the message twice, and the job engine never
// hears of the refusals. The client also has no timeout: a connector that never answers holds the
// worker for good. So here the client's retry policy is taken out (the job engine owns retries and
// honours Retry-After) and every request gets a timeout.
import type { ConnectorClient } from 'botframework-connector';

/** After this long a request to the connector is given up (the connection closed). */
export const CONNECTOR_REQUEST_TIMEOUT_MS = 60_000;

/** The part of @azure/core-rest-pipeline's Pipeline used here (it is not a direct dependency). */
interface Pipeline {
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: { timeout: number }) => Promise<unknown>): Promise<unknown> }): void;
  removePolicy(options: { name?: string }): unknown[];
  getOrderedPolicies(): { name: string }[];
}

/**
 * Takes every retry policy out of a connector client's request pipeline and gives its requests a
 * timeout (unless a call sets its own). The pipeline is not public: botframework-connector's
 * ServiceClientContext keeps its core-client ServiceClient in `client`. Should an upgrade move it,
 * this throws rather than let the SDK retry unseen (tests/bot/teams/teams.test.ts: one call per refusal).
 */
export function withoutClientRetries(client: ConnectorClient, timeoutMs = CONNECTOR_REQUEST_TIMEOUT_MS): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: Partial<Pipeline> } }).client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function' || typeof pipeline.addPolicy !== 'function' || typeof pipeline.getOrderedPolicies !== 'function') {
    throw new Error('Teams: cannot take the retries out of botbuilder’s connector client (its request pipeline moved); see src/bot/teams/connector.ts');
  }
  const p = pipeline as Pipeline;
  for (const { name } of p.getOrderedPolicies()) if (/retry/i.test(name)) p.removePolicy({ name });
  p.addPolicy({
    name: 'sparringRequestTimeout',
    sendRequest: (request, next) => {
      if (!request.timeout) request.timeout = timeoutMs;
      return next(request);
    },
  });
  return client;
}
