import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotifyRequestInput } from '../../src/lib/core/api/notify';
import { createApp } from '../app';
import { hashToken, UserDirectory } from '../auth/users';
import { readConfig } from '../config';
import { batchFinishedMail } from './message';
import { createNotifyDeps } from './setup';
import { closedPort, startSilentServer, startSmtpSink } from '../testing/smtp-sink';

const ALICE = 'isk_alice-token';
const BOB = 'isk_bob-token';
const SMTP_USER = 'studio-mailer';
const SMTP_PASS = 'pa55-S3CRET-smtp';

const users = new UserDirectory([
  { name: 'alice', tokenHash: hashToken(ALICE), email: 'alice@example.test', createdAt: 'test' },
  { name: 'bob', tokenHash: hashToken(BOB), createdAt: 'test' }
]);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  vi.restoreAllMocks();
});

/** The whole server from an environment, as main.ts builds it, with its log lines kept. */
function server(env: NodeJS.ProcessEnv) {
  const config = readConfig(env, '0.0.0-test');
  const lines: string[] = [];
  const app = createApp({
    version: '0.0.0-test',
    bodyLimitBytes: 64 * 1024,
    providerKeys: {},
    notify: createNotifyDeps(config.notify, users, (line) => lines.push(line))
  });
  const notify = (body: unknown, token: string | null = ALICE) =>
    app.request('/api/notify', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }
    });
  const status = (token = ALICE) =>
    app.request('/api/notify', { headers: { authorization: `Bearer ${token}` } });
  return { notify, status, lines };
}

const smtpEnv = (port: number, extra: NodeJS.ProcessEnv = {}) => ({
  SMTP_URL: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${port}`,
  SMTP_TIMEOUT_MS: '1000',
  NOTIFY_FROM: 'Image Studio <studio@example.test>',
  ...extra
});

async function sink(
  options: Parameters<typeof startSmtpSink>[0] = { login: { user: SMTP_USER, pass: SMTP_PASS } }
) {
  const started = await startSmtpSink(options);
  closers.push(started.close);
  return started;
}

const finished: NotifyRequestInput = {
  kind: 'batch-finished',
  batchName: 'Spring launch',
  total: 5,
  succeeded: 3,
  failed: 1,
  cancelled: 1
};

describe('POST /api/notify', () => {
  it('mails one message to the user’s own address, with the counts in subject and body', async () => {
    const smtp = await sink();
    const { notify, status } = server(smtpEnv(smtp.port));
    expect(await (await status()).json()).toEqual({ configured: true, to: 'alice@example.test' });

    const response = await notify(finished);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sent: true, to: 'alice@example.test' });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual(['alice@example.test']);
    expect(mail!.from).toBe('studio@example.test');
    expect(mail!.subject).toBe('Batch “Spring launch” finished: 1 of 5 failed');
    expect(mail!.text).toContain('Succeeded: 3 jobs');
    expect(mail!.text).toContain('Failed: 1 job\n');
    expect(mail!.text).toContain('Cancelled: 1 job\n');
    expect(mail!.text).toContain('Total: 5 jobs');
  });

  it('says “done” when nothing failed', async () => {
    const smtp = await sink();
    const { notify } = server(smtpEnv(smtp.port));
    await notify({ ...finished, succeeded: 5, failed: 0, cancelled: 0, batchName: 'Été ☀' });
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['Batch “Été ☀” is done: 5 of 5 succeeded']);
  });

  it('refuses a request without a valid token and sends nothing', async () => {
    const smtp = await sink();
    const { notify } = server(smtpEnv(smtp.port));
    expect((await notify(finished, null)).status).toBe(401);
    expect((await notify(finished, 'isk_wrong')).status).toBe(401);
    expect(smtp.received).toHaveLength(0);
  });

  it('never takes a recipient from the client: a `to` field is refused', async () => {
    const smtp = await sink();
    const { notify } = server(smtpEnv(smtp.port));
    const response = await notify({ ...finished, to: 'victim@example.test' });
    expect(response.status).toBe(400);
    expect(smtp.received).toHaveLength(0);
  });

  it('mails a user without an address at NOTIFY_TO, and answers 503 when there is neither', async () => {
    const smtp = await sink();
    const without = server(smtpEnv(smtp.port));
    expect(await (await without.status(BOB)).json()).toEqual({ configured: true });
    const refused = await without.notify(finished, BOB);
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe('notify_no_recipient');

    const fallback = server(smtpEnv(smtp.port, { NOTIFY_TO: 'team@example.test' }));
    expect((await fallback.notify(finished, BOB)).status).toBe(200);
    expect((await fallback.notify(finished, ALICE)).status).toBe(200);
    expect(smtp.received.map((mail) => mail.to)).toEqual([['team@example.test'], ['alice@example.test']]);
  });

  it('answers 503 notify_not_configured without SMTP settings', async () => {
    const { notify, status } = server({});
    const response = await notify(finished);
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe('notify_not_configured');
    expect(await (await status()).json()).toEqual({ configured: false, to: 'alice@example.test' });

    const bare = createApp({ version: '0', bodyLimitBytes: 1024, providerKeys: {} });
    const answer = await bare.request('/api/notify', { method: 'POST', body: '{}' });
    expect(answer.status).toBe(503);
    expect((await answer.json()).error.code).toBe('notify_not_configured');
  });

  it('answers 502 smtp_failed when nothing listens on the SMTP port', async () => {
    const { notify, lines } = server(smtpEnv(await closedPort()));
    const response = await notify(finished);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: {
        code: 'smtp_failed',
        message: 'The mail server could not be reached. No e-mail was sent.'
      }
    });
    expect(lines.join('\n')).toMatch(/\[notify\] mail for alice failed \(unreachable\)/);
  });

  it('answers 502 within the timeout when the SMTP server never answers', async () => {
    const silent = await startSilentServer();
    closers.push(silent.close);
    const { notify } = server(smtpEnv(silent.port, { SMTP_TIMEOUT_MS: '800' }));
    const started = Date.now();
    const response = await notify(finished);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toMatch(/did not answer in time/);
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('answers 502 when the SMTP server refuses the recipient', async () => {
    const smtp = await sink({ login: { user: SMTP_USER, pass: SMTP_PASS }, refuseRecipients: true });
    const { notify } = server(smtpEnv(smtp.port));
    const response = await notify(finished);
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toMatch(/refused the message/);
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses a batch name with CR/LF, so no header can be added, and sends nothing', async () => {
    const smtp = await sink();
    const { notify } = server(smtpEnv(smtp.port));
    for (const batchName of ['Sale\r\nBcc: victim@example.test', 'Sale\nX-Evil: 1', 'Sale\u2028x']) {
      const response = await notify({ ...finished, batchName });
      expect(response.status).toBe(400);
      expect((await response.json()).error.fields).toHaveProperty('batchName');
    }
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps a composed subject on one line even if a name with a line break got past the schema', () => {
    const mail = batchFinishedMail({
      ...finished,
      cancelled: 1,
      batchName: 'Sale\r\nBcc: victim@example.test'
    });
    expect(mail.subject).toBe('Batch “Sale Bcc: victim@example.test” finished: 1 of 5 failed');
  });

  it('limits how many mails one user sends per hour', async () => {
    const smtp = await sink();
    const { notify } = server(smtpEnv(smtp.port, { NOTIFY_RATE_LIMIT_PER_HOUR: '2' }));
    expect((await notify(finished)).status).toBe(200);
    expect((await notify(finished)).status).toBe(200);
    const third = await notify(finished);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(3_500);
    expect(smtp.received).toHaveLength(2);
  });

  it('never puts the SMTP password in an answer or a log line, even when the login is refused', async () => {
    const output: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, method).mockImplementation(
        (...args: unknown[]) => void output.push(args.map(String).join(' '))
      );
    // The server expects another password: the login fails, and nodemailer reports the exchange.
    const smtp = await sink({ login: { user: SMTP_USER, pass: 'another-password' } });
    const { notify, status, lines } = server(smtpEnv(smtp.port));
    const response = await notify(finished);
    const text = await response.text();
    expect(response.status).toBe(502);
    expect(text).toMatch(/refused the message/);
    expect(lines.join('\n')).toMatch(/failed \(refused\)/);
    const everything = [text, await (await status()).text(), ...lines, ...output].join('\n');
    expect(everything).not.toContain(SMTP_PASS);
    expect(everything).not.toContain(encodeURIComponent(SMTP_PASS));
    expect(everything).not.toContain(Buffer.from(SMTP_PASS).toString('base64'));
    expect(smtp.received).toHaveLength(0);
  });
});

describe('SMTP settings', () => {
  it('reads SMTP_URL or SMTP_HOST and its parts', () => {
    expect(readConfig({ SMTP_URL: 'smtps://u%40x:p%3Aw@mail.example.test' }, '0').notify.smtp).toEqual({
      host: 'mail.example.test',
      port: 465,
      secure: true,
      user: 'u@x',
      pass: 'p:w'
    });
    expect(
      readConfig({ SMTP_HOST: 'mail.example.test', SMTP_USER: 'u', SMTP_PASS: 'p' }, '0').notify.smtp
    ).toEqual({ host: 'mail.example.test', port: 587, secure: false, user: 'u', pass: 'p' });
    expect(readConfig({ SMTP_HOST: 'm', SMTP_PORT: '465' }, '0').notify.smtp?.secure).toBe(true);
    expect(readConfig({}, '0').notify.smtp).toBeUndefined();
    expect(() => readConfig({ SMTP_URL: 'http://mail.example.test' }, '0')).toThrow(/SMTP_URL/);
  });
});
