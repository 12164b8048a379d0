/** One generated image as the gallery shows it, with where it stands in the library. */
export interface CreateResult {
  key: string;
  url: string;
  seed: number | null;
  costMicros: number;
  provider: string;
  model: string;
  saved: 'saving' | 'saved' | 'failed';
  note?: string;
}
