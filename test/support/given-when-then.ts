import type { Decider } from '../../src/application/command-handler';
import type { CommandMeta, DomainEvent } from '../../src/domain/command';

/** The sealed time given events are folded with (evolve takes it from meta.at). */
export const GIVEN_AT = '2026-01-01T00:00:00.000Z';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Given/When/Then specifications for a Decider (after emmett's DeciderSpecification):
 *
 *   const spec = specFor(interviewDecider);
 *   spec.given([scheduled]).when(edit).then([edited]);
 *   spec.given([]).when(edit).thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
 *
 * State and command are deep-frozen, so a decider that mutates either fails the spec.
 */
export function specFor<C extends { meta: CommandMeta }, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given: (events: readonly E[] = [], at = GIVEN_AT) => ({
      when: (command: C) => {
        const decide = (): E[] => {
          const state = events.reduce((s, e) => decider.evolve(s, e, at), decider.initialState());
          return decider.decide(deepFreeze(command), deepFreeze(state));
        };
        return {
          then: (expected: readonly E[]): void => {
            expect(decide()).toStrictEqual(expected);
          },
          thenThrows: (errorClass: ErrorClass, code?: string, field?: string): void => {
            let produced: E[] | undefined;
            let error: unknown;
            try {
              produced = decide();
            } catch (caught) {
              error = caught;
            }
            if (produced) throw new Error(`expected ${errorClass.name}, but decide returned ${JSON.stringify(produced)}`);
            const {
              code: actualCode,
              field: actualField,
              message,
            } = (error ?? {}) as { code?: unknown; field?: unknown; message?: unknown };
            // One comparison, so that a failure shows the class, code, field and message together.
            expect({ error, code: actualCode, field: actualField, message }).toMatchObject({
              error: expect.any(errorClass),
              ...(code !== undefined ? { code } : {}),
              ...(field !== undefined ? { field } : {}),
            });
          },
        };
      },
    }),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
