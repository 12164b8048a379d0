import { describe, expect, it } from 'vitest';
import { parseBatchCsv } from './csv';
import { parseScheduleTime } from './csv-row';
import { exampleCsv } from './example';

const encode = (text: string) => new TextEncoder().encode(text);
const HEADER = 'prompt,provider,variations,schedule';

describe('parseBatchCsv', () => {
  it('reads the example file: every row good, presets and schedule resolved', () => {
    const result = parseBatchCsv(encode(exampleCsv));
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(3);
    const [first, second, third] = result.rows;
    expect(first).toMatchObject({ line: 2, presets: ['instagram-square', 'instagram-portrait'] });
    expect(first!.operation).toMatchObject({ provider: 'stability', model: 'core', variations: 2, seed: 42 });
    expect(second!.scheduleAt).toBe(new Date(2026, 11, 1, 9, 0).getTime());
    expect(second!.presets.length).toBeGreaterThan(2);
    expect(third!.operation.model).toBe('sd3.5-large');
  });

  it('points at the exact line and column of each bad row and keeps the good ones', () => {
    const csv = [
      HEADER,
      'A red bicycle,stability,2,',
      ',stability,1,',
      'A blue door,midjourney,1,',
      'A green hill,stability,11,',
      'A yellow cab,stability,0,',
      'A grey cat,stability,1,2026-13-45 10:00',
      'A black dog,stability,1,next tuesday',
      'A white swan,stability,1,2026-12-01 08:15'
    ].join('\n');
    const result = parseBatchCsv(encode(csv));
    expect(result.rows.map((row) => row.line)).toEqual([2, 9]);
    expect(result.total).toBe(8);
    expect(result.problems.map(({ line, column, field }) => ({ line, column, field }))).toEqual([
      { line: 3, column: 1, field: 'prompt' },
      { line: 4, column: 2, field: 'provider' },
      { line: 5, column: 3, field: 'variations' },
      { line: 6, column: 3, field: 'variations' },
      { line: 7, column: 4, field: 'schedule' },
      { line: 8, column: 4, field: 'schedule' }
    ]);
    expect(result.problems[0]!.message).toBe('Write a prompt.');
    expect(result.problems[1]!.message).toContain('Unknown provider "midjourney"');
    expect(result.problems[2]!.message).toContain('1 to 10');
    expect(result.badLines).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('reports a non-UTF-8 byte at its line and character column, and reads the rows around it', () => {
    const before = encode(`${HEADER}\nCafé au lait,stability,1,\n`);
    const latin1 = new Uint8Array([...encode('Cr'), 0xe8, ...encode('me brûlée,stability,1,\n')]);
    const after = encode('Plain tea,stability,1,\n');
    const result = parseBatchCsv(new Uint8Array([...before, ...latin1, ...after]));
    expect(result.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 3,
        column: 3,
        field: 'encoding',
        message: expect.stringContaining('0xE8')
      })
    ]);
  });

  it('counts lines inside quoted multi-line prompts and blank lines, so later rows keep their true line', () => {
    const csv = `${HEADER}\n"A poster,\nwith two lines",stability,1,\n\n,stability,1,\n`;
    const result = parseBatchCsv(encode(csv));
    expect(result.rows[0]).toMatchObject({ line: 2 });
    expect(result.rows[0]!.operation.prompt).toBe('A poster,\nwith two lines');
    expect(result.problems).toEqual([expect.objectContaining({ line: 5, column: 1, field: 'prompt' })]);
  });

  it('handles CRLF line ends and a byte-order mark', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encode(`${HEADER}\r\nOne,stability,1,\r\n,stability,1,\r\n`)
    ]);
    const result = parseBatchCsv(bytes);
    expect(result.rows.map((row) => row.line)).toEqual([2]);
    expect(result.problems[0]).toMatchObject({ line: 3, field: 'prompt' });
  });

  it('refuses a file without a prompt column as a whole', () => {
    const result = parseBatchCsv(encode('title,provider\nA,stability\n'));
    expect(result.fileError).toContain('"prompt"');
    expect(result.rows).toEqual([]);
  });

  it('names an unknown model and an unknown preset at their columns', () => {
    const result = parseBatchCsv(encode('prompt,model,presets\nA,dall-e,instagram-square\nB,core,myspace\n'));
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 2, column: 2, field: 'model' }),
      expect.objectContaining({ line: 3, column: 3, field: 'presets' })
    ]);
  });
});

describe('column names', () => {
  it('reads "Template" and "Schedule time" headers as presets and schedule', () => {
    const result = parseBatchCsv(
      encode('Prompt,Template,Schedule time\nA,instagram-square,2026-12-01 10:00\n')
    );
    expect(result.rows[0]).toMatchObject({
      presets: ['instagram-square'],
      scheduleAt: new Date(2026, 11, 1, 10, 0).getTime()
    });
  });
});

describe('parseScheduleTime', () => {
  it('accepts ISO-like dates and refuses impossible ones', () => {
    expect(parseScheduleTime('2026-12-01 09:30')).toBe(new Date(2026, 11, 1, 9, 30).getTime());
    expect(parseScheduleTime('2026-12-01T09:30:00Z')).toBe(Date.UTC(2026, 11, 1, 9, 30));
    expect(parseScheduleTime('2026-02-30 09:00')).toBeUndefined();
    expect(parseScheduleTime('01/12/2026')).toBeUndefined();
  });
});
