/**
 * Faults behind the host service: WordPress.com answering 500, 503 or garbage, or going away in
 * the middle of a request. Each leaves the site in a state the panel explains (with a retry),
 * the next attempt works, and each attempt reaches WordPress.com once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
	NAMESPACE,
	type Session,
	crash,
	debugLogMark,
	freshSite,
	login,
	provisionCalls,
	rest,
	startServices,
	wpcomAnswers,
	writeResult,
} from './site';

interface Outcome {
	name: string;
	ok: boolean;
	detail: string;
}

function provisioning( json: unknown ): {
	state?: string;
	error?: { code?: string; retryable?: boolean } | null;
} {
	return ( json as { provisioning?: object } )?.provisioning ?? {};
}

function ask( admin: Session ) {
	return rest( 'POST', `${ NAMESPACE }/provision`, {
		session: admin,
		body: { accept_terms: true },
	} );
}

test( 'after a fault upstream, the state is explained, the next attempt works, one call per attempt', async () => {
	const logs = debugLogMark();
	const outcomes: Outcome[] = [];

	for ( const [ scenario, code ] of [
		[ 'http_500', 'host_upstream_unavailable' ],
		[ 'http_503', 'host_upstream_unavailable' ],
		[ 'malformed_json', 'host_upstream_malformed' ],
	] as const ) {
		await freshSite();
		const admin = await login( 'admin' );
		await wpcomAnswers( scenario );
		const failed = provisioning( ( await ask( admin ) ).json );
		await wpcomAnswers( 'case_b' );
		const retried = provisioning( ( await ask( admin ) ).json );
		const calls = await provisionCalls();
		outcomes.push( {
			name: `WordPress.com ${ scenario }`,
			ok:
				failed.state === 'failed' &&
				failed.error?.code === code &&
				failed.error?.retryable === true &&
				retried.state === 'awaiting_authorization' &&
				calls === 2,
			detail: `${ failed.state } ${ failed.error?.code } → ${ retried.state }, ${ calls } calls for 2 attempts`,
		} );
	}

	// WordPress.com goes away while it answers (the simulator is killed mid-request).
	await freshSite();
	const admin = await login( 'admin' );
	await wpcomAnswers( 'slow', { delay_ms: 3000, then: 'case_b' } );
	const pending = ask( admin );
	await new Promise( ( resolve ) => setTimeout( resolve, 1000 ) );
	await crash( 'simulator' );
	const cut = provisioning( ( await pending ).json );
	// The restarted simulator forgot the partner token the service caches; restarting the
	// service too keeps that refused-and-repeated token call out of the count.
	await crash( 'host-service' );
	startServices();
	await wpcomAnswers( 'case_b' );
	const after = provisioning( ( await ask( admin ) ).json );
	// The restarted simulator's call log starts empty: the retry is its one call.
	const retryCalls = await provisionCalls();
	outcomes.push( {
		name: 'WordPress.com killed mid-request',
		ok:
			cut.state === 'failed' &&
			cut.error?.retryable === true &&
			after.state === 'awaiting_authorization' &&
			retryCalls === 1,
		detail: `${ cut.state } ${ cut.error?.code } (retryable: ${ String(
			cut.error?.retryable
		) }) → ${ after.state }, ${ retryCalls } call(s) for the retry`,
	} );

	const notices = logs();
	const failed = outcomes.filter( ( o ) => ! o.ok );
	writeResult( 'faults', {
		cases: outcomes.length,
		failures: failed.length + notices.length,
		figures: {
			faults: outcomes.length,
			'explained, and the next attempt worked': outcomes.filter(
				( o ) => o.ok
			).length,
			'PHP notices': notices.length,
		},
	} );
	assert.deepEqual(
		failed.map( ( o ) => `${ o.name }: ${ o.detail }` ),
		[]
	);
	assert.deepEqual( notices, [] );
} );
