import { ConfigError, loadHubConfig } from './hub-config';

describe('loadHubConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadHubConfig({});
    expect(config).toMatchObject({ webhookAllowHttp: false, webhookAllowPrivate: false, deliveryRetryBaseMs: 30_000, deliveryMaxAttempts: 8, port: 3000, host: '127.0.0.1', dataDir: './.hub-data', logLevel: 'info', trendK: 3, redisPrefix: 'hub:', answerCacheBytes: 64 * 1024 * 1024, statementTimeoutMs: 15_000 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
    expect(config.firstAdmin).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid configuration: DATABASE_URL must be a URL like postgres://user:password@host:5432/database (got "mysql://x")'],
    [{ HOST: 'not a host' }, 'Invalid configuration: HOST must be a host name or an IP address, like 127.0.0.1 or 0.0.0.0 (got "not a host")'],
    [{ DATABASE_URL: 'postgress://hub:s3cret@db/hub' }, 'Invalid configuration: DATABASE_URL must be a URL like postgres://user:password@host:5432/database (got "postgress://hub:***@db/hub")'],
    [{ REDIS_URL: 'localhost:6379' }, 'Invalid configuration: REDIS_URL must be a URL like redis://127.0.0.1:6379 (got "localhost:6379")'],
    [{ HUB_REDIS_PREFIX: 'hub prod' }, 'Invalid configuration: HUB_REDIS_PREFIX must be at most 64 letters, digits and the characters _ . : - (got "hub prod")'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ HUB_JWT_SECRET: 'short' }, 'Invalid configuration: HUB_JWT_SECRET must be a secret of at least 32 characters (got "***")'],
    [{ HUB_ADMIN_EMAIL: 'admin@example.org' }, 'Invalid configuration: HUB_ADMIN_PASSWORD must be set together with the other HUB_ADMIN_* variable (it is not set)'],
    [{ HUB_ADMIN_EMAIL: 'not-an-email', HUB_ADMIN_PASSWORD: 'x' }, 'Invalid configuration: HUB_ADMIN_EMAIL must be an e-mail address (got "not-an-email")'],
    [{ HUB_STATEMENT_TIMEOUT_MS: '1.5' }, 'Invalid configuration: HUB_STATEMENT_TIMEOUT_MS must be an integer from 0 to 3600000 (got "1.5")'],
    [{ HUB_WEBHOOK_ALLOW_PRIVATE: 'yes' }, 'Invalid configuration: HUB_WEBHOOK_ALLOW_PRIVATE must be on or off (got "yes")'],
    [{ HUB_DELIVERY_RETRY_BASE_MS: '10' }, 'Invalid configuration: HUB_DELIVERY_RETRY_BASE_MS must be an integer from 100 to 3600000 (got "10")'],
    [{ HUB_SMTP_HOST: 'smtp.isac.example', HUB_SMTP_FROM: 'alerts@isac.example' }, 'Invalid configuration: HUB_PUBLIC_URL must be set when HUB_SMTP_HOST is set (e-mails come from it and link to the hub) (it is not set)'],
    [{ HUB_IMPORT_MAX_ACTIVE_JOBS: '-1' }, 'Invalid configuration: HUB_IMPORT_MAX_ACTIVE_JOBS must be an integer from 0 to 10000 (got "-1")'],
    [{ HUB_SMTP_TLS: 'ssl' }, 'Invalid configuration: HUB_SMTP_TLS must be starttls, tls or off (got "ssl")'],
    [{ HUB_METRICS: 'yes' }, 'Invalid configuration: HUB_METRICS must be on or off (got "yes")'],
    [{ HUB_METRICS: 'on' }, 'Invalid configuration: HUB_METRICS_TOKEN must be set (at least 32 characters) when HUB_METRICS is on (it is not set)'],
    [{ HUB_METRICS: 'on', HUB_METRICS_TOKEN: 'short-token' }, 'Invalid configuration: HUB_METRICS_TOKEN must be a secret of at least 32 characters (got "***")'],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadHubConfig(env)).toThrow(new ConfigError(message));
  });

  it('serves no metrics while HUB_METRICS is off, even with a token', () => {
    expect(loadHubConfig({ HUB_METRICS: 'off', HUB_METRICS_TOKEN: 'm'.repeat(32) }).metricsToken).toBeUndefined();
  });

  it.each(['localhost', '0.0.0.0', '10.1.2.3', '::', '::1', 'hub-1.internal.example'])('accepts HOST=%s', (host) => {
    expect(loadHubConfig({ HOST: host }).host).toBe(host);
  });

  it('reads every variable', () => {
    const config = loadHubConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://hub@db:5432/hub',
      HUB_DATA_DIR: '/var/lib/hub',
      REDIS_URL: 'redis://cache:6379',
      HUB_REDIS_PREFIX: 'isac-prod:',
      HUB_ADMIN_EMAIL: 'Admin@Example.org',
      HUB_ADMIN_PASSWORD: 'a long enough password',
      HUB_JWT_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'debug',
      HUB_TREND_K: '5',
      HUB_ANSWER_CACHE_MB: '0',
      HUB_STATEMENT_TIMEOUT_MS: '0',
      HUB_METRICS: 'on',
      HUB_METRICS_TOKEN: 'm'.repeat(32),
      HUB_WEBHOOK_ALLOW_HTTP: 'on',
      HUB_WEBHOOK_ALLOW_PRIVATE: 'on',
      HUB_DELIVERY_RETRY_BASE_MS: '250',
      HUB_DELIVERY_MAX_ATTEMPTS: '3',
      HUB_SMTP_HOST: 'smtp.isac.example',
      HUB_SMTP_PORT: '465',
      HUB_SMTP_USER: 'hub',
      HUB_SMTP_PASSWORD: 'smtp secret',
      HUB_SMTP_FROM: 'alerts@isac.example',
      HUB_SMTP_TLS: 'tls',
      HUB_PUBLIC_URL: 'https://hub.isac.example/',
      HUB_WARNINGLISTS: '/etc/hub/ours.json, https://lists.example.org/cdn.json',
      HUB_DEFAULT_WARNINGLISTS: 'off',
      HUB_CORRELATION_LIMIT: '50',
      HUB_SCORE_INTERVAL_SECONDS: '0',
      HUB_IMPORT_QUOTA_BYTES_PER_DAY: '1048576',
      HUB_IMPORT_MAX_ACTIVE_JOBS: '0',
      HUB_PUBLISH_EXTENSIONS: 'off',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://hub@db:5432/hub',
      dataDir: '/var/lib/hub',
      redisUrl: 'redis://cache:6379',
      redisPrefix: 'isac-prod:',
      firstAdmin: { email: 'admin@example.org', password: 'a long enough password' },
      jwtSecret: 'x'.repeat(40),
      logLevel: 'debug',
      trendK: 5,
      answerCacheBytes: 0,
      statementTimeoutMs: 0,
      metricsToken: 'm'.repeat(32),
      webhookAllowHttp: true,
      webhookAllowPrivate: true,
      deliveryRetryBaseMs: 250,
      deliveryMaxAttempts: 3,
      smtp: { host: 'smtp.isac.example', port: 465, user: 'hub', password: 'smtp secret', from: 'alerts@isac.example', tls: 'tls' },
      publicUrl: 'https://hub.isac.example',
      warninglists: ['/etc/hub/ours.json', 'https://lists.example.org/cdn.json'],
      defaultWarninglists: false,
      correlationLimit: 50,
      scoreIntervalSeconds: 0,
      importQuota: { bytesPerDay: 1048576, activeJobs: 0 },
      publishExtensions: false,
    });
  });

  it('refuses a warninglist source that is empty or not http(s) with one line naming the variable', () => {
    expect(() => loadHubConfig({ HUB_WARNINGLISTS: 'a.json,,b.json' })).toThrow(
      'Invalid configuration: HUB_WARNINGLISTS must be comma-separated file paths or http(s) URLs of MISP warninglist JSON files (got "a.json,,b.json")',
    );
    expect(() => loadHubConfig({ HUB_WARNINGLISTS: 'ftp://lists.example.org/x.json' })).toThrow(/HUB_WARNINGLISTS must be/);
    expect(loadHubConfig({}).warninglists).toEqual([]);
    expect(loadHubConfig({}).defaultWarninglists).toBe(true);
    expect(loadHubConfig({}).publishExtensions).toBe(true);
    expect(loadHubConfig({}).correlationLimit).toBe(20);
    expect(loadHubConfig({}).scoreIntervalSeconds).toBe(60);
    expect(loadHubConfig({}).importQuota).toEqual({ bytesPerDay: 10 * 1024 ** 3, activeJobs: 4 });
  });
});
