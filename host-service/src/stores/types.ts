import { randomBytes } from 'node:crypto';

/** What the service answers; stored so an idempotent retry gets the same answer back. */
export interface StoredResponse {
	status: number;
	body: Record< string, unknown >;
}

/**
 * 'site_full': this site holds as many live nonces as one site may (429 for that site only);
 * 'full': the whole store does (503 for everyone; it never forgets a live nonce).
 */
export type NonceVerdict = 'new' | 'seen' | 'site_full' | 'full';

/**
 * Per-site nonce memory. `remember` must be atomic: exactly one of several concurrent
 * callers with the same (site, nonce) gets 'new'.
 */
export interface NonceStore {
	remember: (
		site: string,
		nonce: string,
		ttlMs: number
	) => Promise< NonceVerdict >;
}

export type IdempotencyBegin =
	/**
	 * The caller owns the key. `recheck` is set when an earlier attempt with this key may
	 * have reached WordPress.com without its answer arriving (it ended answer-unknown, or its
	 * owner died): the caller must ask WordPress.com's status before provisioning again.
	 */
	| { kind: 'owner'; owner: string; recheck: { since: number } | null }
	| { kind: 'replay'; response: StoredResponse }
	| { kind: 'mismatch' }
	/** the site holds too many keys in flight (429 host_rate_limited) */
	| { kind: 'busy' }
	/** another attempt still holds the key after the wait deadline (retryable 504) */
	| { kind: 'in_progress' };

/**
 * How a key ends: `done` keeps the answer for replay, `forget` drops the key (retryable
 * failures, so the retry really asks again), `unknown` remembers that WordPress.com may have
 * acted, so the next attempt with the key checks first.
 */
export type FinishMode = 'done' | 'forget' | 'unknown';

/**
 * `begin` either makes the caller the owner of the key, or waits for the owner and
 * replays its answer. The owner must call `finish` with its `owner` token; a finish by
 * anyone else (e.g. an owner whose claim was taken over) changes nothing.
 */
export interface IdempotencyStore {
	begin: (
		site: string,
		key: string,
		fingerprint: string
	) => Promise< IdempotencyBegin >;
	finish: (
		site: string,
		key: string,
		owner: string,
		response: StoredResponse,
		mode: FinishMode
	) => Promise< void >;
}

/** What both idempotency stores keep under a key while its owner works on it… */
export interface PendingRecord {
	state: 'pending';
	fingerprint: string;
	/** random token of the claim's owner */
	owner: string;
	/** when the first attempt for this intent began (ms since the epoch) */
	startedAt: number;
}
/** …once the owner has its answer… */
export interface DoneRecord {
	state: 'done';
	fingerprint: string;
	response: StoredResponse;
}
/** …or when no answer came back and WordPress.com may have acted. */
export interface UnknownRecord {
	state: 'unknown';
	fingerprint: string;
	startedAt: number;
}
export type IdempotencyRecord = PendingRecord | DoneRecord | UnknownRecord;

export const IDEMPOTENCY_DONE_TTL_MS = 10 * 60_000;
/** An unknown outcome is kept for a day: the site retries with the key when its owner comes back. */
export const IDEMPOTENCY_UNKNOWN_TTL_MS = 24 * 3600_000;

export const newOwnerToken = (): string => randomBytes( 16 ).toString( 'hex' );

/**
 * The answer for a record someone already wrote under a key, when it does not say "wait":
 * another body under the same key is a mismatch, a finished request is replayed, an
 * unknown outcome is taken over with a recheck. Null for a live pending record.
 * @param record
 * @param fingerprint
 */
export function heldKeyAnswer(
	record: IdempotencyRecord,
	fingerprint: string
):
	| { kind: 'mismatch' }
	| { kind: 'replay'; response: StoredResponse }
	| { kind: 'takeover'; since: number }
	| null {
	if ( record.fingerprint !== fingerprint ) {
		return { kind: 'mismatch' };
	}
	if ( record.state === 'done' ) {
		return { kind: 'replay', response: record.response };
	}
	if ( record.state === 'unknown' ) {
		return { kind: 'takeover', since: record.startedAt };
	}
	return null;
}
