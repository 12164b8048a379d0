import { describe, expect, it } from 'vitest';
import { NotifyRequestSchema } from '../api/notify';
import { batchFinishedNotice } from './notice';

describe('batchFinishedNotice', () => {
  it('counts the finished jobs by outcome', () => {
    expect(
      batchFinishedNotice('Week 12', ['succeeded', 'failed', 'succeeded', 'cancelled', 'succeeded'])
    ).toEqual({
      kind: 'batch-finished',
      batchName: 'Week 12',
      total: 5,
      succeeded: 3,
      failed: 1,
      cancelled: 1
    });
  });

  it('makes any name one line the proxy accepts', () => {
    for (const name of ['Sale\r\nBcc: x@example.test', '\n\t', 'x'.repeat(300), 'a\u2028b']) {
      const notice = batchFinishedNotice(name, ['succeeded']);
      expect(NotifyRequestSchema.safeParse(notice).success).toBe(true);
      expect(notice.batchName).not.toMatch(/[\r\n\u2028]/);
    }
    expect(batchFinishedNotice(' \n ', []).batchName).toBe('Untitled batch');
  });
});
