import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { E2E_MAIL_TO, E2E_MAIL_TOKEN, smtpSinkPorts } from './ai';

const sinkUrl = `http://127.0.0.1:${smtpSinkPorts(Number(process.env.E2E_PORT ?? 4317)).http}/`;

interface SinkMail {
  to: string[];
  subject: string;
  text: string;
}

test('Settings → e-mail on: a finished batch sends one mail through the proxy to the user’s address', async ({
  page,
  request
}) => {
  test.setTimeout(120_000);
  await page.goto('/settings');
  const toggle = page.getByTestId('mail-on-finish');
  await expect(page.getByTestId('mail-status')).toContainText('needs the AI proxy connection');
  await expect(toggle).toBeDisabled();

  await page.getByTestId('ai-token').fill(E2E_MAIL_TOKEN);
  await page.getByRole('button', { name: 'Save and test' }).click();
  await expect(page.getByTestId('ai-status')).toContainText('Connected as e2e-mail');
  await expect(page.getByTestId('mail-status')).toContainText(`One e-mail per batch to ${E2E_MAIL_TO}`);
  await toggle.check();
  await page.reload();
  await expect(page.getByTestId('mail-on-finish')).toBeChecked();

  // Every run of this journey makes a batch with its own name, so the shared sink's other mails do not count.
  const shade = Date.now() % 200;
  const photo = await sharp({
    create: { width: 320, height: 240, channels: 3, background: { r: shade, g: 40, b: 200 } }
  })
    .jpeg()
    .toBuffer();
  await page.goto('/batch');
  await page
    .getByTestId('local-input')
    .setInputFiles({ name: `mail-${shade}.jpg`, mimeType: 'image/jpeg', buffer: photo });
  await page.getByTestId('preset-instagram-square').check();
  const before = ((await (await request.get(sinkUrl)).json()) as SinkMail[]).length;
  await page.getByTestId('queue-local').click();
  const batch = page.locator('[data-testid="batch"]').first();
  await expect(batch).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(batch.getByTestId('batch-mail')).toHaveText(`E-mailed ${E2E_MAIL_TO}.`);

  const mails = ((await (await request.get(sinkUrl)).json()) as SinkMail[]).slice(before);
  const name = await batch.locator('h3').textContent();
  const ours = mails.filter((mail) => mail.subject.includes(`“${name}”`));
  expect(ours).toHaveLength(1);
  expect(ours[0]!.to).toEqual([E2E_MAIL_TO]);
  expect(ours[0]!.subject).toBe(`Batch “${name}” is done: 1 of 1 succeeded`);
  expect(ours[0]!.text).toContain('Succeeded: 1 job');
});
