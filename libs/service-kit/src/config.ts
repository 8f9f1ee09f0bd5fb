import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings every service reads from its environment. */
export function baseConfigShape(defaultPort: number) {
  return {
    PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** Largest JSON body accepted, in the `bytes` package's notation (e.g. `16kb`). */
    JSON_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)?$/i, 'e.g. 16kb')
      .default('16kb'),
    /** Time between failing /readyz and closing the listener, so load balancers stop sending first. */
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
    /** Longest a graceful shutdown may take before open connections are cut. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  };
}

export type BaseConfig = z.infer<z.ZodObject<ReturnType<typeof baseConfigShape>>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against `schema` once, at start-up, so a bad setting stops the
 * service with a message that names the variable instead of failing later on first use.
 * Empty (or blank) variables count as unset, as they do in most deployment tools.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** `http://host:port` style URL, without a trailing slash. */
export const serviceUrl = z
  .url({ protocol: /^https?$/ })
  .transform((url) => url.replace(/\/+$/, ''));

/** A comma-separated list, e.g. `orange,apple`. */
export const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
