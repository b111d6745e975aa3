import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { openScratchDb } from '../../../tests/support/test-db.ts';
import { waitFor } from '../../../tests/support/sse.ts';
import { EventHub } from './hub.ts';
import { eventsRepository } from './repository.ts';
import { EventStream, MAX_QUEUED_BYTES } from './stream.ts';

describe('an event stream whose client does not read', () => {
  let db: Db;
  let hub: EventHub;

  beforeAll(async () => {
    db = await openScratchDb();
    hub = new EventHub(db);
    await hub.start();
  });
  afterAll(async () => {
    await hub?.stop();
    await db?.close();
  });

  it('is dropped once it has queued its limit, and lets go of the hub', async () => {
    let closed = false;
    const stream = new EventStream(hub, eventsRepository(db), () => (closed = true));
    await stream.prepare(null);
    await stream.replay();
    expect(hub.subscriberCount).toBe(1);
    // Nobody reads `stream.body`. Enough new issues at once to pass the limit (an event is
    // a few hundred bytes).
    await db.query(
      `INSERT INTO issue (id, category, status, handling_level, reported_at, xiaoqu_code, geom)
       SELECT (SELECT max(id) FROM issue) + n, 'parking', 'open', 'xiaoqu', now(), 'XQ001',
              (SELECT label_point FROM area WHERE code = 'XQ001')
       FROM generate_series(1, $1::int) AS n`,
      [Math.ceil(MAX_QUEUED_BYTES / 250)],
    );
    await waitFor(() => closed, 'the stream to be dropped', 60_000);
    expect(hub.subscriberCount).toBe(0);
    expect(stream.body.writableEnded).toBe(true);
  });
});
