/** A server that a family of test suites needs (MongoDB or NATS), found or started for the run. */
export interface Backend {
  /** Where the suites reach it; undefined when none could be had and the suites are skipped. */
  url?: string;
  /** Where it comes from, for the banner: "MONGO_URL", "FerretDB, started from ...". */
  source: string;
  /** Stops it if this run started it. */
  stop(): Promise<void>;
}

export const unavailable = (source: string): Backend => ({ source, stop: async () => {} });

export const givenByUser = (url: string, variable: string): Backend => ({
  url,
  source: `${variable} (yours, used as is)`,
  stop: async () => {},
});
