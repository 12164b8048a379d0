import { createServer } from 'node:http';
import { startSmtpSink } from '../proxy/testing/smtp-sink';

/**
 * `tsx scripts/smtp-sink.ts <smtp port> <http port>`: an SMTP server on loopback that keeps every message, and
 * `GET /` on the HTTP port answering them as JSON, to try the batch e-mail (SMTP_URL=smtp://127.0.0.1:<port>)
 * without a real mail server. The end-to-end journeys read it.
 */
const [smtpPort, httpPort] = process.argv.slice(2).map(Number);
if (!smtpPort || !httpPort) {
  console.error('Usage: tsx scripts/smtp-sink.ts <smtp port> <http port>');
  process.exit(2);
}
const sink = await startSmtpSink({ port: smtpPort });
createServer((_request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(sink.received.map(({ raw: _raw, ...mail }) => mail)));
}).listen(httpPort, '127.0.0.1', () =>
  console.log(`SMTP sink on 127.0.0.1:${sink.port}; received mail at http://127.0.0.1:${httpPort}/`)
);
