/**
 * app.close() (what SIGTERM ends with) lets the projector and the Merkle log take in every
 * committed event before it stores their state: the next start has nothing to catch up.
 */
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { CHECKPOINT_NAME } from '../../src/projections/projector';
import { createLogger } from '../../src/server/logger';
import { openTestApp } from '../support/test-app';
import { probes } from '../support/probes';

it('closes only once the read models and the Merkle log hold the last committed event', async () => {
  const { app, dataDir } = await openTestApp();
  // Appends that nobody waits for: the followers are still behind when close begins.
  await Promise.all(Array.from({ length: 20 }, (_, i) => app.ledger.append(`ops-close-${i}`, null, probes(200))));
  const head = await app.store.headPosition();
  expect(await app.store.countAfter(app.projector.checkpoint, 10_000)).toBeGreaterThan(0);
  await app.close();

  const again = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0' }), {
    startProjector: false,
    log: createLogger({ level: 'silent', format: 'json' }),
  });
  try {
    expect(await again.store.headPosition()).toBe(head);
    expect(await again.readModels.checkpoint(CHECKPOINT_NAME)).toBe(head);
    expect(await again.projector.catchUp()).toBe(0);
    expect(await again.merkle.catchUp()).toBe(0);
  } finally {
    await again.close();
  }
});
