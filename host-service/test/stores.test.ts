import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPlanPolicy } from '../src/lib/plan-policy.js';
import { MemoryIdempotencyStore } from '../src/stores/memory-idempotency.js';
import { MemoryNonceStore } from '../src/stores/memory-nonce.js';
import type { IdempotencyBegin } from '../src/stores/types.js';

/**
 * The owner token of a `begin` that must have made the caller the owner.
 * @param b
 */
export const ownerOf = ( b: IdempotencyBegin ): string => {
	assert.equal( b.kind, 'owner' );
	return b.kind === 'owner' ? b.owner : '';
};

describe( 'units', () => {
	it( 'plan policy: default plan, allow-list, refusal', () => {
		const p = defaultPlanPolicy( 'jetpack-backup-daily', [
			'jetpack-scan',
		] );
		const ctx = { site: 's', localUser: 'u' };
		assert.deepEqual( p( null, ctx ), {
			ok: true,
			plan: 'jetpack-backup-daily',
		} );
		assert.deepEqual( p( 'jetpack-scan', ctx ), {
			ok: true,
			plan: 'jetpack-scan',
		} );
		assert.equal(
			( p( 'professional', ctx ) as { ok: boolean } ).ok,
			false
		);
	} );

	it( 'memory nonce store: per site, expires, bounded overall (fails closed)', async () => {
		let t = 0;
		const s = new MemoryNonceStore( { maxEntries: 2, now: () => t } );
		assert.equal( await s.remember( 'a', 'n1', 600_000 ), 'new' );
		assert.equal( await s.remember( 'a', 'n1', 600_000 ), 'seen' );
		assert.equal( await s.remember( 'b', 'n1', 600_000 ), 'new' );
		assert.equal( await s.remember( 'a', 'n2', 600_000 ), 'full' );
		t = 599_000;
		assert.equal( await s.remember( 'a', 'n1', 600_000 ), 'seen' );
		t = 602_000;
		assert.equal( await s.remember( 'a', 'n1', 600_000 ), 'new' );
		assert.equal( s.size, 1 );
	} );

	it( 'memory nonce store: a site over its share refuses only itself (issue 6 #14)', async () => {
		const s = new MemoryNonceStore( { maxEntries: 10, maxPerSite: 4 } );
		const verdicts: string[] = [];
		for ( let i = 0; i < 20; i++ ) {
			verdicts.push( await s.remember( 'noisy', `n${ i }`, 660_000 ) );
		}
		assert.deepEqual( verdicts.slice( 0, 4 ), [
			'new',
			'new',
			'new',
			'new',
		] );
		assert.ok( verdicts.slice( 4 ).every( ( v ) => v === 'site_full' ) );
		for ( let i = 0; i < 6; i++ ) {
			assert.equal(
				await s.remember( `quiet-${ i }`, 'n', 660_000 ),
				'new'
			);
		}
		assert.equal( s.size, 10 );
	} );

	it( 'memory idempotency store: waits, replays, expires, forgets, remembers unknown outcomes, only the owner finishes', async () => {
		let t = 0;
		const s = new MemoryIdempotencyStore( {
			doneTtlMs: 1000,
			unknownTtlMs: 5000,
			maxEntries: 10,
			now: () => t,
		} );
		const owner = ownerOf( await s.begin( 'a', 'k', 'f' ) );
		const waiter = s.begin( 'a', 'k', 'f' );
		assert.deepEqual( await s.begin( 'a', 'k', 'other' ), {
			kind: 'mismatch',
		} );
		await s.finish(
			'a',
			'k',
			'not-the-owner',
			{ status: 500, body: {} },
			'done'
		);
		await s.finish(
			'a',
			'k',
			owner,
			{ status: 200, body: { x: 1 } },
			'done'
		);
		assert.deepEqual( await waiter, {
			kind: 'replay',
			response: { status: 200, body: { x: 1 } },
		} );
		t = 1001;
		const again = ownerOf( await s.begin( 'a', 'k', 'f' ) );
		await s.finish( 'a', 'k', again, { status: 502, body: {} }, 'forget' );
		t = 1500;
		const third = await s.begin( 'a', 'k', 'f' );
		assert.deepEqual( third.kind === 'owner' && third.recheck, null );
		await s.finish(
			'a',
			'k',
			ownerOf( third ),
			{ status: 504, body: {} },
			'unknown'
		);
		// The next attempt with the key must check WordPress.com first, since the first one began.
		t = 4000;
		const fourth = await s.begin( 'a', 'k', 'f' );
		assert.deepEqual( fourth.kind === 'owner' && fourth.recheck, {
			since: 1500,
		} );
	} );

	it( "memory idempotency store: one site cannot evict another site's answers", async () => {
		const s = new MemoryIdempotencyStore( {
			maxEntries: 5,
			maxPerSite: 2,
		} );
		const answer = { status: 200, body: { site: 'b' } };
		await s.finish(
			'b',
			'k',
			ownerOf( await s.begin( 'b', 'k', 'f' ) ),
			answer,
			'done'
		);
		for ( let i = 0; i < 10; i++ ) {
			const o = ownerOf( await s.begin( 'a', `k${ i }`, 'f' ) );
			await s.finish(
				'a',
				`k${ i }`,
				o,
				{ status: 200, body: {} },
				'done'
			);
		}
		assert.equal( s.size, 3 ); // b's one and a's two newest
		assert.deepEqual( await s.begin( 'b', 'k', 'f' ), {
			kind: 'replay',
			response: answer,
		} );
		// With all of its slots in flight, the site is refused rather than evicting anyone.
		ownerOf( await s.begin( 'c', 'p1', 'f' ) );
		ownerOf( await s.begin( 'c', 'p2', 'f' ) );
		assert.deepEqual( await s.begin( 'c', 'p3', 'f' ), { kind: 'busy' } );
	} );
} );
