/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { canActivateHere } from '../api';
import { safeHref } from '../links';
import { describeJetpack, planLabel } from '../messages';
import type { BusyAction, CompanionStatus } from '../types';
import { ActionButton, Card, HEADING_IDS, LinkButton } from './ui';

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
			<PluginStep
				why={ why }
				allowed={ user.can_install_plugins }
				label={ __( 'Install Jetpack', 'jetpack-start-companion' ) }
				busyLabel={ __(
					'Installing Jetpack…',
					'jetpack-start-companion'
				) }
				notAllowed={ __(
					'Your account can’t install plugins. A site administrator can install Jetpack.',
					'jetpack-start-companion'
				) }
				action="install"
				busy={ busy }
				onClick={ onInstall }
			/>
		);
	} else if ( ! jetpack.active && jetpack.plugin_active ) {
		// Activating again would not help: say what does.
		body = (
			<p>
				{ __(
					'This usually means Jetpack needs a newer PHP version, or some of its files are missing. Update or reinstall Jetpack from the Plugins screen, or ask your hosting provider.',
					'jetpack-start-companion'
				) }
			</p>
		);
	} else if ( ! jetpack.active && ! canActivateHere( jetpack.plugin_file ) ) {
		// WordPress's plugin route cannot name a folder with a dot (jetpack-14.9/): the Plugins
		// screen can.
		body = (
			<PluginsScreenStep
				why={ why }
				allowed={ user.can_activate_plugins }
				href={ safeHref(
					jetpack.plugins_screen_url,
					status.links.site_origins
				) }
			/>
		);
	} else if ( ! jetpack.active ) {
		body = (
			<PluginStep
				why={ why }
				allowed={ user.can_activate_plugins }
				label={ __( 'Activate Jetpack', 'jetpack-start-companion' ) }
				busyLabel={ __(
					'Activating Jetpack…',
					'jetpack-start-companion'
				) }
				notAllowed={ cannotActivate() }
				action="activate"
				busy={ busy }
				onClick={ onActivate }
			/>
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
		<Card
			id={ HEADING_IDS.jetpack }
			title={ __( 'Jetpack plugin', 'jetpack-start-companion' ) }
		>
			<p>
				<strong>{ describeJetpack( status ) }</strong>
			</p>
			{ body }
		</Card>
	);
}

const cannotActivate = () =>
	__(
		'Your account can’t activate plugins. A site administrator can activate Jetpack.',
		'jetpack-start-companion'
	);

interface PluginsScreenStepProps {
	why: string;
	allowed: boolean;
	href: string | null;
}

/**
 * Jetpack can only be activated on the Plugins screen: link there.
 *
 * @param props
 * @param props.why     Why the plan needs Jetpack.
 * @param props.allowed The user's account may activate plugins.
 * @param props.href    The Plugins screen, checked.
 */
function PluginsScreenStep( { why, allowed, href }: PluginsScreenStepProps ) {
	if ( ! allowed ) {
		return (
			<>
				<p>{ why }</p>
				<p>{ cannotActivate() }</p>
			</>
		);
	}
	return (
		<>
			<p>{ why }</p>
			<p>
				{ __(
					'Activate Jetpack on the Plugins screen, then come back here.',
					'jetpack-start-companion'
				) }
			</p>
			{ href && (
				<LinkButton
					href={ href }
					label={ __( 'Go to Plugins', 'jetpack-start-companion' ) }
				/>
			) }
		</>
	);
}

interface PluginStepProps {
	why: string;
	allowed: boolean;
	label: string;
	busyLabel: string;
	notAllowed: string;
	action: BusyAction;
	busy: BusyAction | null;
	onClick: () => void;
}

/**
 * The step still missing (install, or activate): why Jetpack is needed, then its
 * button, or who can take the step when the user's account can't.
 *
 * @param props
 * @param props.why        Why the plan needs Jetpack.
 * @param props.allowed    The user's account may take this step.
 * @param props.label      The button's label.
 * @param props.busyLabel  The button's label while the step runs.
 * @param props.notAllowed Says who can take the step instead.
 * @param props.action     Which action this step is.
 * @param props.busy       The action running, if any.
 * @param props.onClick    Takes the step.
 */
function PluginStep( {
	why,
	allowed,
	label,
	busyLabel,
	notAllowed,
	action,
	busy,
	onClick,
}: PluginStepProps ) {
	return (
		<>
			<p>{ why }</p>
			{ allowed ? (
				<ActionButton
					label={ label }
					busyLabel={ busyLabel }
					isBusy={ busy === action }
					isDisabled={ busy !== null }
					onClick={ onClick }
				/>
			) : (
				<p>{ notAllowed }</p>
			) }
		</>
	);
}
