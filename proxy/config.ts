import { join } from 'node:path';
import { z } from 'zod';
import { providerIds, type ProviderId } from '../src/lib/core/providers';
import { providerEndpoints } from './providers/catalogue';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  STATIC_ROOT: z.string().default('build'),
  /** Largest request body any /api route accepts unless a route sets its own. */
  BODY_LIMIT_BYTES: positiveInt(1024 * 1024),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().optional(),
  AI_USERS: z.string().optional(),
  AI_MONTHLY_BUDGET_USD: z.coerce.number().nonnegative().default(10),
  AI_RATE_LIMIT_PER_MINUTE: positiveInt(30),
  AI_UPSTREAM_TIMEOUT_MS: positiveInt(120_000),
  AI_JOB_TIMEOUT_MS: positiveInt(600_000),
  AI_WAIT_MS: z.coerce.number().int().nonnegative().default(55_000),
  AI_UPLOAD_LIMIT_BYTES: positiveInt(40 * 1024 * 1024),
  AI_RESULT_LIMIT_BYTES: positiveInt(200 * 1024 * 1024),
  AI_RESULT_TTL_DAYS: positiveInt(30),
  AI_RESULT_ORIGINS: z.string().default(''),
  AI_RESULTS_DIR: z.string().optional(),
  S3_RESULTS_PREFIX: z.string().default('ai-results/'),
  AI_SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(25_000),
  SHARES_DIR: z.string().optional(),
  SHARE_MAX_BYTES: positiveInt(25 * 1024 * 1024),
  SHARE_USER_QUOTA_BYTES: positiveInt(250 * 1024 * 1024),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_PREFIX: z.string().default('shares/'),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'SMTP_URL must look like smtp://user:pass@host:587' })
    .optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  SMTP_SECURE: z.enum(['true', 'false', '1', '0']).optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_TIMEOUT_MS: positiveInt(15_000),
  NOTIFY_FROM: z.string().default('Image Studio <image-studio@localhost>'),
  NOTIFY_TO: z.email().optional(),
  NOTIFY_RATE_LIMIT_PER_HOUR: positiveInt(20)
});

export interface AiConfig {
  dataDir: string;
  usersFile: string;
  usersEnv?: string;
  databaseUrl?: string;
  defaultBudgetUsd: number;
  ratePerMinute: number;
  upstreamTimeoutMs: number;
  jobTimeoutMs: number;
  waitMs: number;
  uploadLimitBytes: number;
  /** Largest result any operation may return (each kind's documented limit applies too). */
  resultLimitBytes: number;
  resultTtlDays: number;
  /** Origins an operator trusts for result links beyond each provider's documented HTTPS hosts. */
  resultOrigins: string[];
  /** Filesystem store for results when S3 is not configured; `<DATA_DIR>/results` when absent. */
  resultsDir?: string;
  /** Key prefix for results in the S3 bucket (`S3_BUCKET`), beside the shares. */
  s3ResultsPrefix: string;
  /** How long SIGTERM waits for running jobs before handing them to the next start. */
  shutdownGraceMs: number;
  baseUrls: Record<ProviderId, string>;
}

/** An S3-compatible bucket for blobs (shared boards), for several instances sharing one store. */
export interface S3Settings {
  bucket: string;
  /** Any S3-compatible endpoint (MinIO, R2, a loopback test server); AWS when absent. */
  endpoint?: string;
  region: string;
  prefix: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface SharesConfig {
  /** Filesystem store directory; `<DATA_DIR>/shares` when absent. */
  dir?: string;
  /** When set, sealed boards go to this S3-compatible bucket instead of the filesystem. */
  s3?: S3Settings;
  maxShareBytes: number;
  userQuotaBytes: number;
}

/** An SMTP server to send through; the password is never logged or answered. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
}

export interface NotifyConfig {
  /** Absent: POST /api/notify answers 503 notify_not_configured. */
  smtp?: SmtpSettings;
  from: string;
  /** Recipient for users without an `email` of their own. */
  to?: string;
  timeoutMs: number;
  ratePerHour: number;
}

export interface ProxyConfig {
  port: number;
  host: string;
  staticRoot: string;
  bodyLimitBytes: number;
  version: string;
  /** Provider keys; never logged, never sent to a client. */
  providerKeys: Partial<Record<ProviderId, string>>;
  ai: AiConfig;
  shares: SharesConfig;
  notify: NotifyConfig;
}

/** Where `npm run user:add` writes and the proxy reads users: AI_USERS_FILE, else users.json in DATA_DIR. */
export const usersFilePath = (env: NodeJS.ProcessEnv): string =>
  env.AI_USERS_FILE?.trim() || join(env.DATA_DIR?.trim() || 'data', 'users.json');

const isOn = (flag: string | undefined) => flag === 'true' || flag === '1';

/** SMTP_URL, else SMTP_HOST with its port, TLS and login; none of them: no mail. */
function smtpSettings(parsed: z.infer<typeof EnvSchema>): SmtpSettings | undefined {
  if (parsed.SMTP_URL) {
    const url = new URL(parsed.SMTP_URL);
    const secure = url.protocol === 'smtps:';
    return {
      host: url.hostname,
      port: Number(url.port) || (secure ? 465 : 587),
      secure: parsed.SMTP_SECURE ? isOn(parsed.SMTP_SECURE) : secure,
      user: decodeURIComponent(url.username) || undefined,
      pass: decodeURIComponent(url.password) || undefined
    };
  }
  const host = parsed.SMTP_HOST?.trim();
  if (!host) return undefined;
  const secure = parsed.SMTP_SECURE ? isOn(parsed.SMTP_SECURE) : parsed.SMTP_PORT === 465;
  return {
    host,
    port: parsed.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    user: parsed.SMTP_USER?.trim() || undefined,
    pass: parsed.SMTP_PASS || undefined
  };
}

export function readConfig(env: NodeJS.ProcessEnv, version: string): ProxyConfig {
  const parsed = EnvSchema.parse(env);
  const providerKeys: Partial<Record<ProviderId, string>> = {};
  for (const id of providerIds) {
    const key = env[providerEndpoints[id].keyVariable]?.trim();
    if (key) providerKeys[id] = key;
  }
  const baseUrls = Object.fromEntries(
    providerIds.map((id) => {
      const { urlVariable, baseUrl } = providerEndpoints[id];
      return [id, env[urlVariable]?.trim() || baseUrl];
    })
  ) as Record<ProviderId, string>;
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    staticRoot: parsed.STATIC_ROOT,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    version,
    providerKeys,
    ai: {
      dataDir: parsed.DATA_DIR,
      usersFile: usersFilePath(env),
      usersEnv: parsed.AI_USERS,
      databaseUrl: parsed.DATABASE_URL?.trim() || undefined,
      defaultBudgetUsd: parsed.AI_MONTHLY_BUDGET_USD,
      ratePerMinute: parsed.AI_RATE_LIMIT_PER_MINUTE,
      upstreamTimeoutMs: parsed.AI_UPSTREAM_TIMEOUT_MS,
      jobTimeoutMs: parsed.AI_JOB_TIMEOUT_MS,
      waitMs: parsed.AI_WAIT_MS,
      uploadLimitBytes: parsed.AI_UPLOAD_LIMIT_BYTES,
      resultLimitBytes: parsed.AI_RESULT_LIMIT_BYTES,
      resultTtlDays: parsed.AI_RESULT_TTL_DAYS,
      resultOrigins: parsed.AI_RESULT_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean)
        .map((origin) => new URL(origin).origin),
      resultsDir: parsed.AI_RESULTS_DIR?.trim() || undefined,
      s3ResultsPrefix: parsed.S3_RESULTS_PREFIX,
      shutdownGraceMs: parsed.AI_SHUTDOWN_GRACE_MS,
      baseUrls
    },
    shares: {
      dir: parsed.SHARES_DIR?.trim() || undefined,
      s3: parsed.S3_BUCKET?.trim()
        ? {
            bucket: parsed.S3_BUCKET.trim(),
            endpoint: parsed.S3_ENDPOINT?.trim() || undefined,
            region: parsed.S3_REGION,
            prefix: parsed.S3_PREFIX,
            // Most S3-compatible servers want path-style URLs; AWS itself does not need them.
            forcePathStyle: parsed.S3_FORCE_PATH_STYLE
              ? isOn(parsed.S3_FORCE_PATH_STYLE)
              : Boolean(parsed.S3_ENDPOINT),
            ...(parsed.S3_ACCESS_KEY_ID && parsed.S3_SECRET_ACCESS_KEY
              ? {
                  credentials: {
                    accessKeyId: parsed.S3_ACCESS_KEY_ID,
                    secretAccessKey: parsed.S3_SECRET_ACCESS_KEY
                  }
                }
              : {})
          }
        : undefined,
      maxShareBytes: parsed.SHARE_MAX_BYTES,
      userQuotaBytes: parsed.SHARE_USER_QUOTA_BYTES
    },
    notify: {
      smtp: smtpSettings(parsed),
      from: parsed.NOTIFY_FROM,
      to: parsed.NOTIFY_TO,
      timeoutMs: parsed.SMTP_TIMEOUT_MS,
      ratePerHour: parsed.NOTIFY_RATE_LIMIT_PER_HOUR
    }
  };
}
