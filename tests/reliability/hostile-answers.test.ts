/**
 * A hostile host service, over real sockets (tests/phpunit/fixtures/odd-service.php, chosen per
 * request with the test site's X-JSC-Service-URL switch): every URL of the contract's link table
 * as a next_url, markup in every field, wrong types, a 5 MB answer, a redirect, a dropped
 * connection, an answer slower than the site waits. Each ends in a state the panel can explain,
 * no hostile link or markup reaches a response or the page, and a good record stays.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import {
	ODD_SERVICE,
	ROOT,
	type Session,
	caseB,
	debugLogMark,
	freshSite,
	login,
	oddAnswer,
	page,
	provisionAndFollow,
	provisionCalls,
	wpcomAnswers,
	writeResult,
} from './site';

interface LinkCase {
	url: string;
	valid: boolean;
	why?: string;
	allowed_origins?: string[];
}
const LINKS = (
	JSON.parse(
		readFileSync(
			path.join( ROOT, 'docs/host-service-contract.vectors.json' ),
			'utf8'
		)
	) as { links: { cases: LinkCase[] } }
 ).links.cases;

const MARKUP =
	'<img src=x onerror=alert(document.domain)><script>alert(1)</script>';

let admin: Session;

before( async () => {
	await freshSite();
	admin = await login( 'admin' );
} );

interface Outcome {
	name: string;
	ok: boolean;
	detail: string;
}

/**
 * POST /provision with the site's host service answering through `service`.
 *
 * @param service The service URL for this request.
 * @param timeout The site's timeout for it, in seconds.
 */
function provisionThrough( service: string, timeout?: number ) {
	return provisionAndFollow( {
		session: admin,
		headers: {
			'x-jsc-service-url': service,
			...( timeout ? { 'x-jsc-timeout': String( timeout ) } : {} ),
		},
	} );
}

function provisioning( json: unknown ): Record< string, unknown > {
	return ( json as { provisioning: Record< string, unknown > } ).provisioning;
}

test( 'a hostile host service: every answer ends in a clear state, nothing hostile is shown', async () => {
	const logs = debugLogMark();
	const outcomes: Outcome[] = [];
	const started = Date.now();

	/**
	 * Sends one hostile answer and checks the state the site ends in.
	 *
	 * @param name    What the answer is.
	 * @param service Where the site's request goes.
	 * @param code    The error code the panel must show.
	 * @param hostile Text that must appear nowhere in the answer.
	 * @param timeout The site's timeout, in seconds.
	 */
	async function expectRefused(
		name: string,
		service: string,
		code: string,
		hostile: string[] = [],
		timeout?: number
	) {
		const answer = await provisionThrough( service, timeout );
		const p = answer.status === 200 ? provisioning( answer.json ) : {};
		const error = p.error as { code?: string } | null | undefined;
		const leaked = hostile.filter(
			( text ) => text !== '' && answer.text.includes( text )
		);
		const ok =
			answer.status === 200 &&
			p.state === 'failed' &&
			error?.code === code &&
			p.action_url === null &&
			p.sign_on_url === null &&
			leaked.length === 0;
		outcomes.push( {
			name,
			ok,
			detail: `HTTP ${ answer.status } ${ String( p.state ) } ${ String(
				error?.code
			) }${ leaked.length ? ` leaked ${ leaked.join( ' ' ) }` : '' }`,
		} );
	}

	// Every hostile URL of the link table, as the authorize link (case B) and as a sign-on link.
	for ( const link of LINKS.filter( ( c ) => ! c.valid && c.url !== '' ) ) {
		const asSignOn = link.allowed_origins !== undefined;
		await expectRefused(
			`next_url ${ JSON.stringify( link.url ) } (${ link.why })`,
			oddAnswer(
				200,
				asSignOn
					? caseB( {
							outcome: 'active',
							auth_required: false,
							pending_expires_at: null,
							next_url: link.url,
					  } )
					: caseB( { next_url: link.url } )
			),
			'service_malformed_response',
			[ JSON.stringify( link.url ).slice( 1, -1 ) ]
		);
	}
	// Sign-on links that leave this site.
	for ( const url of [
		'http://evil.example\\@127.0.0.1:8889/wp-login.php?action=jetpack-sso',
		'http://127.0.0.1:8890/wp-login.php?action=jetpack-sso',
		'http://admin:password@127.0.0.1:8889/wp-login.php',
	] ) {
		await expectRefused(
			`sign-on ${ url }`,
			oddAnswer(
				200,
				caseB( {
					outcome: 'active',
					auth_required: false,
					pending_expires_at: null,
					next_url: url,
				} )
			),
			'service_malformed_response',
			[ JSON.stringify( url ).slice( 1, -1 ) ]
		);
	}
	// Markup in every field the site reads.
	await expectRefused(
		'markup in the plan',
		oddAnswer( 200, caseB( { plan: MARKUP } ) ),
		'service_malformed_response',
		[ '<img', '<script' ]
	);
	await expectRefused(
		'markup in an error',
		oddAnswer( 403, {
			error_code: 'host_plan_not_allowed',
			error_message: MARKUP,
			source: 'service',
			retryable: false,
			request_id: MARKUP,
		} ),
		'host_plan_not_allowed',
		[ '<img', '<script' ]
	);
	await expectRefused(
		'markup as the error code',
		oddAnswer( 400, { error_code: MARKUP, error_message: 'x' } ),
		'service_malformed_response',
		[ '<img', '<script' ]
	);
	// Wrong types.
	for ( const [ field, value ] of [
		[ 'auth_required', 'true' ],
		[ 'next_url', 5 ],
		[ 'next_url', [ 'https://jetpack.wordpress.com/' ] ],
		[ 'plan', [] ],
		[ 'outcome', null ],
		[ 'provisioned_at', 1796083200 ],
		[ 'pending_expires_at', { at: 'soon' } ],
		[ 'forced_register', 'false' ],
	] as const ) {
		await expectRefused(
			`${ field } as ${ JSON.stringify( value ) }`,
			oddAnswer( 200, caseB( { [ field ]: value } ) ),
			'service_malformed_response'
		);
	}
	await expectRefused(
		'not JSON',
		oddAnswer( 200, '<html>hello</html>' ),
		'service_malformed_response'
	);
	await expectRefused(
		'5 MB',
		`${ ODD_SERVICE }/huge-5mb`,
		'service_response_too_large',
		[],
		5
	);
	await expectRefused(
		'a redirect',
		`${ ODD_SERVICE }/redirect`,
		'service_redirected',
		[ 'elsewhere.example' ]
	);
	await expectRefused(
		'the connection dropped',
		`${ ODD_SERVICE }/drop`,
		'service_unreachable'
	);
	await expectRefused(
		'slower than the site waits',
		oddAnswer( 200, caseB(), 7000 ),
		'service_timeout',
		[],
		5
	);

	// The panel page after all that: no hostile link, no markup from a host service.
	const panel = await page(
		'/wp-admin/admin.php?page=jetpack-start-companion',
		admin
	);
	const inPage = [ 'evil.example', '<img src=x', 'alert(1)' ].filter( ( t ) =>
		panel.text.includes( t )
	);
	outcomes.push( {
		name: 'the panel page',
		ok: panel.status === 200 && inPage.length === 0,
		detail: inPage.join( ' ' ),
	} );

	// A good pending activation is kept: a request while it stands asks no service at all.
	await wpcomAnswers( 'case_b' );
	const good = await provisionAndFollow( { session: admin } );
	const goodLink = provisioning( good.json ).action_url;
	const oddRequests = readFileSync(
		path.join( ROOT, '.cache/services/odd-service-requests.log' ),
		'utf8'
	).length;
	const again = await provisionThrough(
		oddAnswer(
			200,
			caseB( {
				next_url: 'https://evil.example\\@jetpack.wordpress.com/',
			} )
		)
	);
	outcomes.push( {
		name: 'a good pending record stays',
		ok:
			provisioning( good.json ).state === 'awaiting_authorization' &&
			provisioning( again.json ).action_url === goodLink &&
			readFileSync(
				path.join( ROOT, '.cache/services/odd-service-requests.log' ),
				'utf8'
			).length === oddRequests &&
			( await provisionCalls() ) === 1,
		detail: String( provisioning( again.json ).action_url ),
	} );

	const notices = logs();
	const failed = outcomes.filter( ( o ) => ! o.ok );
	writeResult( 'hostile-answers', {
		cases: outcomes.length,
		failures: failed.length + notices.length,
		figures: {
			'hostile answers': outcomes.length - 2,
			'link table URLs refused': LINKS.filter(
				( c ) => ! c.valid && c.url !== ''
			).length,
			'ended in a clear state': outcomes.filter( ( o ) => o.ok ).length,
			'hostile links or markup shown': failed.filter( ( o ) =>
				o.detail.includes( 'leaked' )
			).length,
			'PHP notices': notices.length,
			seconds: Math.round( ( Date.now() - started ) / 1000 ),
		},
	} );
	assert.deepEqual(
		failed.map( ( o ) => `${ o.name }: ${ o.detail }` ),
		[]
	);
	assert.deepEqual( notices, [] );
} );
