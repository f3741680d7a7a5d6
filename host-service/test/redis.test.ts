import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RedisIdempotencyStore, RedisNonceStore } from '../src/redis-stores.js';
import { RespClient } from '../src/resp-client.js';
import { call, provisionBody, provisionCalls, startStack } from './helpers.js';

const REDIS = '/usr/bin/redis-server';

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const a = srv.address();
			const port = typeof a === 'object' && a !== null ? a.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

describe('Redis stores', { skip: existsSync(REDIS) ? false : 'redis-server not installed' }, () => {
	let server: ChildProcess;
	let url = '';
	const clients: RespClient[] = [];
	const client = (): RespClient => {
		const c = new RespClient(url);
		clients.push(c);
		return c;
	};

	before(async () => {
		const port = await freePort();
		url = `redis://127.0.0.1:${port}/0`;
		server = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
		for (let i = 0; i < 50; i++) {
			try {
				const c = new RespClient(url);
				const pong = await c.command(['PING']);
				await c.close();
				if (pong === 'PONG') return;
			} catch {
				await new Promise((r) => setTimeout(r, 50));
			}
		}
		throw new Error('redis did not start');
	});
	after(async () => {
		for (const c of clients) await c.close();
		server.kill('SIGTERM');
	});

	it('nonces are shared across instances (SET NX PX)', async () => {
		const a = new RedisNonceStore(client());
		const b = new RedisNonceStore(client());
		const results = await Promise.all([a.remember('site', 'n1', 600_000), b.remember('site', 'n1', 600_000)]);
		assert.deepEqual(results.sort(), ['new', 'seen']);
		assert.equal(await a.remember('other-site', 'n1', 600_000), 'new');
		assert.equal(await a.remember('site', 'short', 30), 'new');
		await new Promise((r) => setTimeout(r, 60));
		assert.equal(await b.remember('site', 'short', 30), 'new');
	});

	it('idempotency across two service instances: one upstream call, replay, mismatch', async () => {
		const s1 = await startStack({
			deps: { nonceStore: new RedisNonceStore(client()), idempotencyStore: new RedisIdempotencyStore(client(), 5000, 60_000, 20) },
			sim: { scenarios: { '*': { scenario: 'slow', delay_ms: 150, then: 'case_b' } } },
		});
		// Second instance talks to the same simulator and the same Redis.
		const s2 = await startStack({
			config: { wpcomBaseUrl: s1.sim.url },
			deps: { nonceStore: new RedisNonceStore(client()), idempotencyStore: new RedisIdempotencyStore(client(), 5000, 60_000, 20) },
		});
		try {
			const SITE = 'https://redis.example.test';
			const body = provisionBody(SITE);
			const headers = { 'idempotency-key': 'redis-key-0001' };
			const [x, y] = await Promise.all([call(s1.url, { site: SITE, body, headers }), call(s2.url, { site: SITE, body, headers })]);
			assert.equal(x.status, 200);
			assert.equal(y.status, 200);
			assert.equal(x.json['next_url'], y.json['next_url']);
			assert.equal(provisionCalls(s1.sim, SITE).length, 1);
			const reused = await call(s2.url, { site: SITE, body: provisionBody(SITE, { local_user: 'x' }), headers });
			assert.equal(reused.json['error_code'], 'host_idempotency_key_reused');
			// A nonce accepted by one instance is a replay on the other.
			const nonce = 'abcdef0123456789abcdef0123456789';
			await call(s1.url, { site: SITE, method: 'GET', path: '/v1/status', nonce });
			const replay = await call(s2.url, { site: SITE, method: 'GET', path: '/v1/status', nonce });
			assert.equal(replay.json['error_code'], 'host_replayed_nonce');
		} finally {
			await s2.app.close();
			await s2.sim.close();
			await s1.close();
		}
	});
});
