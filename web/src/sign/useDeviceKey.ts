/** The signed-in person's key on this device (IndexedDB), loaded once and reloaded on demand. */
import { useCallback, useEffect, useState } from 'react';
import { deviceKeyStorage, type DeviceKey, type KeyStorage } from './keystore';

export interface DeviceKeyState {
  readonly key: DeviceKey | null;
  readonly loading: boolean;
  /** Reading the browser's storage failed (private mode, storage switched off…). */
  readonly error: Error | null;
  reload(): void;
  readonly storage: KeyStorage;
}

export function useDeviceKey(personId: string, storage: KeyStorage = deviceKeyStorage()): DeviceKeyState {
  const [key, setKey] = useState<DeviceKey | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    storage.get(personId).then(
      (found) => {
        if (!live) return;
        setKey(found);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!live) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [personId, storage, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { key, loading, error, reload, storage };
}
