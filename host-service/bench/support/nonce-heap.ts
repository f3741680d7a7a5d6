/**
 * Run with --expose-gc by bench/nonce-memory.ts: the heap one live nonce costs in the
 * in-memory nonce store, the nonce strings included (as the store keeps the header value).
 * Prints {bytesPerNonce} as JSON.
 *   nonce-heap.ts <nonces> <sites>
 */
import { randomBytes } from 'node:crypto';
import { MemoryNonceStore } from '../../src/stores/memory-nonce.js';

const [ n = '500000', sites = '1000' ] = process.argv.slice( 2 );
const count = Number( n );
const gc = ( globalThis as { gc?: () => void } ).gc;
if ( gc === undefined ) {
	throw new Error( 'run with --expose-gc' );
}
const siteNames = Array.from(
	{ length: Number( sites ) },
	( _x, i ) => `https://site-${ i }.example.test`
);
const store = new MemoryNonceStore( { maxEntries: count, maxPerSite: count } );
gc();
const before = process.memoryUsage().heapUsed;
for ( let i = 0; i < count; i++ ) {
	// A fresh string per nonce, as each request's header is.
	await store.remember(
		siteNames[ i % siteNames.length ] ?? '',
		randomBytes( 16 ).toString( 'hex' ),
		660_000
	);
}
gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(
	JSON.stringify( {
		bytesPerNonce: ( after - before ) / count,
		held: store.size,
	} )
);
