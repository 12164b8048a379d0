import { singleLine, type NotifyRequest } from '../../src/lib/core/api/notify';

export interface MailText {
  subject: string;
  text: string;
}

const jobs = (n: number) => `${n} job${n === 1 ? '' : 's'}`;

/** Subject and plain-text body, written here from counts: nothing a client sends is mailed verbatim but the name. */
export function batchFinishedMail(body: NotifyRequest): MailText {
  // The schema already refuses control characters; a caller that skipped it still cannot start a header.
  const name = singleLine(body.batchName);
  const subject = body.failed
    ? `Batch “${name}” finished: ${body.failed} of ${body.total} failed`
    : `Batch “${name}” is done: ${body.succeeded} of ${body.total} succeeded`;
  const lines = [
    `Your Image Studio batch “${name}” has finished.`,
    '',
    `Succeeded: ${jobs(body.succeeded)}`,
    `Failed: ${jobs(body.failed)}`,
    ...(body.cancelled ? [`Cancelled: ${jobs(body.cancelled)}`] : []),
    `Total: ${jobs(body.total)}`,
    '',
    body.failed
      ? 'Open the Batch page on the device that ran it to see why jobs failed and retry them; the results are in its Asset Library.'
      : 'The results are in the Asset Library on the device that ran it.'
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}
