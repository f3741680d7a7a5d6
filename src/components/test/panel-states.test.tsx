/**
 * Each state of docs/rest-api.md renders its message and exactly its action.
 */

/**
 * External dependencies
 */
import { screen } from '@testing-library/react';
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
	makeStatus,
} from '../../test/fixtures';
import {
	TOS_LINK,
	expectActions,
	renderPanel,
	serve,
} from '../../test/helpers';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );

/**
 * Matches a paragraph by its whole text, across the links and emphasis inside it.
 *
 * @param text The paragraph's text.
 */
function paragraph( text: RegExp ) {
	return ( _: string, element: Element | null ) =>
		element?.tagName === 'P' && text.test( element.textContent ?? '' );
}

beforeEach( () => {
	jest.clearAllMocks();
	serve();
} );

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

	it( 'requesting: busy, says it can take up to a minute, no way to submit', async () => {
		await renderPanel(
			makeStatus( {
				provisioning: {
					state: 'requesting',
					requested_at: PENDING.requested_at,
				},
			} )
		);

		expect(
			screen.getByText(
				'Activating Jetpack Backup. This can take up to a minute.'
			)
		).toBeInTheDocument();
		expectActions( { buttons: [ 'Activating…' ] } );
		expect(
			screen.getByRole( 'button', { name: 'Activating…' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );

	it( 'active: says so and offers the optional sign-in link', async () => {
		await renderPanel(
			makeStatus( {
				jetpack: { connected: true, has_connected_owner: true },
				provisioning: {
					state: 'active',
					plan: PENDING.plan,
					sign_on_url: SIGN_ON_URL,
				},
			} )
		);

		expect(
			screen.getByText( 'Jetpack Backup is active on your site.' )
		).toBeInTheDocument();
		expectActions( { links: [ 'Sign in with WordPress.com' ] } );
		expect(
			screen.getByRole( 'link', { name: 'Sign in with WordPress.com' } )
		).toHaveAttribute( 'href', SIGN_ON_URL );
	} );

	it( 'active without a sign-on link: no action at all', async () => {
		await renderPanel(
			makeStatus( {
				jetpack: { connected: true, has_connected_owner: true },
				provisioning: { state: 'active', plan: PENDING.plan },
			} )
		);

		expect(
			screen.getByText( 'Jetpack Backup is active on your site.' )
		).toBeInTheDocument();
		expectActions( {} );
	} );

	it( 'awaiting_authorization: Set Up Jetpack to the authorization link, with the expiry date', async () => {
		await renderPanel(
			makeStatus( {
				provisioning: {
					state: 'awaiting_authorization',
					...PENDING,
					action_url: ACTION_URL,
				},
			} )
		);

		expect(
			screen.getByText( /Jetpack Backup is reserved for your site/ )
		).toBeInTheDocument();
		expect(
			screen.getByText( /valid until December 11, 2026/ )
		).toBeInTheDocument();
		expectActions( { links: [ 'Set Up Jetpack' ] } );
		expect(
			screen.getByRole( 'link', { name: 'Set Up Jetpack' } )
		).toHaveAttribute( 'href', ACTION_URL );
	} );

	it( 'awaiting_dns: explains the domain name is not reachable yet, Set Up Jetpack, expiry date', async () => {
		await renderPanel(
			makeStatus( {
				provisioning: {
					state: 'awaiting_dns',
					...PENDING,
					action_url: SETUP_URL,
				},
			} )
		);

		expect(
			screen.getByText(
				/domain name isn’t reachable from the internet yet.*up to 48 hours/
			)
		).toBeInTheDocument();
		expect(
			screen.getByText( /valid until December 11, 2026/ )
		).toBeInTheDocument();
		expectActions( { links: [ 'Set Up Jetpack' ] } );
		expect(
			screen.getByRole( 'link', { name: 'Set Up Jetpack' } )
		).toHaveAttribute( 'href', SETUP_URL );
	} );

	it( 'expired: explains the 14 days and offers to request again', async () => {
		await renderPanel(
			makeStatus( {
				provisioning: {
					state: 'expired',
					plan: PENDING.plan,
					requested_at: PENDING.requested_at,
				},
			} )
		);

		expect(
			screen.getByText(
				/expired because your site wasn’t connected within 14 days/
			)
		).toBeInTheDocument();
		expectActions( { buttons: [ 'Request again' ], links: [ TOS_LINK ] } );
		expect(
			screen.getByText(
				paragraph( /^By clicking Request again, you agree/ )
			)
		).toBeInTheDocument();
	} );

	it( 'connected_no_owner: explains nobody owns the connection, Connect your account', async () => {
		await renderPanel(
			makeStatus( {
				jetpack: { connected: true, blog_id: 123 },
				provisioning: {
					state: 'connected_no_owner',
					plan: PENDING.plan,
				},
			} )
		);

		expect(
			screen.getByText( /Nobody owns your site’s connection/ )
		).toBeInTheDocument();
		expectActions( { links: [ 'Connect your account' ] } );
		expect(
			screen.getByRole( 'link', { name: 'Connect your account' } )
		).toHaveAttribute( 'href', CONNECT_USER_URL );
	} );

	it( 'failed: the error, what to do, Try again, and the host’s support', async () => {
		await renderPanel(
			makeStatus( {
				host: { support_url: SUPPORT_URL },
				provisioning: {
					state: 'failed',
					error: {
						code: 'jetpack_start_companion_upstream_unavailable',
						message: 'WordPress.com didn’t answer.',
						action: 'Try again in a few minutes.',
						retryable: true,
						at: '2026-11-27T10:00:00+00:00',
					},
				},
			} )
		);

		expect(
			screen.getByText( 'Jetpack Backup couldn’t be activated.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( 'WordPress.com didn’t answer.' )
		).toBeInTheDocument();
		expect(
			screen.getByText( 'Try again in a few minutes.' )
		).toBeInTheDocument();
		expectActions( {
			buttons: [ 'Try again' ],
			links: [ TOS_LINK, /Contact Example Hosting support/ ],
		} );
		expect(
			screen.getByRole( 'link', {
				name: /Contact Example Hosting support/,
			} )
		).toHaveAttribute( 'href', SUPPORT_URL );
	} );

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
	it( 'Jetpack missing: Install Jetpack, and no plan action yet', async () => {
		await renderPanel(
			makeStatus( {
				jetpack: {
					installed: false,
					active: false,
					plugin_file: null,
					version: null,
				},
			} )
		);

		expect(
			screen.getByText( 'Jetpack is not installed on your site.' )
		).toBeInTheDocument();
		expect(
			screen.getByText(
				'It can be activated once Jetpack is installed and active.'
			)
		).toBeInTheDocument();
		expectActions( { buttons: [ 'Install Jetpack' ] } );
	} );

	it( 'Jetpack missing, user can’t install plugins: says who can', async () => {
		await renderPanel(
			makeStatus( {
				jetpack: { installed: false, active: false, plugin_file: null },
				user: { can_install_plugins: false },
			} )
		);

		expect(
			screen.getByText( /A site administrator can install Jetpack/ )
		).toBeInTheDocument();
		expectActions( {} );
	} );

	it( 'Jetpack inactive: Activate Jetpack', async () => {
		await renderPanel( makeStatus( { jetpack: { active: false } } ) );

		expect(
			screen.getByText( 'Jetpack is installed but not active.' )
		).toBeInTheDocument();
		expectActions( { buttons: [ 'Activate Jetpack' ] } );
	} );

	it( 'Jetpack inactive, user can’t activate plugins: says who can', async () => {
		await renderPanel(
			makeStatus( {
				jetpack: { active: false },
				user: { can_activate_plugins: false },
			} )
		);

		expect(
			screen.getByText( /A site administrator can activate Jetpack/ )
		).toBeInTheDocument();
		expectActions( {} );
	} );

	it( 'offline mode: explains no connection is possible', async () => {
		await renderPanel( makeStatus( { jetpack: { offline_mode: true } } ) );

		expect(
			screen.getByText(
				/No connection to WordPress.com is possible while your site is in offline \(development\) mode/
			)
		).toBeInTheDocument();
		expect(
			screen.getByText(
				'It can be activated once your site is out of offline mode.'
			)
		).toBeInTheDocument();
		expectActions( {} );
	} );

	it( 'host not configured: explains and names the host’s support', async () => {
		await renderPanel(
			makeStatus( {
				host: { configured: false, support_url: SUPPORT_URL },
			} )
		);

		expect(
			screen.getByText(
				/Example Hosting hasn’t finished setting this up for your site yet/
			)
		).toBeInTheDocument();
		expectActions( { links: [ /Contact Example Hosting support/ ] } );
	} );

	it( 'host not configured, no name or support link: still plain', async () => {
		await renderPanel(
			makeStatus( {
				host: { configured: false, name: '', plan_label: '' },
			} )
		);

		expect(
			screen.getByText(
				/Your hosting provider hasn’t finished setting this up/
			)
		).toBeInTheDocument();
		expectActions( {} );
	} );

	it( 'user can’t provision: says an administrator can', async () => {
		await renderPanel( makeStatus( { user: { can_provision: false } } ) );

		expect(
			screen.getByText(
				'Only a site administrator can activate Jetpack Backup. Ask an administrator to open this page.'
			)
		).toBeInTheDocument();
		expectActions( {} );
	} );
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
