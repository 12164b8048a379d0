import type { ProvidersResponse } from '../api/ai';
import type { ProviderId } from '../providers';

export interface ModelChoice {
  provider: ProviderId;
  model: string;
  label: string;
}

/** Every configured model that runs `operation`, as the studios offer them (provider label first). */
export const modelsFor = (providers: ProvidersResponse, operation: string): ModelChoice[] =>
  providers.providers.flatMap((provider) =>
    provider.models
      .filter((model) => model.operations.includes(operation))
      .map((model) => ({
        provider: provider.id,
        model: model.id,
        label: `${provider.label} · ${model.label}`
      }))
  );
