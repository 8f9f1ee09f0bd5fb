// Tests read logs only when they fail; keep service logs quiet unless asked for.
process.env.LOG_LEVEL ??= 'silent';
