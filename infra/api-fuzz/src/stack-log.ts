/** A service's log line at error level, as the local stack formats it: `posts      | error ...`. */
const ERROR_LINE = /^\S+\s+\| (error|fatal) /;
/** What the stack prints when a service process ends without being asked to. */
const CRASH_LINE = /!!! exited unexpectedly/;
/**
 * The one error fuzzing is expected to cause: a fuzzed verdict on a comment that does not exist,
 * which comments refuses with 422 and the bus sets aside, as designed. Any other dead letter
 * means a subscriber refused an event the bus accepted: their schemas disagree.
 */
const EXPECTED_ERROR =
  /^event-bus\s+\| error event dead-lettered subscriber=comments seq=\d+ reason=answered 422: Comment \S+ does not exist$/;

/**
 * The lines of the services' logs that say something went wrong which the HTTP answers may not
 * show: a crash, a 5xx, an outbox relay whose events the bus refused, an unreadable log.
 */
export function unexpectedErrors(lines: readonly string[]): string[] {
  return lines.filter(
    (line) => CRASH_LINE.test(line) || (ERROR_LINE.test(line) && !EXPECTED_ERROR.test(line)),
  );
}
