import type { Configuration } from 'electron-builder';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';

/**
 * electron-builder's own check of a configuration (its JSON schema plus its extra rules), the
 * one `electron-builder` runs before building: done right after generating, so `--config-only`
 * and an offline machine learn about a mistake before any download is attempted.
 */
export async function validateBuilderConfig(config: Configuration): Promise<void> {
  await validateConfiguration(JSON.parse(JSON.stringify(config)) as Configuration, new DebugLogger(false));
}
