// Sends identify, page, track and alias calls with Segment's own Node.js client to the Rapport at RAPPORT_URL,
// then flushes. Exits non-zero if any call fails to deliver.
import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({
  writeKey: process.env.RAPPORT_WRITE_KEY,
  host: process.env.RAPPORT_URL,
  flushAt: 3,
  maxRetries: 2,
});

const failures = [];
analytics.on('error', (error) => failures.push(error));

analytics.page({
  anonymousId: 'node-anon-1',
  name: 'Pricing',
  properties: { url: 'https://rapport.example/pricing' },
  timestamp: new Date('2026-03-01T09:00:00Z'),
});
analytics.identify({
  userId: 'node-user-1',
  anonymousId: 'node-anon-1',
  traits: { name: 'Node Dev', email: 'Node.Dev@Example.com', github: 'NodeDev', company: 'Globex' },
  timestamp: new Date('2026-03-01T10:00:00Z'),
});
analytics.track({ userId: 'node-user-1', event: 'Signed Up', timestamp: new Date('2026-03-01T10:05:00Z') });
analytics.track({
  userId: 'node-user-1',
  event: 'API Called',
  properties: { endpoint: '/v1/items', status: 200 },
  timestamp: new Date('2026-03-03T10:00:00Z'),
});
analytics.alias({ userId: 'node-user-1', previousId: 'legacy-device-7', timestamp: new Date('2026-03-03T11:00:00Z') });

await analytics.closeAndFlush({ timeout: 20000 });
if (failures.length > 0) {
  console.error(JSON.stringify(failures.map((f) => String(f?.reason ?? f?.message ?? f))));
  process.exit(1);
}
console.log('delivered');
