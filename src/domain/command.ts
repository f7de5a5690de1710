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
  /** The company's calendar for due times and "today"; DEFAULT_CALENDAR when absent. */
  readonly calendar?: Calendar;
}

/** How the company counts time: its zone, when on a day things fall due, whether weekends count. */
export interface Calendar {
  /** IANA zone, e.g. Asia/Shanghai. */
  readonly zone: string;
  /** Local 'HH:mm' a step or task is due on its due date. */
  readonly dueTimeOfDay: string;
  /** Step due days count Monday to Friday only. */
  readonly businessDays: boolean;
}

export const DEFAULT_CALENDAR: Calendar = { zone: 'Asia/Shanghai', dueTimeOfDay: '18:00', businessDays: true };

export const ROLES = ['employee', 'manager', 'hr', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** A decided event before the ledger seals it. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}
