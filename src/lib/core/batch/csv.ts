import Papa from 'papaparse';
import { csvColumns, validateRecord, type CsvRow, type CsvColumn, type RowProblem } from './csv-row';
import { findEncodingFaults } from './utf8';

export interface CsvParseResult {
  rows: CsvRow[];
  /** Every problem of every bad row, in line order; a bad row never stops the good ones. */
  problems: RowProblem[];
  /** Lines with at least one problem (what the preview marks). */
  badLines: number[];
  /** Data rows read, good and bad. */
  total: number;
  /** A problem with the file as a whole (no prompt column, nothing in it): no row can be trusted. */
  fileError?: string;
}

export const MAX_CSV_BYTES = 10 * 1024 * 1024;
export const MAX_CSV_ROWS = 5_000;

/** Other names people give the same columns: a "template" is a set of platform presets. */
const headerAliases: Record<string, string> = {
  template: 'presets',
  negative: 'negative_prompt',
  schedule_time: 'schedule'
};

const normaliseHeader = (name: string): string => {
  const clean = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return headerAliases[clean] ?? clean;
};

const countNewlines = (text: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};

/**
 * Reads a batch CSV from its bytes (not a string: the encoding check needs the bytes). Line numbers are the
 * file's own, 1-based, counting the header, so a quoted prompt spanning lines still points at where its row
 * starts; columns are 1-based positions in the header.
 */
export function parseBatchCsv(bytes: Uint8Array): CsvParseResult {
  const empty = (fileError: string): CsvParseResult => ({
    rows: [],
    problems: [],
    badLines: [],
    total: 0,
    fileError
  });
  if (bytes.length > MAX_CSV_BYTES) return empty('The file is over 10 MB; split it into smaller batches.');
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const encodingFaults = new Map(findEncodingFaults(body).map((fault) => [fault.line, fault]));
  const text = new TextDecoder('utf-8').decode(body);

  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  let header: string[] | undefined;
  let total = 0;
  let lastCursor = 0;
  let line = 1;
  let fileError: string | undefined;

  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      const rowStart = lastCursor;
      lastCursor = result.meta.cursor;
      // Skipped blank lines sit between the last row and this one; count them so the line is the row's own.
      const leading = text.slice(rowStart, lastCursor).match(/^[\r\n\s]*/)?.[0] ?? '';
      line += countNewlines(text, rowStart, rowStart + leading.length);
      const rowLine = line;
      line += countNewlines(text, rowStart + leading.length, lastCursor);
      const cells = result.data;
      if (!header) {
        header = cells.map(normaliseHeader);
        if (!header.includes('prompt')) {
          fileError = `The first line must name the columns and include "prompt" (found: ${cells.join(', ')}).`;
          parser.abort();
        }
        return;
      }
      total++;
      if (total > MAX_CSV_ROWS) {
        fileError = `More than ${MAX_CSV_ROWS.toLocaleString('en')} rows; split the file.`;
        parser.abort();
        return;
      }
      const fault = encodingFaults.get(rowLine);
      if (fault) {
        problems.push({
          line: rowLine,
          column: fault.column,
          field: 'encoding',
          message: `Byte 0x${fault.byte.toString(16).toUpperCase()} is not UTF-8. Save the file as "CSV UTF-8" and import it again.`
        });
        return;
      }
      const record: Partial<Record<CsvColumn, string>> = {};
      for (const [i, name] of header.entries())
        if ((csvColumns as readonly string[]).includes(name)) record[name as CsvColumn] = cells[i] ?? '';
      const columnOf = (field: CsvColumn) => header!.indexOf(field) + 1 || header!.length + 1;
      const outcome = validateRecord(record, rowLine, columnOf);
      if ('row' in outcome) rows.push(outcome.row);
      else problems.push(...outcome.problems);
    }
  });

  if (fileError) return { ...empty(fileError), total };
  if (!header) return empty('The file is empty.');
  const badLines = [...new Set(problems.map((p) => p.line))];
  return { rows, problems, badLines, total };
}
