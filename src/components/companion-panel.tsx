/**
 * WordPress dependencies
 */
import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { useCompanionStatus } from '../hooks/use-companion-status';
import type { BusyAction, CompanionStatus } from '../types';
import { ConnectionCard } from './connection-card';
import { DiagnosticsCard } from './diagnostics-card';
import { HostBrand } from './host-brand';
import { JetpackCard } from './jetpack-card';
import { JourneySteps } from './journey-steps';
import { PlanCard } from './plan-card';
import { ActionButton, HEADING_IDS, Notice, Spinner } from './ui';

interface Props {
	/** The status object printed by the page; null to load it. */
	initialStatus: CompanionStatus | null;
}

const ACTION_CARD: Record< Exclude< BusyAction, 'refresh' >, string > = {
	install: HEADING_IDS.jetpack,
	activate: HEADING_IDS.jetpack,
	provision: HEADING_IDS.plan,
};

/**
 * The whole panel: Jetpack, the plan, the connection.
 *
 * @param props
 * @param props.initialStatus The status object printed by the page, or null.
 */
export function CompanionPanel( { initialStatus }: Props ) {
	const {
		status,
		busy,
		error,
		refresh,
		installJetpack,
		activateJetpack,
		provision,
		dismissError,
	} = useCompanionStatus( initialStatus );

	const container = useKeepFocus( busy );

	const errorNotice = error && (
		<Notice status="error" onDismiss={ dismissError }>
			<p>{ error.message }</p>
		</Notice>
	);

	if ( ! status ) {
		return (
			<div className="jetpack-start-companion" style={ LAYOUT }>
				{ errorNotice }
				{ error ? (
					<ActionButton
						label={ __( 'Try again', 'jetpack-start-companion' ) }
						busyLabel=""
						isBusy={ false }
						isDisabled={ false }
						onClick={ () => void refresh() }
					/>
				) : (
					<p>
						<Spinner />
						{ __(
							'Checking your site…',
							'jetpack-start-companion'
						) }
					</p>
				) }
			</div>
		);
	}

	return (
		<div
			ref={ container }
			className="jetpack-start-companion"
			style={ LAYOUT }
		>
			<HostBrand host={ status.host } />
			{ errorNotice }
			{ status.journey && <JourneySteps journey={ status.journey } /> }
			<JetpackCard
				status={ status }
				busy={ busy }
				onInstall={ () => void installJetpack() }
				onActivate={ () => void activateJetpack() }
			/>
			<PlanCard
				status={ status }
				busy={ busy }
				onProvision={ () => void provision() }
			/>
			<ConnectionCard status={ status } />
			{ status.diagnostics?.checked_at &&
				status.diagnostics.status !== 'good' && (
					<DiagnosticsCard diagnostics={ status.diagnostics } />
				) }
		</div>
	);
}

const LAYOUT = {
	display: 'grid',
	gap: '16px',
	maxWidth: '720px',
	marginTop: '16px',
} as const;

/**
 * When an action ends and its button is gone, focus would fall back to the page:
 * move it to the heading of the card the action belongs to.
 *
 * @param busy The action running, if any.
 */
function useKeepFocus( busy: Exclude< BusyAction, 'refresh' > | null ) {
	const container = useRef< HTMLDivElement >( null );
	const previous = useRef( busy );
	useEffect( () => {
		const ended = previous.current;
		previous.current = busy;
		const doc = container.current?.ownerDocument;
		if ( ! ended || busy || ! doc ) {
			return;
		}
		if ( ! doc.activeElement || doc.activeElement === doc.body ) {
			doc.getElementById( ACTION_CARD[ ended ] )?.focus();
		}
	}, [ busy ] );
	return container;
}
