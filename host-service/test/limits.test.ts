import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryNonceStore } from '../src/stores/memory-nonce.js';
import {
	callProvision,
	expectServiceError,
	newNonce,
	provisionBody,
	upstreamCalls,
	withStack,
	type SignOptions,
} from './helpers.js';

const SITE = 'https://verify.example.test';

// The memory behind replay protection and the per-site budget: bounded, and shared fairly.
describe( 'nonce memory and per-site budgets (issue 6 #14)', () => {
	it( 'a nonce is remembered for the whole timestamp window: a replay 601 s after first use is refused', async () => {
		let t = 1_700_000_000_000;
		const now = (): number => t;
		const deps = {
			now,
			nonceStore: new MemoryNonceStore( { maxEntries: 10, now } ),
		};
		await withStack( { deps }, async ( stack ) => {
			// First used at the window's early edge (timestamp 300 s ahead of the clock)…
			const o = {
				body: provisionBody( SITE, { local_user: '' } ),
				nonce: newNonce(),
				timestamp: t / 1000 + 300,
			};
			expectServiceError(
				await callProvision( stack.url, SITE, o ),
				400,
				'host_invalid_request'
			);
			// …and replayed at its late edge, 600.999 s later: the timestamp still passes.
			t += 600_999;
			expectServiceError(
				await callProvision( stack.url, SITE, o ),
				401,
				'host_replayed_nonce'
			);
			expectServiceError(
				await callProvision( stack.url, SITE, {
					...o,
					nonce: newNonce(),
				} ),
				400,
				'host_invalid_request'
			);
			assert.deepEqual( upstreamCalls( stack.sim ), [] );
		} );
	} );
	it( 'per-site budget: only the site over it gets 429 host_rate_limited, and it fills no nonce store', async () => {
		await withStack(
			{
				config: { siteRatePerMinute: 2 },
				deps: { nonceStore: new MemoryNonceStore( { maxEntries: 3 } ) },
			},
			async ( stack ) => {
				const noisy = 'https://noisy.example.test';
				const refusedBody = (
					site: string
				): Partial< SignOptions > => ( {
					body: provisionBody( site, { local_user: '' } ),
				} );
				for ( let i = 0; i < 2; i++ ) {
					expectServiceError(
						await callProvision(
							stack.url,
							noisy,
							refusedBody( noisy )
						),
						400,
						'host_invalid_request'
					);
				}
				for ( let i = 0; i < 3; i++ ) {
					const a = await callProvision(
						stack.url,
						noisy,
						refusedBody( noisy )
					);
					expectServiceError( a, 429, 'host_rate_limited' );
					assert.equal( a.json.retryable, true );
				}
				// The store (room for 3) still has room for another site.
				expectServiceError(
					await callProvision( stack.url, SITE, refusedBody( SITE ) ),
					400,
					'host_invalid_request'
				);
				assert.deepEqual( upstreamCalls( stack.sim ), [] );
			}
		);
	} );
	it( 'one noisy site fills only its own share of the nonce memory: the others are still served (issue 6 #14)', async () => {
		await withStack(
			{
				// A host that raised the per-site rate far beyond any real site's need.
				config: {
					siteRatePerMinute: 1_000_000,
					nonceMemoryMax: 10,
					nonceMemoryPerSite: 4,
				},
			},
			async ( stack ) => {
				const noisy = 'https://flood.example.test';
				const refusedBody = (
					site: string
				): Partial< SignOptions > => ( {
					body: provisionBody( site, { local_user: '' } ),
				} );
				const codes: unknown[] = [];
				for ( let i = 0; i < 12; i++ ) {
					codes.push(
						(
							await callProvision(
								stack.url,
								noisy,
								refusedBody( noisy )
							)
						).json.error_code
					);
				}
				assert.deepEqual(
					codes.slice( 0, 4 ),
					Array( 4 ).fill( 'host_invalid_request' )
				);
				assert.deepEqual(
					codes.slice( 4 ),
					Array( 8 ).fill( 'host_rate_limited' )
				);
				for ( let i = 0; i < 6; i++ ) {
					const other = `https://quiet-${ i }.example.test`;
					expectServiceError(
						await callProvision(
							stack.url,
							other,
							refusedBody( other )
						),
						400,
						'host_invalid_request'
					);
				}
				assert.deepEqual( upstreamCalls( stack.sim ), [] );
			}
		);
	} );
	it( 'nonce store full: 503 host_overloaded, retryable, nothing sent upstream', async () => {
		await withStack(
			{ deps: { nonceStore: new MemoryNonceStore( { maxEntries: 0 } ) } },
			async ( stack ) => {
				const a = await callProvision( stack.url, SITE );
				expectServiceError( a, 503, 'host_overloaded' );
				assert.equal( a.json.retryable, true );
				assert.deepEqual( upstreamCalls( stack.sim ), [] );
			}
		);
	} );
} );
