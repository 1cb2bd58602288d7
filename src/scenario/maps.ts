/**
 * Ids read from a file are keys of mappings, and a plain JavaScript object has
 * keys of its own: `constructor`, `toString`, `valueOf`, `hasOwnProperty`, ...
 * (Object.prototype's), and `__proto__`, whose assignment replaces the
 * prototype. A scenario's mappings are therefore null-prototype objects
 * (`withoutPrototypes`), and so are the maps built from ids (`mapOf`), so
 * `parties.constructor` or an issue named `toString` is an id like any other.
 */

/** A deep copy in which every plain object is a null-prototype object (arrays stay arrays; other values are shared). */
export function withoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPrototypes) as T;
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out = Object.create(null) as Record<string, unknown>;
  // defineProperty, not assignment: a "__proto__" key stays a key.
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: withoutPrototypes(v), enumerable: true, writable: true, configurable: true });
  return out as T;
}

/** An object with no prototype, built from entries (a "__proto__" key is a key like any other). */
export function mapOf<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}
