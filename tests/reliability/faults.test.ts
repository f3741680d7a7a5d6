/**
 * Faults behind the site: WordPress.com answering 500, 503 or garbage, or going away in the
 * middle of a request; the host service killed mid-request and restarted; WordPress.com slower
 * than every timeout. Each leaves the site in a state the panel explains (with a retry), the
 * next attempt works, and one intent reaches WordPress.com's provision endpoint once: after an
 * answer that never came the site keeps its idempotency key, and the service (its stores in
 * Redis, so they outlive it) answers the retry from WordPress.com's status.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
	NAMESPACE,
	type Session,
	crash,
	debugLogMark,
	freshSite,
	login,
	provisionAndFollow,
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

/** The second host service of tests/services.sh (`start redis`): Redis stores, 1.5 s deadline. */
const REDIS_SERVICE = 'http://127.0.0.1:8792';

function ask( admin: Session, service?: string ) {
	return provisionAndFollow( {
		session: admin,
		...( service ? { headers: { 'x-jsc-service-url': service } } : {} ),
	} );
}

/**
 * Runs the preflight checks for this service once, so the gate reuses what they found (kept
 * five minutes) and the timings below are the service's and WordPress.com's, not the checks'.
 *
 * @param admin   Session.
 * @param service The host service URL the requests use.
 */
function checkFirst( admin: Session, service: string ) {
	return rest( 'GET', `${ NAMESPACE }/diagnostics`, {
		session: admin,
		headers: { 'x-jsc-service-url': service },
	} );
}

const sleep = ( ms: number ) =>
	new Promise( ( resolve ) => setTimeout( resolve, Math.max( 0, ms ) ) );

const outcomes: Outcome[] = [];
const logs = debugLogMark();

after( () => {
	const notices = logs();
	writeResult( 'faults', {
		cases: outcomes.length,
		failures: outcomes.filter( ( o ) => ! o.ok ).length + notices.length,
		figures: {
			faults: outcomes.length,
			'explained, and the next attempt worked': outcomes.filter(
				( o ) => o.ok
			).length,
			'PHP notices': notices.length,
		},
	} );
} );

test( 'after a fault upstream, the state is explained, the next attempt works, one call per attempt', async () => {
	const start = outcomes.length;

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
	await wpcomAnswers( 'slow', { delay_ms: 1500, then: 'case_b' } );
	const pending = ask( admin );
	await sleep( 600 );
	await crash( 'simulator' );
	const cut = provisioning( ( await pending ).json );
	// The restarted simulator forgot the partner token the service caches; restarting the
	// service too keeps that refused-and-repeated token call out of the count.
	await crash( 'host-service' );
	startServices();
	await wpcomAnswers( 'case_b' );
	const restarted = provisioning( ( await ask( admin ) ).json );
	// The restarted simulator's call log starts empty: the retry is its one call.
	const retryCalls = await provisionCalls();
	outcomes.push( {
		name: 'WordPress.com killed mid-request',
		ok:
			cut.state === 'failed' &&
			cut.error?.retryable === true &&
			restarted.state === 'awaiting_authorization' &&
			retryCalls === 1,
		detail: `${ cut.state } ${ cut.error?.code } (retryable: ${ String(
			cut.error?.retryable
		) }) → ${ restarted.state }, ${ retryCalls } call(s) for the retry`,
	} );

	assert.deepEqual(
		outcomes
			.slice( start )
			.filter( ( o ) => ! o.ok )
			.map( ( o ) => `${ o.name }: ${ o.detail }` ),
		[]
	);
} );

test( 'an answer that never came reaches WordPress.com once: the service killed mid-request, WordPress.com slower than every timeout', async () => {
	const start = outcomes.length;
	// A fresh instance: a partner token cached before the simulator restarted above would be
	// refused once and the call repeated, which is not what is counted here.
	await crash( 'host-service-redis' );
	startServices( 'redis' );

	// The service is killed while WordPress.com answers, and restarted on the same Redis.
	await freshSite();
	let admin = await login( 'admin' );
	await checkFirst( admin, REDIS_SERVICE );
	await wpcomAnswers( 'slow', { delay_ms: 1000, then: 'case_b' } );
	let began = Date.now();
	const pending = ask( admin, REDIS_SERVICE );
	await sleep( 400 );
	await crash( 'host-service-redis' );
	const cut = provisioning( ( await pending ).json );
	startServices( 'redis' );
	// Its claim on the key (deadline + 2 s) outlives it: until then a retry hears "still running".
	await sleep( began + 3700 - Date.now() );
	const recovered = provisioning(
		( await ask( admin, REDIS_SERVICE ) ).json
	);
	let calls = await provisionCalls();
	outcomes.push( {
		name: 'the service killed mid-request, restarted on Redis',
		ok:
			cut.state === 'failed' &&
			cut.error?.code === 'service_unreachable' &&
			recovered.state === 'awaiting_authorization' &&
			calls === 1,
		detail: `${ cut.state } ${ cut.error?.code } → ${ recovered.state }, ${ calls } provision call(s)`,
	} );

	// WordPress.com answers after the service's deadline (1.5 s) has passed.
	await freshSite();
	admin = await login( 'admin' );
	await checkFirst( admin, REDIS_SERVICE );
	await wpcomAnswers( 'slow', { delay_ms: 2000, then: 'case_b' } );
	began = Date.now();
	const late = provisioning( ( await ask( admin, REDIS_SERVICE ) ).json );
	// WordPress.com goes on with the first call after the service stopped waiting (at 2 s): the
	// retry is meant to find that plan, so it waits until well after then. On a busy machine the
	// simulator's own timer fires late, and a retry that comes first rightly asks again.
	await sleep( began + 3300 - Date.now() );
	// WordPress.com is quick again (the simulator's "slow" would delay its status answer too).
	await wpcomAnswers( 'case_b' );
	const answered = provisioning( ( await ask( admin, REDIS_SERVICE ) ).json );
	calls = await provisionCalls();
	outcomes.push( {
		name: 'WordPress.com slower than every timeout',
		ok:
			late.state === 'failed' &&
			late.error?.code === 'host_upstream_timeout' &&
			answered.state === 'awaiting_authorization' &&
			calls === 1,
		detail: `${ late.state } ${ late.error?.code } → ${ answered.state } ${
			answered.error?.code ?? ''
		}, ${ calls } provision call(s)`,
	} );

	assert.deepEqual(
		outcomes
			.slice( start )
			.filter( ( o ) => ! o.ok )
			.map( ( o ) => `${ o.name }: ${ o.detail }` ),
		[]
	);
	assert.deepEqual( logs(), [] );
} );
