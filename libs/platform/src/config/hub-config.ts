import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const urlWithScheme = (schemes: string[], example: string) =>
  optionalText.refine(
    (value) => value === undefined || schemes.some((scheme) => value.startsWith(`${scheme}://`)) && URL.canParse(value),
    { message: `a URL like ${example}` },
  );

const integerInRange = (min: number, max: number, fallback: number) =>
  optionalText
    .refine((value) => value === undefined || (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max), {
      message: `an integer from ${min} to ${max}`,
    })
    .transform((value) => (value === undefined ? fallback : Number(value)));

const onOff = optionalText
  .refine((value) => value === undefined || value === 'on' || value === 'off', { message: 'on or off' })
  .transform((value) => value === 'on');

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isHostOrAddress(value: string): boolean {
  return HOST_NAME.test(value) || (value.includes(':') && URL.canParse(`http://[${value}]/`));
}

/** An empty entry, or a URL of another scheme, is a typo: say so before anything starts. */
function warninglistSourceIssue(entry: string): string | undefined {
  if (entry === '') return 'empty entry';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return /^https?:\/\//i.test(entry) && URL.canParse(entry) ? undefined : 'not an http(s) URL';
  return undefined;
}

const hubConfigSchema = z
  .object({
    PORT: integerInRange(0, 65535, 3000),
    HOST: optionalText
      .refine((value) => value === undefined || isHostOrAddress(value), { message: 'a host name or an IP address, like 127.0.0.1 or 0.0.0.0' })
      .transform((value) => value ?? '127.0.0.1'),
    DATABASE_URL: urlWithScheme(['postgres', 'postgresql'], 'postgres://user:password@host:5432/database'),
    HUB_DATA_DIR: optionalText.transform((value) => value ?? './.hub-data'),
    REDIS_URL: urlWithScheme(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
    // Several hubs (or test runs) may share one Redis; each keeps its channels and keys under its own prefix.
    HUB_REDIS_PREFIX: optionalText
      .refine((value) => value === undefined || /^[A-Za-z0-9_.:-]{1,64}$/.test(value), {
        message: 'at most 64 letters, digits and the characters _ . : -',
      })
      .transform((value) => value ?? 'hub:'),
    HUB_ADMIN_EMAIL: optionalText.refine((value) => value === undefined || z.email().safeParse(value).success, {
      message: 'an e-mail address',
    }),
    HUB_ADMIN_PASSWORD: z.string().optional(),
    HUB_JWT_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, {
      message: 'a secret of at least 32 characters',
    }),
    LOG_LEVEL: optionalText
      .refine((value) => value === undefined || (LOG_LEVELS as readonly string[]).includes(value), {
        message: `one of ${LOG_LEVELS.join(', ')}`,
      })
      .transform((value) => (value ?? 'info') as (typeof LOG_LEVELS)[number]),
    HUB_TREND_K: integerInRange(2, 1000, 3),
    HUB_ANSWER_CACHE_MB: integerInRange(0, 65536, 64),
    HUB_STATEMENT_TIMEOUT_MS: integerInRange(0, 3_600_000, 15_000),
    HUB_METRICS: optionalText
      .refine((value) => value === undefined || value === 'on' || value === 'off', { message: 'on or off' })
      .transform((value) => value === 'on'),
    // Extra MISP-format warninglists: comma-separated file paths or http(s) URLs (read by libs/intel at start).
    HUB_WARNINGLISTS: optionalText
      .refine((value) => value === undefined || value.split(',').every((entry) => warninglistSourceIssue(entry.trim()) === undefined), {
        message: 'comma-separated file paths or http(s) URLs of MISP warninglist JSON files',
      })
      .transform((value) => (value === undefined ? [] : value.split(',').map((entry) => entry.trim()))),
    HUB_DEFAULT_WARNINGLISTS: optionalText
      .refine((value) => value === undefined || value === 'on' || value === 'off', { message: 'on or off' })
      .transform((value) => value !== 'off'),
    HUB_CORRELATION_LIMIT: integerInRange(1, 100_000, 20),
    // How often the hub brings decayed indicator scores up to date (libs/intel); 0: never (a bench or a test drives it).
    HUB_SCORE_INTERVAL_SECONDS: integerInRange(0, 86_400, 60),
    HUB_PUBLISH_EXTENSIONS: optionalText
      .refine((value) => value === undefined || value === 'on' || value === 'off', { message: 'on or off' })
      .transform((value) => value !== 'off'),
    HUB_METRICS_TOKEN: optionalText.refine((value) => value === undefined || value.length >= 32, {
      message: 'a secret of at least 32 characters',
    }),
    // Watch-filter webhooks go to HTTPS addresses on the internet; these widen that for tests and closed networks.
    HUB_WEBHOOK_ALLOW_HTTP: onOff,
    HUB_WEBHOOK_ALLOW_PRIVATE: onOff,
    HUB_DELIVERY_RETRY_BASE_MS: integerInRange(100, 3_600_000, 30_000),
    HUB_DELIVERY_MAX_ATTEMPTS: integerInRange(1, 20, 8),
    // Watch-filter e-mail: the operator's SMTP server; unset HUB_SMTP_HOST: no e-mail delivery.
    HUB_SMTP_HOST: optionalText.refine((value) => value === undefined || isHostOrAddress(value), { message: 'a host name or an IP address' }),
    HUB_SMTP_PORT: integerInRange(1, 65535, 587),
    HUB_SMTP_USER: optionalText,
    HUB_SMTP_PASSWORD: z.string().optional(),
    HUB_SMTP_FROM: optionalText.refine((value) => value === undefined || z.email().safeParse(value).success, { message: 'an e-mail address' }),
    HUB_SMTP_TLS: optionalText
      .refine((value) => value === undefined || ['starttls', 'tls', 'off'].includes(value), { message: 'starttls, tls or off' })
      .transform((value) => (value ?? 'starttls') as 'starttls' | 'tls' | 'off'),
    HUB_PUBLIC_URL: urlWithScheme(['https', 'http'], 'https://hub.isac.example'),
    // Per organisation, so that one member's uploads cannot fill the disk or the import queue for all; 0: no limit.
    HUB_IMPORT_QUOTA_BYTES_PER_DAY: integerInRange(0, Number.MAX_SAFE_INTEGER, 10 * 1024 ** 3),
    HUB_IMPORT_MAX_ACTIVE_JOBS: integerInRange(0, 10_000, 4),
  })
  .superRefine((env, ctx) => {
    // A half-configured first admin would silently create nobody; say so instead.
    if ((env.HUB_ADMIN_EMAIL === undefined) !== (env.HUB_ADMIN_PASSWORD === undefined)) {
      const missing = env.HUB_ADMIN_EMAIL === undefined ? 'HUB_ADMIN_EMAIL' : 'HUB_ADMIN_PASSWORD';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'set together with the other HUB_ADMIN_* variable' });
    }
    if (env.HUB_SMTP_HOST !== undefined) {
      for (const variable of ['HUB_SMTP_FROM', 'HUB_PUBLIC_URL'] as const) {
        if (env[variable] === undefined) ctx.addIssue({ code: 'custom', path: [variable], message: 'set when HUB_SMTP_HOST is set (e-mails come from it and link to the hub)' });
      }
    }
    // Metrics tell how busy the hub is and what it holds: never served to whoever asks.
    if (env.HUB_METRICS && env.HUB_METRICS_TOKEN === undefined) {
      ctx.addIssue({ code: 'custom', path: ['HUB_METRICS_TOKEN'], message: 'set (at least 32 characters) when HUB_METRICS is on' });
    }
  });

export interface HubConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  /** Put before every Redis channel and key this hub uses. */
  redisPrefix: string;
  firstAdmin?: { email: string; password: string };
  jwtSecret?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  trendK: number;
  /** Memory for repeated read answers (see the answer cache of libs/sharing); 0 turns it off. */
  answerCacheBytes: number;
  /** The statement timeout of every database query a request runs; 0: none. */
  statementTimeoutMs: number;
  /** GET /metrics (Prometheus text format), for a scraper sending this bearer token; undefined: off. */
  metricsToken?: string;
  /** Watch-filter webhooks: plain http:// URLs are accepted (default: HTTPS only). */
  webhookAllowHttp: boolean;
  /** Watch-filter webhooks: loopback, private, link-local and other non-public addresses are reached (default: refused). */
  webhookAllowPrivate: boolean;
  /** The first retry of a failed delivery waits about this long; each next one twice as long. */
  deliveryRetryBaseMs: number;
  /** A delivery that failed this many times is given up and listed as FAILED. */
  deliveryMaxAttempts: number;
  /** The operator's SMTP server for watch-filter e-mails; undefined: e-mail delivery is off. */
  smtp?: { host: string; port: number; user?: string; password?: string; from: string; tls: 'starttls' | 'tls' | 'off' };
  /** The hub's address as people open it (links in e-mails), without a trailing slash. */
  publicUrl?: string;
  /** Operator warninglists besides the defaults: file paths or http(s) URLs of MISP-format JSON. */
  warninglists: string[];
  /** Whether the hub's own warninglists (libs/intel-rules/lists) are in force; on unless turned off. */
  defaultWarninglists: boolean;
  /** A value shared by more objects than this (among those the viewer may read) stops correlating. */
  correlationLimit: number;
  /** Seconds between two passes of the score batch; 0 turns the timer off. */
  scoreIntervalSeconds: number;
  /**
   * Per organisation: bytes of uploads (after decompression) in any 24 hours, and import jobs
   * uploading, queued or running at once. 0: no limit.
   */
  importQuota: { bytesPerDay: number; activeJobs: number };
  /** Whether the hub publishes its extension-definitions (the patient-care extension) at start; on unless turned off. */
  publishExtensions: boolean;
}

export class ConfigError extends Error {}

/** Reads the environment once at start; a wrong value stops the start with one line naming the variable. */
export function loadHubConfig(env: Record<string, string | undefined>): HubConfig {
  const parsed = hubConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    const got = env[variable] === undefined ? 'it is not set' : `got ${JSON.stringify(printable(variable, env[variable]))}`;
    throw new ConfigError(`Invalid configuration: ${variable} must be ${issue.message} (${got})`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.HUB_DATA_DIR,
    redisUrl: values.REDIS_URL,
    redisPrefix: values.HUB_REDIS_PREFIX,
    firstAdmin:
      values.HUB_ADMIN_EMAIL && values.HUB_ADMIN_PASSWORD !== undefined
        ? { email: values.HUB_ADMIN_EMAIL.toLowerCase(), password: values.HUB_ADMIN_PASSWORD }
        : undefined,
    jwtSecret: values.HUB_JWT_SECRET,
    logLevel: values.LOG_LEVEL,
    trendK: values.HUB_TREND_K,
    answerCacheBytes: values.HUB_ANSWER_CACHE_MB * 1024 * 1024,
    statementTimeoutMs: values.HUB_STATEMENT_TIMEOUT_MS,
    metricsToken: values.HUB_METRICS ? values.HUB_METRICS_TOKEN : undefined,
    webhookAllowHttp: values.HUB_WEBHOOK_ALLOW_HTTP,
    webhookAllowPrivate: values.HUB_WEBHOOK_ALLOW_PRIVATE,
    deliveryRetryBaseMs: values.HUB_DELIVERY_RETRY_BASE_MS,
    deliveryMaxAttempts: values.HUB_DELIVERY_MAX_ATTEMPTS,
    smtp:
      values.HUB_SMTP_HOST && values.HUB_SMTP_FROM
        ? { host: values.HUB_SMTP_HOST, port: values.HUB_SMTP_PORT, user: values.HUB_SMTP_USER, password: values.HUB_SMTP_PASSWORD, from: values.HUB_SMTP_FROM, tls: values.HUB_SMTP_TLS }
        : undefined,
    publicUrl: values.HUB_PUBLIC_URL?.replace(/\/+$/, ''),
    warninglists: values.HUB_WARNINGLISTS,
    defaultWarninglists: values.HUB_DEFAULT_WARNINGLISTS,
    correlationLimit: values.HUB_CORRELATION_LIMIT,
    scoreIntervalSeconds: values.HUB_SCORE_INTERVAL_SECONDS,
    importQuota: { bytesPerDay: values.HUB_IMPORT_QUOTA_BYTES_PER_DAY, activeJobs: values.HUB_IMPORT_MAX_ACTIVE_JOBS },
    publishExtensions: values.HUB_PUBLISH_EXTENSIONS,
  };
}

/** The value as the error line may show it: never a secret, nor the password inside a URL. */
function printable(variable: string, value: string): string {
  if (variable.includes('PASSWORD') || variable.includes('SECRET') || variable.includes('TOKEN')) return '***';
  return variable.endsWith('_URL') ? value.replace(/^([^:/]*:\/\/[^:@/]*:)[^@/]*@/, '$1***@') : value;
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');
