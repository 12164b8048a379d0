import { parseBatchCsv } from '$core/batch/csv';
import { exposeApi } from '../comlink/expose';

/** CSV parsing off the main thread: a 5,000-row file with its zod checks would otherwise stall the page. */
const api = {
  parse: async (bytes: Uint8Array) => parseBatchCsv(bytes)
};

exposeApi(api);

export type CsvWorkerApi = typeof api;
