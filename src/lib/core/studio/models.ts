import type { ProvidersResponse } from '../api/ai';
import type { ProviderId } from '../providers';

export interface ModelChoice {
  provider: ProviderId;
  model: string;
  label: string;
}

/** Every configured model that runs `operation`, as the studios offer them (provider label first). */
export const modelChoices = (providers: ProvidersResponse, operation: string): ModelChoice[] =>
  providers.providers.flatMap((provider) =>
    provider.models
      .filter((model) => model.operations.includes(operation))
      .map((model) => ({
        provider: provider.id,
        model: model.id,
        label: `${provider.label} · ${model.label}`
      }))
  );

/** The model a studio runs `operation` with: the one picked by position, else the first configured. */
export const chosenModel = (
  providers: ProvidersResponse,
  operation: string,
  index = 0
): ModelChoice | undefined => {
  const choices = modelChoices(providers, operation);
  return choices[index] ?? choices[0];
};
