import type { FleetState, SiteFields } from './types.js';

/**
 * When the service looks at a pending site again: the host's re-check interval, the renewal
 * window before a pending activation expires, and the expiry itself, whichever comes first.
 */

export const PENDING_STATES: readonly FleetState[] = [
	'awaiting_authorization',
	'awaiting_dns',
];

export interface StatePolicy {
	/** how long after a check a pending site is checked again */
	recheckIntervalMs: number;
	/** the host's renewal policy: how many renewals, and how long before the expiry */
	renewalsMax: number;
	renewBeforeMs: number;
}

/**
 * When a job should look at a pending site next: after the re-check interval, or earlier
 * when the renewal policy wants it renewed (before its expiry) or when the offer lapses.
 * @param f
 * @param at
 * @param p
 */
export function nextCheck(
	f: SiteFields,
	at: number,
	p: StatePolicy
): Date | null {
	if ( ! PENDING_STATES.includes( f.state ) ) {
		return null;
	}
	let t = at + p.recheckIntervalMs;
	const expires = f.pending_expires_at?.getTime() ?? null;
	if ( expires !== null && expires > at ) {
		const renewAt = expires - p.renewBeforeMs;
		if ( f.renewals < p.renewalsMax && renewAt > at ) {
			t = Math.min( t, renewAt );
		}
		t = Math.min( t, expires );
	}
	return new Date( t );
}

/**
 * Whether the host's policy renews this pending activation now: within the renewal window
 * before its expiry, and renewals left (at most one per offer: a renewal starts a new one).
 * @param f
 * @param at
 * @param p
 */
export function renewalDue(
	f: Pick< SiteFields, 'state' | 'pending_expires_at' | 'renewals' >,
	at: number,
	p: StatePolicy
): boolean {
	const expires = f.pending_expires_at?.getTime() ?? null;
	return (
		PENDING_STATES.includes( f.state ) &&
		expires !== null &&
		expires > at &&
		expires - p.renewBeforeMs <= at &&
		f.renewals < p.renewalsMax
	);
}
