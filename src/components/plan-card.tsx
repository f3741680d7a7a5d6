/**
 * WordPress dependencies
 */
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { linkOrigin } from '../links';
import {
	describeConfirmation,
	describePlan,
	isJetpackReady,
	planLabel,
} from '../messages';
import type {
	BusyAction,
	CompanionStatus,
	ProvisioningError,
	ProvisioningState,
} from '../types';
import { SupportDetails } from './diagnostics-card';
import { TermsOfService } from './terms-of-service';
import { ActionButton, Card, ExternalLink, HEADING_IDS, Notice } from './ui';

interface Props {
	status: CompanionStatus;
	busy: BusyAction | null;
	onProvision: () => void;
}

/** States whose action asks the hosting provider for the plan. */
const REQUEST_STATES: readonly ProvisioningState[] = [
	'not_requested',
	'expired',
	'failed',
];

/**
 * The plan bundled with the hosting: where the request stands, and the one action
 * that asks for it (again).
 *
 * @param props
 * @param props.status      The status object.
 * @param props.busy        The action running, if any.
 * @param props.onProvision Asks for the plan.
 */
export function PlanCard( { status, busy, onProvision }: Props ) {
	const { provisioning } = status;
	const state: ProvisioningState =
		busy === 'provision' ? 'requesting' : provisioning.state;
	const label = planLabel( status );
	const title =
		status.host.plan_label.trim() ||
		__( 'Your Jetpack plan', 'jetpack-start-companion' );
	const canAsk =
		REQUEST_STATES.includes( provisioning.state ) ||
		isMissingOnWordPressCom( status, provisioning.state );

	// Nothing can be asked for until the host sets the site up: say only that.
	if ( canAsk && ! status.host.configured ) {
		return (
			<Card id={ HEADING_IDS.plan } title={ title }>
				<NotConfigured status={ status } />
			</Card>
		);
	}

	return (
		<Card id={ HEADING_IDS.plan } title={ title }>
			<p>
				<strong>{ describePlan( status, state ) }</strong>
			</p>
			<StateDetails status={ status } state={ state } />
			{ state !== 'failed' && <WarningNotice status={ status } /> }
			{ provisioning.state === 'requesting' && ! busy && (
				<ActionButton
					label={ activateLabel( label ) }
					busyLabel={ __( 'Activating…', 'jetpack-start-companion' ) }
					isBusy
					isDisabled
					onClick={ onProvision }
				/>
			) }
			{ /* Keyed on the stored state, not the shown one: while this panel's own request
			   runs, the same button stays mounted (busy) and keeps keyboard focus. */ }
			{ canAsk && (
				<RequestAction
					status={ status }
					state={ provisioning.state }
					busy={ busy }
					onProvision={ onProvision }
				/>
			) }
		</Card>
	);
}

/**
 * The host has not set the site up (no service address or key): the one thing to say.
 *
 * @param props
 * @param props.status The status object.
 */
function NotConfigured( { status }: { status: CompanionStatus } ) {
	const { name } = status.host;
	return (
		<>
			<p>
				<strong>
					{ name
						? sprintf(
								/* translators: %s: hosting provider name. */
								__(
									'%s hasn’t finished setting this up for your site yet, so the plan can’t be activated from here. Contact their support.',
									'jetpack-start-companion'
								),
								name
						  )
						: __(
								'Your hosting provider hasn’t finished setting this up for your site yet, so the plan can’t be activated from here. Contact their support.',
								'jetpack-start-companion'
						  ) }
				</strong>
			</p>
			<SupportLink status={ status } />
		</>
	);
}

/**
 * The panel shows the plan active, but WordPress.com says it isn't on the site.
 *
 * @param status The status object.
 * @param state  The state shown.
 */
function isMissingOnWordPressCom(
	status: CompanionStatus,
	state: ProvisioningState
): boolean {
	return (
		state === 'active' &&
		status.provisioning.confirmation?.plan_on_site === 'missing'
	);
}

function activateLabel( label: string ): string {
	return sprintf(
		/* translators: %s: plan name, e.g. "Jetpack Backup". */
		__( 'Activate %s', 'jetpack-start-companion' ),
		label
	);
}

interface StateProps {
	status: CompanionStatus;
	state: ProvisioningState;
}

function StateDetails( { status, state }: StateProps ) {
	const { provisioning } = status;
	const label = planLabel( status );
	const expires = provisioning.expires_on;
	const expiry = expires ? (
		<p>
			{ sprintf(
				/* translators: %s: date, e.g. "December 11, 2026". */
				__(
					'This activation request is valid until %s. After that, you’ll need to request it again.',
					'jetpack-start-companion'
				),
				expires
			) }
		</p>
	) : null;

	switch ( state ) {
		case 'not_requested':
			return (
				<p>
					{ sprintf(
						/* translators: %s: plan name, e.g. "Jetpack Backup". */
						__(
							'Activate it to connect your site to WordPress.com and turn on %s. It’s already paid for with your hosting.',
							'jetpack-start-companion'
						),
						label
					) }
				</p>
			);
		case 'requesting':
			return (
				<p>
					{ __(
						'WordPress.com is setting up your plan. You can stay on this page; it updates by itself.',
						'jetpack-start-companion'
					) }
				</p>
			);
		case 'active':
			return <ConfirmationDetails status={ status } />;
		case 'awaiting_authorization':
		case 'awaiting_dns':
			return expiry;
		case 'expired':
			return (
				<p>
					{ __(
						'An activation request is valid for 14 days. Request it again, then connect your site.',
						'jetpack-start-companion'
					) }
				</p>
			);
		case 'cancelled':
			return (
				<>
					<p>
						{ __(
							'If you think this is a mistake, contact your hosting provider’s support.',
							'jetpack-start-companion'
						) }
					</p>
					<SupportLink status={ status } />
				</>
			);
		case 'failed':
			return provisioning.error ? (
				<ErrorExplanation error={ provisioning.error } />
			) : (
				<p>
					{ __(
						'The last request didn’t go through.',
						'jetpack-start-companion'
					) }
				</p>
			);
		default:
			return null;
	}
}

/**
 * What WordPress.com said when asked whether the plan is on the site.
 *
 * @param props
 * @param props.status The status object.
 */
function ConfirmationDetails( { status }: { status: CompanionStatus } ) {
	const sentence = describeConfirmation( status );
	if ( ! sentence ) {
		return null;
	}
	if ( status.provisioning.confirmation?.plan_on_site !== 'missing' ) {
		return <p>{ sentence }</p>;
	}
	return (
		<Notice status="warning">
			<p>{ sentence }</p>
			<p>
				{ __(
					'This happens when the activation request expired before your site connected. Request it again; it’s already paid for with your hosting.',
					'jetpack-start-companion'
				) }
			</p>
		</Notice>
	);
}

/**
 * The last request failed but an earlier good answer still stands: say so, keep the
 * state's own action. Dismissed until a different failure comes in.
 *
 * @param props
 * @param props.status The status object.
 */
function WarningNotice( { status }: { status: CompanionStatus } ) {
	const { error } = status.provisioning;
	const key = error ? `${ error.code } ${ error.at }` : '';
	const [ dismissed, setDismissed ] = useState< string | null >( null );
	if ( ! error || dismissed === key ) {
		return null;
	}
	return (
		<Notice status="warning" onDismiss={ () => setDismissed( key ) }>
			<ErrorExplanation error={ error } />
		</Notice>
	);
}

/**
 * What went wrong, what to do, and the code support will ask for.
 *
 * @param props
 * @param props.error The failure from the status object.
 */
function ErrorExplanation( { error }: { error: ProvisioningError } ) {
	return (
		<>
			<p>{ error.message }</p>
			{ error.action && <p>{ error.action }</p> }
			<p>
				{ sprintf(
					/* translators: %s: a short technical error code, e.g. partner_key_disabled. */
					__( 'Error code: %s', 'jetpack-start-companion' ),
					error.code
				) }
			</p>
			{ error.support && <SupportDetails text={ error.support } /> }
		</>
	);
}

interface RequestProps extends StateProps {
	busy: BusyAction | null;
	onProvision: () => void;
}

/**
 * The button that asks for the plan, or why the user can't ask.
 *
 * @param props
 * @param props.status      The status object.
 * @param props.state       The state shown.
 * @param props.busy        The action running, if any.
 * @param props.onProvision Asks for the plan.
 */
function RequestAction( { status, state, busy, onProvision }: RequestProps ) {
	const { jetpack, user, provisioning } = status;
	const label = planLabel( status );

	if ( ! isJetpackReady( status ) ) {
		return (
			<p>
				{ jetpack.offline_mode && jetpack.active
					? __(
							'It can be activated once your site is out of offline mode.',
							'jetpack-start-companion'
					  )
					: __(
							'It can be activated once Jetpack is installed and active.',
							'jetpack-start-companion'
					  ) }
			</p>
		);
	}
	if ( ! user.can_provision ) {
		return (
			<p>
				{ sprintf(
					/* translators: %s: plan name, e.g. "Jetpack Backup". */
					__(
						'Only a site administrator can activate %s. Ask an administrator to open this page.',
						'jetpack-start-companion'
					),
					label
				) }
			</p>
		);
	}

	let buttonLabel = activateLabel( label );
	let variant: 'primary' | 'secondary' = 'primary';
	if ( state === 'expired' || state === 'active' ) {
		buttonLabel = __( 'Request again', 'jetpack-start-companion' );
	} else if ( state === 'failed' ) {
		buttonLabel = __( 'Try again', 'jetpack-start-companion' );
		if ( provisioning.error && ! provisioning.error.retryable ) {
			variant = 'secondary';
		}
	}

	return (
		<>
			<TermsOfService buttonLabel={ buttonLabel } />
			<ActionButton
				label={ buttonLabel }
				busyLabel={ __( 'Activating…', 'jetpack-start-companion' ) }
				isBusy={ busy === 'provision' }
				isDisabled={ busy !== null }
				onClick={ onProvision }
				variant={ variant }
			/>
			{ state === 'failed' && <SupportLink status={ status } /> }
		</>
	);
}

function SupportLink( { status }: { status: CompanionStatus } ) {
	const { name, support_url: url } = status.host;
	// The host's own address (wp-config): any origin, but only a URL every parser reads alike.
	if ( linkOrigin( url ) === null ) {
		return null;
	}
	return (
		<p>
			<ExternalLink href={ url }>
				{ name
					? sprintf(
							/* translators: %s: hosting provider name. */
							__(
								'Contact %s support',
								'jetpack-start-companion'
							),
							name
					  )
					: __(
							'Contact your hosting provider',
							'jetpack-start-companion'
					  ) }
			</ExternalLink>
		</p>
	);
}
