/**
 * Each state of docs/rest-api.md renders its message and exactly its action.
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
	ACTION_URL,
	CONNECT_USER_URL,
	PENDING,
	SETUP_URL,
	SIGN_ON_URL,
	SUPPORT_URL,
	type StatusOverrides,
	UPSTREAM_UNAVAILABLE,
	makeStatus,
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
	/** How the status differs from a ready site with nothing requested. */
	status: StatusOverrides;
	/** Text that must be on screen. */
	texts: Matcher[];
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
 * @param stateCase.status  How the status differs from a ready site.
 * @param stateCase.texts   Text that must be on screen.
 * @param stateCase.actions Exactly the buttons and links offered.
 * @param stateCase.hrefs   Links and where each must go.
 * @param stateCase.inert   Buttons that must be aria-disabled.
 */
async function expectState( {
	status,
	texts,
	actions,
	hrefs = [],
	inert = [],
}: StateCase ) {
	await renderPanel( makeStatus( status ) );

	for ( const text of texts ) {
		expect( screen.getByText( text ) ).toBeInTheDocument();
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
		await renderPanel( makeStatus() );

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
			// "↗" is ExternalLink's new-tab icon.
			/^By clicking Activate Jetpack Backup, you agree to WordPress.com’s Terms of Service↗? and to sync your site’s data with us\.$/
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
			status: {
				provisioning: {
					state: 'requesting',
					requested_at: PENDING.requested_at,
				},
			},
			texts: [
				'Activating Jetpack Backup. This can take up to a minute.',
			],
			actions: { buttons: [ 'Activating…' ] },
			inert: [ 'Activating…' ],
		},
		{
			title: 'active: says so and offers the optional sign-in link',
			status: {
				jetpack: { connected: true, has_connected_owner: true },
				provisioning: {
					state: 'active',
					plan: PENDING.plan,
					sign_on_url: SIGN_ON_URL,
				},
			},
			texts: [ 'Jetpack Backup is active on your site.' ],
			actions: { links: [ 'Sign in with WordPress.com' ] },
			hrefs: [ [ 'Sign in with WordPress.com', SIGN_ON_URL ] ],
		},
		{
			title: 'active without a sign-on link: no action at all',
			status: {
				jetpack: { connected: true, has_connected_owner: true },
				provisioning: { state: 'active', plan: PENDING.plan },
			},
			texts: [ 'Jetpack Backup is active on your site.' ],
			actions: {},
		},
		{
			title: 'awaiting_authorization: Set Up Jetpack to the authorization link, with the expiry date',
			status: {
				provisioning: {
					state: 'awaiting_authorization',
					...PENDING,
					action_url: ACTION_URL,
				},
			},
			texts: [ /Jetpack Backup is reserved for your site/, VALID_UNTIL ],
			actions: { links: [ 'Set Up Jetpack' ] },
			hrefs: [ [ 'Set Up Jetpack', ACTION_URL ] ],
		},
		{
			title: 'awaiting_dns: explains the domain name is not reachable yet, Set Up Jetpack, expiry date',
			status: {
				provisioning: {
					state: 'awaiting_dns',
					...PENDING,
					action_url: SETUP_URL,
				},
			},
			texts: [
				/domain name isn’t reachable from the internet yet.*up to 48 hours/,
				VALID_UNTIL,
			],
			actions: { links: [ 'Set Up Jetpack' ] },
			hrefs: [ [ 'Set Up Jetpack', SETUP_URL ] ],
		},
		{
			title: 'expired: explains the 14 days and offers to request again',
			status: {
				provisioning: {
					state: 'expired',
					plan: PENDING.plan,
					requested_at: PENDING.requested_at,
				},
			},
			texts: [
				/expired because your site wasn’t connected within 14 days/,
				paragraph( /^By clicking Request again, you agree/ ),
			],
			actions: { buttons: [ 'Request again' ], links: [ TOS_LINK ] },
		},
		{
			title: 'connected_no_owner: explains nobody owns the connection, Connect your account',
			status: {
				jetpack: { connected: true, blog_id: 123 },
				provisioning: {
					state: 'connected_no_owner',
					plan: PENDING.plan,
				},
			},
			texts: [ /Nobody owns your site’s connection/ ],
			actions: { links: [ 'Connect your account' ] },
			hrefs: [ [ 'Connect your account', CONNECT_USER_URL ] ],
		},
		{
			title: 'failed: the error, what to do, Try again, and the host’s support',
			status: {
				host: { support_url: SUPPORT_URL },
				provisioning: {
					state: 'failed',
					error: UPSTREAM_UNAVAILABLE,
				},
			},
			texts: [
				'Jetpack Backup couldn’t be activated.',
				'WordPress.com didn’t answer.',
				'Try again in a few minutes.',
			],
			actions: {
				buttons: [ 'Try again' ],
				links: [ TOS_LINK, /Contact Example Hosting support/ ],
			},
			hrefs: [ [ /Contact Example Hosting support/, SUPPORT_URL ] ],
		},
	] )( '$title', expectState );

	it( 'a failure after a good answer: dismissible warning, the state’s action stays', async () => {
		const user = userEvent.setup();
		await renderPanel(
			makeStatus( {
				provisioning: {
					state: 'awaiting_authorization',
					...PENDING,
					action_url: ACTION_URL,
					error: {
						code: 'jetpack_start_companion_upstream_timeout',
						message: 'WordPress.com took too long to answer.',
						action: 'Your earlier request is still valid.',
						retryable: true,
						at: '2026-11-28T10:00:00+00:00',
					},
				},
			} )
		);

		expect(
			screen.getByText( 'WordPress.com took too long to answer.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( 'Your earlier request is still valid.' )
		).toBeInTheDocument();
		expectActions( {
			buttons: [ /close/i ],
			links: [ 'Set Up Jetpack' ],
		} );

		await user.click( screen.getByRole( 'button', { name: /close/i } ) );

		expect(
			screen.queryByText( 'WordPress.com took too long to answer.' )
		).not.toBeInTheDocument();
		expectActions( { links: [ 'Set Up Jetpack' ] } );
	} );
} );

describe( 'Jetpack and setup prerequisites', () => {
	it.each< StateCase >( [
		{
			title: 'Jetpack missing: Install Jetpack, and no plan action yet',
			status: {
				jetpack: {
					installed: false,
					active: false,
					plugin_file: null,
					version: null,
				},
			},
			texts: [
				'Jetpack is not installed on your site.',
				'It can be activated once Jetpack is installed and active.',
			],
			actions: { buttons: [ 'Install Jetpack' ] },
		},
		{
			title: 'Jetpack missing, user can’t install plugins: says who can',
			status: {
				jetpack: { installed: false, active: false, plugin_file: null },
				user: { can_install_plugins: false },
			},
			texts: [ /A site administrator can install Jetpack/ ],
			actions: {},
		},
		{
			title: 'Jetpack inactive: Activate Jetpack',
			status: { jetpack: { active: false } },
			texts: [ 'Jetpack is installed but not active.' ],
			actions: { buttons: [ 'Activate Jetpack' ] },
		},
		{
			title: 'Jetpack turned on but not loaded: says why, no Activate button that could not help',
			status: { jetpack: { active: false, plugin_active: true } },
			texts: [
				'Jetpack is turned on but didn’t start.',
				/needs a newer PHP version/,
			],
			actions: {},
		},
		{
			title: 'Jetpack inactive, user can’t activate plugins: says who can',
			status: {
				jetpack: { active: false },
				user: { can_activate_plugins: false },
			},
			texts: [ /A site administrator can activate Jetpack/ ],
			actions: {},
		},
		{
			title: 'offline mode: explains no connection is possible',
			status: { jetpack: { offline_mode: true } },
			texts: [
				/No connection to WordPress.com is possible while your site is in offline \(development\) mode/,
				'It can be activated once your site is out of offline mode.',
			],
			actions: {},
		},
		{
			title: 'host not configured: explains and names the host’s support',
			status: { host: { configured: false, support_url: SUPPORT_URL } },
			texts: [
				/Example Hosting hasn’t finished setting this up for your site yet/,
			],
			actions: { links: [ /Contact Example Hosting support/ ] },
		},
		{
			title: 'host not configured, no name or support link: still plain',
			status: { host: { configured: false, name: '', plan_label: '' } },
			texts: [ /Your hosting provider hasn’t finished setting this up/ ],
			actions: {},
		},
		{
			title: 'user can’t provision: says an administrator can',
			status: { user: { can_provision: false } },
			texts: [
				'Only a site administrator can activate Jetpack Backup. Ask an administrator to open this page.',
			],
			actions: {},
		},
	] )( '$title', expectState );
} );

describe( 'links are http(s) only', () => {
	it( 'never links a javascript: action_url; falls back to Jetpack’s setup screen', async () => {
		await renderPanel(
			makeStatus( {
				provisioning: {
					state: 'awaiting_authorization',
					...PENDING,
					action_url: 'javascript:alert(1)',
				},
			} )
		);

		expect(
			screen.getByRole( 'link', { name: 'Set Up Jetpack' } )
		).toHaveAttribute( 'href', SETUP_URL );
		for ( const link of screen.queryAllByRole( 'link' ) ) {
			expect( link.getAttribute( 'href' ) ).toMatch( /^https?:/ );
		}
	} );

	it( 'no link at all when no URL is http(s)', async () => {
		await renderPanel(
			makeStatus( {
				jetpack: {
					setup_url: 'javascript:alert(1)',
					connect_user_url: 'data:text/html,hi',
				},
				host: { support_url: 'ftp://hosting.example/' },
				provisioning: {
					state: 'awaiting_dns',
					...PENDING,
					action_url: 'javascript:alert(1)',
				},
			} )
		);

		expectActions( {} );
		expect(
			screen.getByText( 'Open Jetpack from the admin menu to continue.' )
		).toBeInTheDocument();
	} );

	it( 'drops a non-http sign-on link and connect link', async () => {
		const { unmount } = await renderPanel(
			makeStatus( {
				provisioning: {
					state: 'active',
					sign_on_url: 'javascript:alert(1)',
				},
			} )
		);
		expectActions( {} );
		unmount();

		await renderPanel(
			makeStatus( {
				jetpack: {
					connected: true,
					connect_user_url: 'javascript:alert(1)',
				},
				provisioning: { state: 'connected_no_owner' },
			} )
		);
		expectActions( {} );
	} );
} );
