/** Events no projection takes up: drafts for `app.ledger.append` that only make the log longer. */
export const probes = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const id = `probe-${process.hrtime.bigint()}-${i}`;
    return {
      id,
      type: 'OpsProbe',
      data: { i },
      meta: { actor: 'system', roles: [], ip: '127.0.0.1', at: new Date().toISOString(), commandId: id },
    };
  });
