/**
 * Freezes a value and everything it reaches. Used on values that several readers share (the
 * command handler's kept stream states, the read-model store's shared documents) while the
 * tests run, so that code which would change one in place throws there instead of changing
 * what the next reader gets.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
