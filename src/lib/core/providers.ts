import { z } from 'zod';

export const providerIds = ['stability', 'wavespeed', 'huggingface', 'gemini', 'qwen'] as const;
export const ProviderIdSchema = z.enum(providerIds);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

export const providerLabels: Record<ProviderId, string> = {
  stability: 'Stability AI',
  wavespeed: 'WaveSpeed',
  huggingface: 'Hugging Face',
  gemini: 'Google Gemini',
  qwen: 'Qwen (Alibaba DashScope)'
};
