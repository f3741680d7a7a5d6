/**
 * Each state of docs/rest-api.md, as the server answers it, renders its message and exactly
 * its action.
 */

/**
 * External dependencies
 */
import { type Matcher, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import {
	AUTHORIZE_URL,
	CONNECT_USER_URL,
	SIGN_ON_URL,
	SUPPORT_URL,
	type StatusFixture,
	fixture,
} from '../../test/fixtures';
import {
	TOS_LINK,
	expectActions,
	renderPanel,
	resetSite,
} from '../../test/helpers';

/**
 * Matches a paragraph by its whole text, across the links and emphasis inside it.
 *
 * @param text The paragraph's text.
 */
function paragraph( text: RegExp ) {
	return ( _: string, element: Element | null ) =>
		element?.tagName === 'P' && text.test( element.textContent ?? '' );
}

beforeEach( resetSite );

interface StateCase {
	/** The test's name. */
	title: string;
	/** The server's answer for the situation. */
	status: StatusFixture;
	/** Text that must be on screen. */
	texts: Matcher[];
	/** Text that must not be. */
	absent?: Matcher[];
	/** Exactly the buttons and links offered. */
	actions: Parameters< typeof expectActions >[ 0 ];
	/** Links and where each must go. */
	hrefs?: Array< [ string | RegExp, string ] >;
	/** Buttons that must be aria-disabled (busy, still focusable). */
	inert?: string[];
}

/**
 * Renders the panel for one state and checks what it says and offers.
 *
 * @param stateCase         The state and what the panel must show for it.
 * @param stateCase.status  The server's answer.
 * @param stateCase.texts   Text that must be on screen.
 * @param stateCase.absent  Text that must not be.
 * @param stateCase.actions Exactly the buttons and links offered.
 * @param stateCase.hrefs   Links and where each must go.
 * @param stateCase.inert   Buttons that must be aria-disabled.
 */
async function expectState( {
	status,
	texts,
	absent = [],
	actions,
	hrefs = [],
	inert = [],
}: StateCase ) {
	await renderPanel( fixture( status ) );

	for ( const text of texts ) {
		expect( screen.getByText( text ) ).toBeInTheDocument();
	}
	for ( const text of absent ) {
		expect( screen.queryByText( text ) ).not.toBeInTheDocument();
	}
	expectActions( actions );
	for ( const [ name, href ] of hrefs ) {
		expect( screen.getByRole( 'link', { name } ) ).toHaveAttribute(
			'href',
			href
		);
	}
	for ( const name of inert ) {
		expect( screen.getByRole( 'button', { name } ) ).toHaveAttribute(
			'aria-disabled',
			'true'
		);
	}
}

const VALID_UNTIL = /valid until December 11, 2026/;

describe( 'plan states (Jetpack ready)', () => {
	it( 'not_requested: offers to activate the plan, Terms of Service line first', async () => {
		await renderPanel( fixture( 'ready' ) );

		expect(
			screen.getByText(
				'Your hosting plan includes Jetpack Backup. It isn’t activated yet.'
			)
		).toBeInTheDocument();
		expectActions( {
			buttons: [ 'Activate Jetpack Backup' ],
			links: [ TOS_LINK ],
		} );

		const terms = screen.getByText(
			paragraph( /you agree to WordPress.com’s/ )
		);
		expect( terms ).toHaveTextContent(
			/^By clicking Activate Jetpack Backup, you agree to WordPress.com’s Terms of Service\(opens in a new tab\)\s↗ and to sync your site’s data with us\.$/
		);
		const button = screen.getByRole( 'button', {
			name: 'Activate Jetpack Backup',
		} );
		// The consent line comes before the button, in reading order.
		expect( terms.compareDocumentPosition( button ) ).toBe(
			Node.DOCUMENT_POSITION_FOLLOWING
		);
		expect(
			screen.getByRole( 'link', { name: TOS_LINK } )
		).toHaveAttribute( 'href', 'https://wordpress.com/tos/' );
		expect( screen.queryByText( /provision/i ) ).not.toBeInTheDocument();
	} );

	it.each< StateCase >( [
		{
			title: 'requesting: busy, says it can take up to a minute, no way to submit',
			status: 'requesting',
			texts: [
				'Activating Jetpack Backup. This can take up to a minute.',
			],
			actions: { buttons: [ 'Activating…' ] },
			inert: [ 'Activating…' ],
		},
		{
			title: 'active: says so and offers the optional sign-in link',
			status: 'active-sign-on',
			texts: [ 'Jetpack Backup is active on your site.' ],
			actions: { links: [ 'Sign in with WordPress.com' ] },
			hrefs: [ [ 'Sign in with WordPress.com', SIGN_ON_URL ] ],
		},
		{
			title: 'active after authorizing: no action at all (the authorize link is not a sign-on link)',
			status: 'active',
			texts: [ 'Jetpack Backup is active on your site.' ],
			actions: {},
		},
		{
			title: 'awaiting_authorization: Set Up Jetpack to the authorization link, with the expiry date',
			status: 'awaiting-authorization',
			texts: [ /Jetpack Backup is reserved for your site/, VALID_UNTIL ],
			actions: { links: [ 'Set Up Jetpack' ] },
			hrefs: [ [ 'Set Up Jetpack', AUTHORIZE_URL ] ],
		},
		{
			title: 'awaiting_dns: explains the domain name is not reachable yet, Set Up Jetpack (Jetpack’s own connection flow), expiry date',
			status: 'awaiting-dns',
			texts: [
				/domain name isn’t reachable from the internet yet.*up to 48 hours/,
				VALID_UNTIL,
			],
			actions: { buttons: [ 'Set Up Jetpack' ] },
		},
		{
			title: 'expired: explains the 14 days and offers to request again',
			status: 'expired',
			texts: [
				/expired because your site wasn’t connected within 14 days/,
				paragraph( /^By clicking Request again, you agree/ ),
			],
			actions: { buttons: [ 'Request again' ], links: [ TOS_LINK ] },
		},
		{
			title: 'connected_no_owner: explains nobody owns the connection, Connect your account',
			status: 'connected-no-owner',
			texts: [ /Nobody owns your site’s connection/ ],
			actions: { links: [ 'Connect your account' ] },
			hrefs: [ [ 'Connect your account', CONNECT_USER_URL ] ],
		},
		{
			title: 'failed and retryable: the error, what to do, its code, Try again',
			status: 'failed-retryable',
			texts: [
				'Jetpack Backup couldn’t be activated.',
				'WordPress.com could not be reached or gave an answer we could not read.',
				'Wait a few minutes, then try again.',
				'Error code: host_upstream_unavailable',
				'Details for support',
				/^host_upstream_unavailable at 2026-11-28T10:00:00\+00:00; hop: host service; HTTP 502; request id: /,
			],
			actions: {
				buttons: [ 'Copy details', 'Try again' ],
				links: [ TOS_LINK ],
			},
		},
		{
			title: 'failed for good: the host’s support link, Try again',
			status: 'failed-refused-with-support',
			texts: [
				/Example Hosting's Jetpack account cannot give out plans/,
				'Error code: partner_key_disabled',
			],
			actions: {
				buttons: [ 'Copy details', 'Try again' ],
				links: [ TOS_LINK, /Contact Example Hosting support/ ],
			},
			hrefs: [ [ /Contact Example Hosting support/, SUPPORT_URL ] ],
		},
	] )( '$title', expectState );

	it( 'a failure after a good answer: dismissible warning, the state’s action stays', async () => {
		const user = userEvent.setup();
		await renderPanel( fixture( 'active-missing-request-again-failed' ) );
		const message =
			'WordPress.com could not be reached or gave an answer we could not read.';

		expect( screen.getByText( message ) ).toBeInTheDocument();
		expect(
			screen.getByText(
				'WordPress.com doesn’t list Jetpack Backup on your site.'
			)
		).toBeInTheDocument();
		expectActions( {
			buttons: [ /Dismiss/, 'Copy details', 'Request again' ],
			links: [ TOS_LINK ],
		} );

		await user.click( screen.getByRole( 'button', { name: /Dismiss/ } ) );

		expect( screen.queryByText( message ) ).not.toBeInTheDocument();
		expectActions( { buttons: [ 'Request again' ], links: [ TOS_LINK ] } );
	} );
} );

describe( 'the plan’s name', () => {
	it( 'with no name known yet, the heading and the sentences still read as sentences', async () => {
		await renderPanel( fixture( 'ready-unnamed-plan' ) );
		expect(
			screen.getByRole( 'heading', { name: 'Your Jetpack plan' } )
		).toBeInTheDocument();
		expect(
			screen.getByText(
				'Your hosting plan includes your Jetpack plan. It isn’t activated yet.'
			)
		).toBeInTheDocument();
	} );

	it( 'a failure with no name known starts with a capital', async () => {
		await renderPanel( fixture( 'failed-unnamed-plan' ) );
		expect(
			screen.getByText( 'Your Jetpack plan couldn’t be activated.' )
		).toBeInTheDocument();
		expect( screen.queryByText( /^your Jetpack plan/ ) ).toBeNull();
	} );
} );

describe( 'Jetpack and setup prerequisites', () => {
	it.each< StateCase >( [
		{
			title: 'Jetpack missing: Install Jetpack, and no plan action yet',
			status: 'jetpack-missing',
			texts: [
				'Jetpack is not installed on your site.',
				'It can be activated once Jetpack is installed and active.',
			],
			actions: { buttons: [ 'Install Jetpack' ] },
		},
		{
			title: 'Jetpack missing, user can’t install plugins: says who can',
			status: 'jetpack-missing-editor',
			texts: [ /A site administrator can install Jetpack/ ],
			actions: {},
		},
		{
			title: 'Jetpack inactive: Activate Jetpack',
			status: 'jetpack-inactive',
			texts: [ 'Jetpack is installed but not active.' ],
			actions: { buttons: [ 'Activate Jetpack' ] },
		},
		{
			title: 'Jetpack inactive in a folder core’s plugin route cannot name: the Plugins screen instead',
			status: 'jetpack-inactive-renamed-folder',
			texts: [
				'Jetpack is installed but not active.',
				'Activate Jetpack on the Plugins screen, then come back here.',
			],
			actions: { links: [ 'Go to Plugins' ] },
			hrefs: [
				[
					'Go to Plugins',
					fixture( 'jetpack-inactive-renamed-folder' ).jetpack
						.plugins_screen_url,
				],
			],
		},
		{
			title: 'Jetpack inactive, user can’t activate plugins: says who can',
			status: 'jetpack-inactive-editor',
			texts: [ /A site administrator can activate Jetpack/ ],
			actions: {},
		},
		{
			title: 'offline mode: explains no connection is possible',
			status: 'offline',
			texts: [
				/No connection to WordPress.com is possible while your site is in offline \(development\) mode/,
				'It can be activated once your site is out of offline mode.',
			],
			actions: {},
		},
		{
			title: 'host not configured: says only that, and names the host’s support',
			status: 'not-configured-with-support',
			texts: [
				/Example Hosting hasn’t finished setting this up for your site yet/,
			],
			absent: [ /already paid for/, /isn’t activated yet/ ],
			actions: { links: [ /Contact Example Hosting support/ ] },
		},
		{
			title: 'host not configured, no name or support link: still plain',
			status: 'not-configured-unnamed',
			texts: [ /Your hosting provider hasn’t finished setting this up/ ],
			absent: [ /already paid for/ ],
			actions: {},
		},
	] )( '$title', expectState );
} );
