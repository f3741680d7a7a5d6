import { sha256Hex } from './signature.js';
import type { IdempotencyBegin, IdempotencyStore, NonceStore, StoredResponse } from './stores.js';
import type { RespClient, RespValue } from './resp-client.js';

function check(v: RespValue): RespValue {
	if (v instanceof Error) throw v;
	return v;
}

// Hashing the site keeps keys short and free of characters that confuse redis-cli users.
const siteTag = (site: string): string => sha256Hex(site).slice(0, 32);

/** SET NX PX is atomic across every instance sharing the Redis. */
export class RedisNonceStore implements NonceStore {
	constructor(
		private readonly redis: RespClient,
		private readonly prefix = 'jsc:',
	) {}

	async remember(site: string, nonce: string, ttlMs: number): Promise<'new' | 'seen' | 'full'> {
		const r = check(await this.redis.command(['SET', `${this.prefix}nonce:${siteTag(site)}:${nonce}`, '1', 'NX', 'PX', ttlMs]));
		return r === 'OK' ? 'new' : 'seen';
	}

	close(): Promise<void> {
		return this.redis.close();
	}
}

interface Entry {
	state: 'pending' | 'done';
	fingerprint: string;
	response?: StoredResponse;
}

/**
 * The owner claims the key with SET NX; other instances poll until the owner writes
 * the answer. A pending claim expires on its own, so a crashed owner cannot wedge a key.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
	constructor(
		private readonly redis: RespClient,
		private readonly pendingTtlMs: number,
		private readonly doneTtlMs = 10 * 60_000,
		private readonly pollMs = 50,
		private readonly prefix = 'jsc:',
	) {}

	private key(site: string, key: string): string {
		return `${this.prefix}idem:${siteTag(site)}:${key}`;
	}

	async begin(site: string, key: string, fingerprint: string): Promise<IdempotencyBegin> {
		const k = this.key(site, key);
		const pending: Entry = { state: 'pending', fingerprint };
		const deadline = Date.now() + this.pendingTtlMs + 1000;
		for (;;) {
			const set = check(await this.redis.command(['SET', k, JSON.stringify(pending), 'NX', 'PX', this.pendingTtlMs]));
			if (set === 'OK') return { kind: 'owner' };
			const raw = check(await this.redis.command(['GET', k]));
			if (typeof raw === 'string') {
				const e = JSON.parse(raw) as Entry;
				if (e.fingerprint !== fingerprint) return { kind: 'mismatch' };
				if (e.state === 'done' && e.response !== undefined) return { kind: 'replay', response: e.response };
			}
			// Pending elsewhere (or vanished between SET and GET): wait and look again.
			if (Date.now() > deadline) return { kind: 'owner' };
			await new Promise((r) => setTimeout(r, this.pollMs));
		}
	}

	async finish(site: string, key: string, fingerprint: string, response: StoredResponse, keep: boolean): Promise<void> {
		const k = this.key(site, key);
		if (!keep) {
			check(await this.redis.command(['DEL', k]));
			return;
		}
		const done: Entry = { state: 'done', fingerprint, response };
		check(await this.redis.command(['SET', k, JSON.stringify(done), 'PX', this.doneTtlMs]));
	}

	close(): Promise<void> {
		return this.redis.close();
	}
}
