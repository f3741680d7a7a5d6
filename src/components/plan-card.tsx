/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { describePlan, isJetpackReady, planLabel } from '../messages';
import type { BusyAction, CompanionStatus, ProvisioningState } from '../types';
import {
	StateDetails,
	SupportLink,
	WarningNotice,
	type StateProps,
} from './plan-details';
import { TermsOfService } from './terms-of-service';
import { ActionButton, Card, HEADING_IDS } from './ui';

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
