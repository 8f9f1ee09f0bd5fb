/**
 * Turns the services' JSON log lines (pino) into one short line each for a terminal:
 * `posts      | info  POST /posts 201 3ms`. Errors keep every field and the whole stack, because
 * that is when the details matter. Lines that are not JSON (a crash on start) pass as they are.
 */

const NAME_WIDTH = 'moderation'.length;
const LEVEL_WIDTH = 'error'.length;
/** Fields every line has, or that the prefix already shows. */
const COMMON_FIELDS = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname']);

interface PinoLine {
  level?: unknown;
  msg?: unknown;
  req?: { method?: unknown; url?: unknown };
  res?: { statusCode?: unknown };
  responseTime?: unknown;
  err?: unknown;
  [field: string]: unknown;
}

/** `posts      | `: the column that tells whose line it is. */
export function prefix(source: string): string {
  return `${source.padEnd(NAME_WIDTH)} | `;
}

export function formatLogLine(source: string, line: string): string {
  const entry = parseJsonObject(line);
  if (!entry) return prefix(source) + line;
  const level = typeof entry.level === 'string' ? entry.level : 'info';
  const head = `${prefix(source)}${level.padEnd(LEVEL_WIDTH)} `;
  if (level === 'error' || level === 'fatal') return head + describeInFull(entry);
  if (entry.req && entry.res) return head + describeRequest(entry);
  return head + [asText(entry.msg), ...extraFields(entry)].join(' ');
}

function describeRequest({ req, res, responseTime }: PinoLine): string {
  const time = typeof responseTime === 'number' ? ` ${responseTime}ms` : '';
  return `${String(req?.method)} ${String(req?.url)} ${String(res?.statusCode)}${time}`;
}

/** `key=value` for every field that is not on every line. */
function extraFields(entry: PinoLine): string[] {
  return Object.entries(entry)
    .filter(([field]) => !COMMON_FIELDS.has(field))
    .map(
      ([field, value]) => `${field}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
    );
}

function describeInFull({ err, ...entry }: PinoLine): string {
  const summary = [asText(entry.msg), ...extraFields(entry)].join(' ');
  const text = err === undefined ? summary : `${summary}\n${describeError(err)}`;
  // Continuation lines start under the message, so the service column stays readable.
  return text.split('\n').join(`\n${' '.repeat(NAME_WIDTH + 3 + LEVEL_WIDTH + 1)}`);
}

/** pino serialises errors as `{ type, message, stack, ...own fields }`; the stack says the most. */
function describeError(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const { stack } = err as { stack?: unknown };
  if (typeof stack !== 'string') return JSON.stringify(err, null, 2);
  // The stack's first line is `type: message` already; what is left are the error's own fields.
  const fields = Object.entries(err).filter(([key]) => !['stack', 'message', 'type'].includes(key));
  return fields.length > 0
    ? `${stack}\n${JSON.stringify(Object.fromEntries(fields), null, 2)}`
    : stack;
}

function asText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseJsonObject(line: string): PinoLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as PinoLine) : undefined;
  } catch {
    return undefined;
  }
}
