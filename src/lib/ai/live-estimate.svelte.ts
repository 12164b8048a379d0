import type { EstimateResponse } from '$core/api/ai';
import { formatUsd } from '$core/cost/estimate';
import type { AiOperationInput } from '$core/operations';
import { AiClientError, type AiClient } from './client';

/** Typing a prompt asks the proxy once the form settles, not on every key. */
const SETTLE_MS = 250;

/**
 * The proxy's price and pre-flight issues for a form's operation, asked again whenever the operation changes.
 * Construct it while a component initialises: it owns an effect that lives as long as the component.
 */
export class LiveEstimate {
  response: EstimateResponse | undefined = $state();
  error = $state('');
  /** The operation the response priced: a run waits until it matches what is on screen. */
  #pricedFor = $state('');

  /** The proxy's issues by field name. */
  readonly issues: Record<string, string> = $derived(
    Object.fromEntries((this.response?.issues ?? []).map((issue) => [issue.field, issue.message]))
  );
  /** For the run button: "$0.040", or "…" until there is a price. */
  readonly price = $derived(this.response?.estimate ? formatUsd(this.response.estimate.totalMicros) : '…');

  /** `operation` gives undefined while the form cannot build a valid operation: nothing is asked then. */
  constructor(client: () => AiClient, operation: () => AiOperationInput | undefined) {
    $effect(() => {
      const current = operation();
      const proxy = client();
      if (!current) {
        this.response = undefined;
        return;
      }
      const timer = setTimeout(async () => {
        try {
          this.response = await proxy.estimate(current);
          this.#pricedFor = JSON.stringify(current);
          this.error = '';
        } catch (error) {
          this.response = undefined;
          this.error = error instanceof AiClientError ? error.message : String(error);
        }
      }, SETTLE_MS);
      return () => clearTimeout(timer);
    });
  }

  /** Whether the price shown is for `operation` exactly and the proxy found nothing to fix. */
  readyFor(operation: AiOperationInput | undefined): boolean {
    return (
      Boolean(this.response?.estimate) &&
      !this.response?.issues.length &&
      this.#pricedFor === JSON.stringify(operation)
    );
  }
}
