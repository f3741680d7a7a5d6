/**
 * WordPress dependencies
 */
import { Card, CardBody } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { describeJetpack, planLabel } from '../messages';
import type { BusyAction, CompanionStatus } from '../types';
import { ActionButton } from './action-button';
import { CardTitle, HEADING_IDS } from './card-title';

interface Props {
	status: CompanionStatus;
	busy: BusyAction | null;
	onInstall: () => void;
	onActivate: () => void;
}

/**
 * Jetpack itself: installed, active, not in offline mode. Its one action installs or
 * activates it through WordPress core.
 *
 * @param props
 * @param props.status     The status object.
 * @param props.busy       The action running, if any.
 * @param props.onInstall  Installs (and activates) Jetpack.
 * @param props.onActivate Activates the installed Jetpack.
 */
export function JetpackCard( { status, busy, onInstall, onActivate }: Props ) {
	const { jetpack, user } = status;
	const why = sprintf(
		/* translators: %s: plan name, e.g. "Jetpack Backup". */
		__(
			'Jetpack is the free plugin that connects your site to WordPress.com; %s works through it.',
			'jetpack-start-companion'
		),
		planLabel( status )
	);

	let body;
	if ( ! jetpack.installed ) {
		body = (
			<>
				<p>{ why }</p>
				{ user.can_install_plugins ? (
					<ActionButton
						label={ __(
							'Install Jetpack',
							'jetpack-start-companion'
						) }
						busyLabel={ __(
							'Installing Jetpack…',
							'jetpack-start-companion'
						) }
						isBusy={ busy === 'install' }
						isDisabled={ busy !== null }
						onClick={ onInstall }
					/>
				) : (
					<p>
						{ __(
							'Your account can’t install plugins. A site administrator can install Jetpack.',
							'jetpack-start-companion'
						) }
					</p>
				) }
			</>
		);
	} else if ( ! jetpack.active ) {
		body = (
			<>
				<p>{ why }</p>
				{ user.can_activate_plugins ? (
					<ActionButton
						label={ __(
							'Activate Jetpack',
							'jetpack-start-companion'
						) }
						busyLabel={ __(
							'Activating Jetpack…',
							'jetpack-start-companion'
						) }
						isBusy={ busy === 'activate' }
						isDisabled={ busy !== null }
						onClick={ onActivate }
					/>
				) : (
					<p>
						{ __(
							'Your account can’t activate plugins. A site administrator can activate Jetpack.',
							'jetpack-start-companion'
						) }
					</p>
				) }
			</>
		);
	} else if ( jetpack.offline_mode ) {
		body = (
			<p>
				{ __(
					'No connection to WordPress.com is possible while your site is in offline (development) mode. This usually happens on a local or test copy of a site. Ask your developer or hosting provider to turn offline mode off.',
					'jetpack-start-companion'
				) }
			</p>
		);
	} else if ( jetpack.version ) {
		body = (
			<p>
				{ sprintf(
					/* translators: %s: Jetpack version, e.g. "14.5". */
					__( 'Version %s.', 'jetpack-start-companion' ),
					jetpack.version
				) }
			</p>
		);
	}

	return (
		<Card>
			<CardTitle id={ HEADING_IDS.jetpack }>
				{ __( 'Jetpack plugin', 'jetpack-start-companion' ) }
			</CardTitle>
			<CardBody>
				<p>
					<strong>{ describeJetpack( status ) }</strong>
				</p>
				{ body }
			</CardBody>
		</Card>
	);
}
