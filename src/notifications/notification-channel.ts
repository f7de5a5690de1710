/**
 * The port through which recorded reminders and stress/overtime alerts leave the system (an
 * alert's notification has kind `alert`, its alert id in `reminderId` and goes to HR by role;
 * the passages stay in the alert, which HR reads through the API, where the read is recorded). The ledger records a
 * notification first and delivers it afterwards, so delivery may be retried or repeated:
 * receivers should treat `id` as an idempotency key.
 */
export interface Notification {
  readonly id: string;
  readonly reminderId: string;
  readonly interviewId: string;
  readonly kind: string;
  readonly recipientIds: readonly string[];
  readonly recipientRoles: readonly string[];
  readonly message: { zh: string; en: string };
  readonly fireAt: string;
  readonly recordedAt: string;
}

export interface NotificationChannel {
  readonly name: string;
  deliver(notification: Notification): Promise<void>;
}

/**
 * Delivers to every channel; a failing channel is reported to onError and does not stop the
 * others. Channels run concurrently so that one slow webhook does not delay e-mail. A channel
 * that throws synchronously counts as failing, and an onError that throws is ignored rather
 * than allowed to abort the remaining deliveries.
 */
export async function deliverAll(
  channels: readonly NotificationChannel[],
  n: Notification,
  onError: (channel: string, error: unknown) => void,
): Promise<void> {
  await Promise.allSettled(
    channels.map((channel) =>
      Promise.resolve()
        .then(() => channel.deliver(n))
        .catch((error: unknown) => onError(channel.name, error)),
    ),
  );
}
