/** What every command carries besides its data. Built by the API from the token, the socket and the injected clock. */
export interface CommandMeta {
  /** Person id of the actor. */
  readonly actor: string;
  readonly roles: readonly Role[];
  readonly ip: string;
  readonly userAgent?: string;
  /** UTC ISO-8601 instant from the injected clock. */
  readonly now: string;
  /** Unique id of this command; event ids derive from it. */
  readonly commandId: string;
}

export const ROLES = ['employee', 'manager', 'hr', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

export const hasAnyRole = (meta: Pick<CommandMeta, 'roles'>, ...roles: Role[]): boolean =>
  meta.roles.some((role) => roles.includes(role));

/** A decided event before the ledger seals it. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}
