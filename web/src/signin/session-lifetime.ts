/**
 * A session's time: a new token through the refresh token before it expires (when the provider
 * granted one), a warning some minutes before it expires otherwise (or when renewing failed),
 * and the end at expiry.
 */
import { useEffect, useRef, useState } from 'react';
import type { Session } from '../api/session';
import { refreshSession, SignInError } from './oidc';

export const WARN_BEFORE_MS = 5 * 60_000;
export const REFRESH_BEFORE_MS = 60_000;
const MAX_TIMEOUT = 2 ** 31 - 1;

export type LifetimeWarning = { readonly kind: 'expiring' } | { readonly kind: 'refreshFailed'; readonly error: SignInError };

export function useSessionLifetime(
  session: Session | null,
  on: { readonly refreshed: (next: Session) => void; readonly expired: () => void },
): LifetimeWarning | null {
  const [warning, setWarning] = useState<LifetimeWarning | null>(null);
  // The latest callbacks, without restarting the timers when they change.
  const callbacks = useRef(on);
  callbacks.current = on;
  useEffect(() => {
    const refreshed = (next: Session) => callbacks.current.refreshed(next);
    const expired = () => callbacks.current.expired();
    setWarning(null);
    if (!session?.expiresAt) return;
    const expiresAt = Date.parse(session.expiresAt);
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    const at = (when: number, run: () => void) => timers.push(setTimeout(run, Math.max(0, Math.min(when - Date.now(), MAX_TIMEOUT))));
    let active = true;
    at(expiresAt, expired);
    if (session.oidc?.refreshToken) {
      // Halfway through a short-lived token at the latest, so a renewal never loops.
      const lead = Math.min(REFRESH_BEFORE_MS, Math.max(0, (expiresAt - Date.now()) / 2));
      at(expiresAt - lead, () => {
        refreshSession(session).then(
          (next) => active && refreshed(next),
          (error: unknown) =>
            active &&
            setWarning({
              kind: 'refreshFailed',
              error: error instanceof SignInError ? error : new SignInError('refresh_failed', String(error), String(error)),
            }),
        );
      });
    } else {
      at(expiresAt - WARN_BEFORE_MS, () => setWarning({ kind: 'expiring' }));
    }
    return () => {
      active = false;
      timers.forEach(clearTimeout);
    };
  }, [session]);
  return warning;
}
