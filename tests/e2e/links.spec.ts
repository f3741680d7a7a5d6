/**
 * Links in Chromium (contract §7): good ones are followed to where they say; hostile ones from
 * a host service (tests/phpunit/fixtures/odd-service.php, chosen with the test site's
 * X-JSC-Service-URL switch) never become a link, whatever the browser would make of them.
 */
import {
	test,
	expect,
	openPanel,
	panel,
	SITE,
	ACTIVATE_PLAN,
	askForPlan,
	expectNoAxeViolations,
} from './fixtures';

const ODD_SERVICE = 'http://127.0.0.1:8795';

/**
 * The misbehaving service's address for one exact answer.
 *
 * @param body The JSON answer (HTTP 200).
 */
function oddAnswer( body: Record< string, unknown > ): string {
	return `${ ODD_SERVICE }/reply/200/${ Buffer.from(
		JSON.stringify( body )
	).toString( 'base64url' ) }`;
}

function answer( nextUrl: string, active = false ): Record< string, unknown > {
	const now = Date.now();
	return {
		outcome: active ? 'active' : 'awaiting_authorization',
		auth_required: ! active,
		next_url: nextUrl,
		plan: 'jetpack-backup-daily',
		provisioned_at: new Date( now ).toISOString(),
		pending_expires_at: active
			? null
			: new Date( now + 14 * 86400_000 ).toISOString(),
		forced_register: false,
		idempotent_replay: false,
	};
}

/** The hostile links: where PHP and the browser disagree, user info, another port. */
const HOSTILE: Array< [ string, boolean ] > = [
	[
		'https://evil.example\\@jetpack.wordpress.com/jetpack.authorize/1/',
		false,
	],
	[ 'https://evil.example\\.jetpack.wordpress.com/', false ],
	[ 'https://user:pass@jetpack.wordpress.com/', false ],
	[ 'https://jetpack.wordpress.com:8443/jetpack.authorize/1/', false ],
	[ 'https://jetpack.word\tpress.com/', false ],
	[
		`http://evil.example\\@127.0.0.1:8889/wp-login.php?action=jetpack-sso`,
		true,
	],
	[ 'http://127.0.0.1:8890/wp-login.php?action=jetpack-sso', true ],
];

test.describe( 'Links', () => {
	test( 'a good sign-on link is followed into this site', async ( {
		page,
		site,
	} ) => {
		await askForPlan( page, site, 'case_a' );
		const signOn = panel( page ).getByRole( 'link', {
			name: 'Sign in with WordPress.com',
		} );
		await expect( signOn ).toBeVisible();
		await signOn.click();
		await page.waitForLoadState( 'domcontentloaded' );
		expect( new URL( page.url() ).origin ).toBe( SITE );
	} );

	test( 'hostile links from a host service are inert: no link, an explained failure', async ( {
		page,
		site,
	} ) => {
		expect( await site.provisionCalls() ).toEqual( [] );
		// Why it matters: Chromium itself reads these as evil.example.
		expect(
			await page.evaluate( () => [
				new URL(
					'https://evil.example\\@jetpack.wordpress.com/jetpack.authorize/1/'
				).host,
				new URL( 'https://evil.example\\.jetpack.wordpress.com/' ).host,
			] )
		).toEqual( [ 'evil.example', 'evil.example' ] );

		await openPanel( page );
		let button = page.getByRole( 'button', { name: ACTIVATE_PLAN } );
		for ( const [ url, asSignOn ] of HOSTILE ) {
			await page.setExtraHTTPHeaders( {
				'X-JSC-Service-URL': oddAnswer( answer( url, asSignOn ) ),
			} );
			await button.click();
			await expect(
				panel( page ).getByText(
					'Error code: service_malformed_response'
				)
			).toBeVisible();
			const hrefs = await panel( page )
				.locator( 'a[href]' )
				.evaluateAll( ( links ) =>
					links.map( ( a ) => ( a as HTMLAnchorElement ).href )
				);
			for ( const href of hrefs ) {
				expect( [ SITE, 'https://wordpress.com' ] ).toContain(
					new URL( href ).origin
				);
			}
			expect( hrefs.join( ' ' ) ).not.toMatch( /evil|8443|8890|user:/ );
			await expect(
				page.getByRole( 'link', {
					name: /Set Up Jetpack|Sign in with WordPress.com/,
				} )
			).toHaveCount( 0 );
			button = page.getByRole( 'button', { name: 'Try again' } );
		}
		await expectNoAxeViolations( page );
		expect( await site.provisionCalls() ).toEqual( [] );
	} );
} );
