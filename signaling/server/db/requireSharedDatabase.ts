import { ConfigError, type Config } from '../config';

/**
 * Several nodes (REDIS_URL) must share one system of record: an embedded database per node
 * would split accounts and the audit chain. Say so before anything starts.
 */
export function requireSharedDatabase<C extends Pick<Config, 'redisUrl' | 'databaseUrl' | 'databaseDir'>>(config: C): C {
  if (config.redisUrl && !config.databaseUrl) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_URL: required when REDIS_URL is set (several nodes share one PostgreSQL database), e.g. DATABASE_URL=postgres://screenshare:secret@db:5432/screenshare',
    );
  }
  return config;
}
