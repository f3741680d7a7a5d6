/**
 * Owns the panel's state: the status object, which action is running, and the last
 * error message. Keeps the status fresh when the user comes back to the tab (for
 * example from WordPress.com) and announces every change to screen reader users.
 */

/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import * as api from '../api';
import { describePlan } from '../messages';
import type {
	BusyAction,
	CompanionError,
	CompanionStatus,
	UseCompanionStatus,
	UserAction,
} from '../types';
import { useAnnounceChanges } from './use-announce-changes';

/**
 * How often to check again while a request runs on the server (POST /provision answers at once
 * and the attempt runs there; WordPress.com answers in seconds).
 */
export const REQUESTING_POLL_MS = 2_000;

export function useCompanionStatus(
	initialStatus: CompanionStatus | null
): UseCompanionStatus {
	const [ status, setStatus ] = useState< CompanionStatus | null >(
		initialStatus
	);
	const [ busy, setBusy ] = useState< UserAction | null >( null );
	const [ error, setError ] = useState< CompanionError | null >( null );

	// Refs, not state: they must be exact between two clicks in the same tick.
	const actionRef = useRef< UserAction | null >( null );
	// How many user actions have started: background answers older than one are stale.
	const actionCount = useRef( 0 );
	const refreshingRef = useRef( false );
	// Only the answer to the latest status request may replace the status.
	const requestSeq = useRef( 0 );
	const statusRef = useRef( status );
	statusRef.current = status;

	// The background failure last said: polling every few seconds must not repeat it aloud.
	const lastRefreshFailure = useRef( '' );
	const fail = useCallback( ( caught: unknown, source: BusyAction ) => {
		const { message } = api.toCompanionError( caught );
		if ( source === 'refresh' ) {
			if ( message === lastRefreshFailure.current ) {
				return;
			}
			lastRefreshFailure.current = message;
		}
		setError( { message, source } );
		speak( message, 'assertive' );
	}, [] );

	const fetchStatus = useCallback( async (): Promise< boolean > => {
		const seq = ++requestSeq.current;
		const next = await api.getStatus();
		if ( seq !== requestSeq.current ) {
			return false;
		}
		setStatus( next );
		return true;
	}, [] );

	const refresh = useCallback( async (): Promise< void > => {
		if ( refreshingRef.current || actionRef.current ) {
			return;
		}
		refreshingRef.current = true;
		try {
			if ( await fetchStatus() ) {
				lastRefreshFailure.current = '';
				setError( ( current ) =>
					current?.source === 'refresh' ? null : current
				);
			}
		} catch ( caught ) {
			fail( caught, 'refresh' );
		} finally {
			refreshingRef.current = false;
		}
	}, [ fetchStatus, fail ] );

	/**
	 * Runs one user action at a time; a second click while one runs does nothing.
	 */
	const run = useCallback(
		async (
			action: UserAction,
			announcement: string,
			perform: () => Promise< CompanionStatus | void >
		): Promise< void > => {
			if ( actionRef.current ) {
				return;
			}
			actionRef.current = action;
			++actionCount.current;
			setBusy( action );
			setError( null );
			speak( announcement, 'polite' );
			try {
				let next: CompanionStatus | void;
				try {
					next = await perform();
				} catch ( caught ) {
					fail( caught, action );
					// Show what is true now (e.g. already installed, or a request already running).
					await fetchStatus().catch( () => undefined );
					return;
				}
				if ( next ) {
					++requestSeq.current;
					setStatus( next );
				} else {
					// The action worked; only the check after it failed, and says so as such.
					await fetchStatus().catch( ( caught ) =>
						fail( caught, 'refresh' )
					);
				}
			} finally {
				actionRef.current = null;
				setBusy( null );
			}
		},
		[ fetchStatus, fail ]
	);

	const installJetpack = useCallback(
		() =>
			run(
				'install',
				__( 'Installing Jetpack…', 'jetpack-start-companion' ),
				api.installJetpack
			),
		[ run ]
	);

	const activateJetpack = useCallback(
		() =>
			run(
				'activate',
				__( 'Activating Jetpack…', 'jetpack-start-companion' ),
				async () => {
					const pluginFile = statusRef.current?.jetpack.plugin_file;
					await api.activateJetpack(
						pluginFile ?? 'jetpack/jetpack.php'
					);
				}
			),
		[ run ]
	);

	const provision = useCallback(
		() =>
			run(
				'provision',
				statusRef.current
					? describePlan( statusRef.current, 'requesting' )
					: __( 'Activating…', 'jetpack-start-companion' ),
				api.provision
			),
		[ run ]
	);

	const dismissError = useCallback( () => setError( null ), [] );

	// First answer when PHP didn't pass one; otherwise a check that is normally served
	// by the page's preloaded GET /status (no network).
	useEffect( () => {
		void refresh();
	}, [ refresh ] );

	// Once the panel has rendered: what the hosting provider did from its side (a plan it set
	// up at signup, or cancelled). Silent when it cannot be asked; a user action outranks it.
	// Not while a request runs on the server: its answer is newer (the site keeps it over the
	// host's record), and the follow below is the one poller then.
	useEffect( () => {
		const current = statusRef.current;
		if (
			current?.host.configured === false ||
			current?.provisioning.state === 'requesting'
		) {
			return;
		}
		const actionsBefore = actionCount.current;
		const seqBefore = requestSeq.current;
		api.pickUpHostRecord().then(
			( next ) => {
				if ( actionsBefore !== actionCount.current ) {
					return;
				}
				if ( seqBefore !== requestSeq.current ) {
					// Another answer came meanwhile (the WordPress.com confirmation, say), and this
					// one may predate it: read the stored record, which holds both.
					void refresh();
					return;
				}
				++requestSeq.current;
				setStatus( next );
			},
			() => undefined
		);
	}, [ refresh ] );

	// The user comes back from WordPress.com (or another tab): check again.
	useEffect( () => {
		const onVisible = () => {
			if ( document.visibilityState === 'visible' ) {
				void refresh();
			}
		};
		document.addEventListener( 'visibilitychange', onVisible );
		window.addEventListener( 'focus', onVisible );
		return () => {
			document.removeEventListener( 'visibilitychange', onVisible );
			window.removeEventListener( 'focus', onVisible );
		};
	}, [ refresh ] );

	// A request runs on the server (this panel's, another tab's, or one from before a reload).
	const isRequesting = status?.provisioning.state === 'requesting';
	useEffect( () => {
		if ( ! isRequesting || busy ) {
			return undefined;
		}
		const timer = setInterval( () => void refresh(), REQUESTING_POLL_MS );
		return () => clearInterval( timer );
	}, [ isRequesting, busy, refresh ] );

	// An active plan is checked with WordPress.com once: a site can look connected while the
	// plan never landed there (an offer that expired first, an orphan connection). A failed
	// check is not the user's problem, so it stays silent and the panel keeps what it shows.
	const {
		state,
		confirmation,
		requested_at: requestedAt,
	} = status?.provisioning ?? {};
	const confirmedFor = useRef< string | null >( null );
	useEffect( () => {
		if ( state !== 'active' || confirmation || busy ) {
			return;
		}
		const key = requestedAt ?? '';
		if ( confirmedFor.current === key ) {
			return;
		}
		confirmedFor.current = key;
		// Its answer is the newest news unless the user started an action meanwhile; a status
		// check that raced it (focus, polling) must not drop it, so it outranks them.
		const actionsBefore = actionCount.current;
		api.confirmPlan().then(
			( next ) => {
				if ( actionsBefore !== actionCount.current ) {
					confirmedFor.current = null;
					return;
				}
				++requestSeq.current;
				setStatus( next );
			},
			() => undefined
		);
	}, [ state, confirmation, requestedAt, busy ] );

	useAnnounceChanges( status );

	return {
		status,
		busy,
		error,
		refresh,
		installJetpack,
		activateJetpack,
		provision,
		dismissError,
	};
}
