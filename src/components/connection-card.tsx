/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { safeAdminHref, safeHref } from '../links';
import { planLabel } from '../messages';
import type { CompanionStatus } from '../types';
import { SetUpJetpack } from './set-up-jetpack';
import { Card, HEADING_IDS, LinkButton } from './ui';

interface Props {
	status: CompanionStatus;
}

/**
 * The site's connection to WordPress.com, which is how the plan reaches the site.
 * Its one action is a link: to Jetpack's setup, to connect a user, or to sign in.
 *
 * @param props
 * @param props.status The status object.
 */
export function ConnectionCard( { status }: Props ) {
	return (
		<Card
			id={ HEADING_IDS.connection }
			title={ __(
				'WordPress.com connection',
				'jetpack-start-companion'
			) }
		>
			<ConnectionBody status={ status } />
		</Card>
	);
}

function ConnectionBody( { status }: Props ) {
	const { jetpack, provisioning, links } = status;
	const label = planLabel( status );
	// Every href is checked once more against the origins allowed for it (contract §7).
	const site = links.site_origins;
	const authorize =
		provisioning.state === 'awaiting_authorization'
			? safeHref( provisioning.action_url, links.authorize_origins )
			: null;

	if ( ! jetpack.installed || ! jetpack.active ) {
		return (
			<p>
				{ __(
					'Your site can connect to WordPress.com once Jetpack is installed and active.',
					'jetpack-start-companion'
				) }
			</p>
		);
	}
	if ( jetpack.offline_mode ) {
		return (
			<p>
				{ __(
					'Your site can’t connect to WordPress.com while it is in offline (development) mode.',
					'jetpack-start-companion'
				) }
			</p>
		);
	}

	// WordPress.com's authorize link when the request gave one that passes the rule; else
	// Jetpack's own connection flow (case C, or a refused link).
	const setUpLink = authorize ? (
		<LinkButton
			href={ authorize }
			label={ __( 'Set Up Jetpack', 'jetpack-start-companion' ) }
		/>
	) : (
		<SetUpJetpack status={ status } />
	);

	switch ( provisioning.state ) {
		case 'awaiting_authorization':
			return (
				<>
					<p>
						{ sprintf(
							/* translators: %s: plan name, e.g. "Jetpack Backup". */
							__(
								'Your site isn’t connected to WordPress.com yet. Set up Jetpack and approve the connection; %s is added as soon as your site is connected.',
								'jetpack-start-companion'
							),
							label
						) }
					</p>
					{ setUpLink }
				</>
			);
		case 'awaiting_dns':
			return (
				<>
					<p>
						{ __(
							'WordPress.com can’t reach your site yet because its domain name isn’t reachable from the internet yet. A new domain name can take up to 48 hours to work everywhere.',
							'jetpack-start-companion'
						) }
					</p>
					<p>
						{ sprintf(
							/* translators: %s: plan name, e.g. "Jetpack Backup". */
							__(
								'Once your site can be reached, set up Jetpack to connect it; %s is added as soon as your site is connected.',
								'jetpack-start-companion'
							),
							label
						) }
					</p>
					{ setUpLink }
				</>
			);
		case 'connected_no_owner':
			return (
				<>
					<p>
						{ sprintf(
							/* translators: %s: plan name, e.g. "Jetpack Backup". */
							__(
								'Nobody owns your site’s connection to WordPress.com, so %s can’t be applied. Connect your WordPress.com account to become its owner.',
								'jetpack-start-companion'
							),
							label
						) }
					</p>
					<CheckedLink
						href={ safeAdminHref( jetpack.connect_user_url, site ) }
						label={ __(
							'Connect your account',
							'jetpack-start-companion'
						) }
					/>
				</>
			);
		case 'active':
			const signOn = safeHref( provisioning.sign_on_url, site );
			return (
				<>
					<p>
						{ __(
							'Your site is connected to WordPress.com.',
							'jetpack-start-companion'
						) }
					</p>
					{ signOn && (
						<CheckedLink
							href={ signOn }
							label={ __(
								'Sign in with WordPress.com',
								'jetpack-start-companion'
							) }
							variant="secondary"
						/>
					) }
				</>
			);
		default:
			return (
				<p>
					{ jetpack.connected
						? __(
								'Your site is connected to WordPress.com.',
								'jetpack-start-companion'
						  )
						: sprintf(
								/* translators: %s: plan name, e.g. "Jetpack Backup". */
								__(
									'Your site isn’t connected to WordPress.com yet. It connects when %s is activated.',
									'jetpack-start-companion'
								),
								label
						  ) }
				</p>
			);
	}
}

interface CheckedLinkProps {
	href: string | null;
	label: string;
	variant?: 'primary' | 'secondary';
}

/**
 * A link styled as a button for a URL that passed the link rule; without one, says where to go.
 *
 * @param props
 * @param props.href    The checked URL, or null.
 * @param props.label   The label.
 * @param props.variant Button variant, primary by default.
 */
function CheckedLink( { href, label, variant }: CheckedLinkProps ) {
	if ( ! href ) {
		return (
			<p>
				{ __(
					'Open Jetpack from the admin menu to continue.',
					'jetpack-start-companion'
				) }
			</p>
		);
	}
	return (
		<LinkButton
			href={ href }
			label={ label }
			variant={ variant ?? 'primary' }
		/>
	);
}
