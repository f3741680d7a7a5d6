/**
 * One intent, one WordPress.com call: twenty simultaneous POST /provision from the same owner
 * (a double click, twenty tabs, a script retrying) reach WordPress.com exactly once, round
 * after round, whether WordPress.com answers at once or after five seconds. The others are
 * told a request is running (409), or get "requesting" (the one that queued the attempt: 202) or
 * the answer the first one stored (200).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
	NAMESPACE,
	debugLogMark,
	followStatus,
	freshSite,
	login,
	provisionCalls,
	rest,
	wpcomAnswers,
	writeResult,
} from './site';

const SIMULTANEOUS = 20;
const ROUNDS: Array< { name: string; delayMs: number } > = [
	{ name: 'fast', delayMs: 0 },
	{ name: 'fast', delayMs: 0 },
	{ name: '5 s', delayMs: 5000 },
];

/** A 200/202 carries "requesting" (an attempt is queued or running) or the stored answer. */
const ANSWER_STATES = [ 'awaiting_authorization', 'requesting' ];

test( `${ SIMULTANEOUS } simultaneous requests reach WordPress.com once, in every round`, async () => {
	const logs = debugLogMark();
	const rounds: Array< {
		name: string;
		calls: number;
		answered: number;
		busy: number;
		other: string[];
		final: string;
	} > = [];
	for ( const round of ROUNDS ) {
		await freshSite();
		await wpcomAnswers(
			round.delayMs ? 'slow' : 'case_b',
			round.delayMs ? { delay_ms: round.delayMs, then: 'case_b' } : {}
		);
		const admin = await login( 'admin' );
		const answers = await Promise.all(
			Array.from( { length: SIMULTANEOUS }, () =>
				rest( 'POST', `${ NAMESPACE }/provision`, {
					session: admin,
					body: { accept_terms: true },
				} )
			)
		);
		const state = ( a: { json: unknown } ) =>
			( a.json as { provisioning?: { state?: string } } )?.provisioning
				?.state;
		const final = await followStatus( { session: admin } );
		rounds.push( {
			name: round.name,
			calls: await provisionCalls(),
			answered: answers.filter(
				( a ) =>
					( a.status === 200 || a.status === 202 ) &&
					ANSWER_STATES.includes( String( state( a ) ) )
			).length,
			busy: answers.filter(
				( a ) =>
					a.status === 409 &&
					( a.json as { code?: string } ).code ===
						'jetpack_start_companion_busy'
			).length,
			other: answers
				.filter(
					( a ) =>
						! (
							( ( a.status === 200 || a.status === 202 ) &&
								ANSWER_STATES.includes(
									String( state( a ) )
								) ) ||
							( a.status === 409 &&
								( a.json as { code?: string } ).code ===
									'jetpack_start_companion_busy' )
						)
				)
				.map( ( a ) => `${ a.status } ${ a.text.slice( 0, 100 ) }` ),
			final: String( state( final ) ),
		} );
	}
	const notices = logs();
	const wrong = rounds.filter(
		( r ) =>
			r.calls !== 1 ||
			r.other.length > 0 ||
			r.final !== 'awaiting_authorization'
	);

	writeResult( 'concurrency', {
		cases: rounds.length,
		failures: wrong.length + notices.length,
		figures: {
			'simultaneous requests per round': SIMULTANEOUS,
			rounds: rounds.length,
			'WordPress.com calls per round': rounds
				.map( ( r ) => `${ r.calls } (${ r.name })` )
				.join( ', ' ),
			'answered with the current state (200, 202)': rounds
				.map( ( r ) => r.answered )
				.join( ', ' ),
			'told a request is running (409)': rounds
				.map( ( r ) => r.busy )
				.join( ', ' ),
			'PHP notices': notices.length,
		},
	} );

	assert.deepEqual(
		rounds.map( ( r ) => r.calls ),
		ROUNDS.map( () => 1 ),
		'WordPress.com calls per round'
	);
	assert.deepEqual(
		rounds.flatMap( ( r ) => r.other ),
		[]
	);
	assert.deepEqual( notices, [] );
} );
