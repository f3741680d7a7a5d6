import { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
const t0 = Date.now();
const pg = await PGlite.create('/tmp/fleet-proto/data');
console.log('pglite up', Date.now()-t0);
const db = { executeSql: async (text: string, values?: unknown[]) => {
  if (!values || values.length === 0) {
    const rs = await pg.exec(text);
    return { rows: rs.length ? rs[rs.length-1].rows : [] };
  }
  return await pg.query(text, values as any[]);
}};
const boss = new PgBoss({ db, schema: 'jsc_boss', supervise: true, schedule: true });
boss.on('error', e => console.error('boss error', e));
await boss.start();
console.log('boss started', Date.now()-t0);
await boss.createQueue('q1', { name: 'q1', policy: 'standard', retryLimit: 3 });
const ids = [];
for (let i=0;i<200;i++) ids.push({ name: 'q1', data: { i }, singletonKey: 'k'+(i%150) });
const t1 = Date.now();
await boss.insert(ids as any);
console.log('insert 200', Date.now()-t1);
let n = 0; const t2 = Date.now();
await new Promise<void>(async res => {
  await boss.work('q1', { batchSize: 20, pollingIntervalSeconds: 0.5 }, async (jobs) => { n += jobs.length; if (n >= 150) res(); });
});
console.log('worked', n, Date.now()-t2);
await boss.stop({ graceful: true, wait: true });
await pg.close();
