/** The value below which `fraction` of `values` fall (nearest rank); undefined when empty. */
export function percentile(values: readonly number[], fraction: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}

/** Milliseconds as the tables show them: whole from 10 ms up, one decimal below. */
export function ms(value: number | undefined): string {
  if (value === undefined) return '-';
  return value >= 10 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}
