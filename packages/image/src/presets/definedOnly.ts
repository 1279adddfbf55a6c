/**
 * The entries of `o` whose value is not undefined, so that `{ ...defaults, ...definedOnly({ steps: undefined }) }`
 * keeps the default (CLI flags that were not given arrive as undefined).
 */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
