/**
 * Types mirroring the plugin's REST API (docs/rest-api.md, "The status object").
 *
 * Keep these in step with the PHP controller: every field here is a field the
 * PHP side sends, with the same name and the same nullability.
 */

/**
 * `provisioning.state`: where the request for the hosting plan's Jetpack plan stands.
 */
export const PROVISIONING_STATES = [
	'not_requested',
	'requesting',
	'active',
	'awaiting_authorization',
	'awaiting_dns',
	'expired',
	'connected_no_owner',
	'failed',
	'cancelled',
] as const;

export type ProvisioningState = ( typeof PROVISIONING_STATES )[ number ];

export interface JetpackStatus {
	/** jetpack/, jetpack-dev/, or a folder whose header says Text Domain: jetpack. */
	installed: boolean;
	/** Plugin active AND the Jetpack class loaded. */
	active: boolean;
	/** Turned on in Plugins; true while `active` is false means it did not load. */
	plugin_active: boolean;
	/** E.g. "jetpack/jetpack.php"; null when not installed. */
	plugin_file: string | null;
	/** Null when unknown. */
	version: string | null;
	/** Site-level connection (blog id + blog token). */
	connected: boolean;
	has_connected_owner: boolean;
	/** Whether the current user is connected. */
	user_connected: boolean;
	offline_mode: boolean;
	/** WordPress.com blog id. */
	blog_id: number | null;
	setup_url: string;
	connect_user_url: string;
	/** wp-admin's Plugins screen. */
	plugins_screen_url: string;
}

export interface ProvisioningError {
	code: string;
	/** Plain-language explanation, already translated by the PHP side. */
	message: string;
	/** Plain-language next step, already translated by the PHP side. */
	action: string;
	retryable: boolean;
	/** ISO 8601 date of the failure. */
	at: string;
	/** One line for the host's support (not translated): code, hop, HTTP status, request id, the check that explains it. */
	support?: string;
}

/** One preflight check's result (includes/Diagnostics/Result.php). */
export interface CheckResult {
	check: string;
	status: 'good' | 'recommended' | 'critical';
	/** What was found, translated. */
	label: string;
	/** What was tried and what came back, for support (not translated). */
	evidence: string;
	/** What the owner does, translated; '' when good. */
	fix: string;
	/** What the host does (not translated); '' when good. */
	host_fix: string;
}

/** The preflight checks (GET /diagnostics, and the status object's `diagnostics`). */
export interface Diagnostics {
	status: CheckResult[ 'status' ];
	/** When the oldest network result was found; null before any. */
	checked_at: string | null;
	fresh_until: string | null;
	/** Some network check has not run yet. */
	incomplete: boolean;
	results: CheckResult[];
	/** Every result on one line each, for the host's support (not translated). */
	support: string;
}

/** What WordPress.com last said of the plan on this site (POST /confirm). */
export interface PlanConfirmation {
	plan_on_site: 'active' | 'pending' | 'missing';
	/** ISO 8601. */
	checked_at: string;
}

export interface Provisioning {
	state: ProvisioningState;
	/** Plan slug granted or pending; null before any request. */
	plan: string | null;
	/** ISO 8601 or null. */
	requested_at: string | null;
	/** ISO 8601; pending states only, else null. */
	expires_at: string | null;
	/** The same date in the site's date format and language, ready to show; null with expires_at. */
	expires_on: string | null;
	/** Null, "" or an http(s) URL. */
	action_url: string | null;
	/** Case A: optional Secure Sign On link. Null, "" or an http(s) URL. */
	sign_on_url: string | null;
	error: ProvisioningError | null;
	/** Null until WordPress.com was asked after the current request. */
	confirmation: PlanConfirmation | null;
}

/** One step of the owner's journey (includes/Provisioning/Journey.php). */
export interface JourneyStep {
	id: 'jetpack' | 'reserved' | 'connected' | 'active';
	/** Translated, e.g. "Site connected". */
	label: string;
	done: boolean;
}

/** The journey at a glance: the step the owner is on and the one thing to do there. */
export interface Journey {
	/** The first step not done; the last once all are. */
	current: JourneyStep[ 'id' ];
	/** One sentence, translated. */
	todo: string;
	steps: JourneyStep[];
}

export interface HostStatus {
	/** The service URL and site key are set (never the values themselves). */
	configured: boolean;
	/** "" when not configured. */
	name: string;
	/** Human label of the plan the host bundles, e.g. "Jetpack Backup". */
	plan_label: string;
	/** "" or an http(s) URL. */
	support_url: string;
	/** The host's logo: "" or an http(s) URL. */
	logo_url: string;
}

/** Where links may lead (contract §7): every href the panel renders is checked against these. */
export interface LinkOrigins {
	/** WordPress.com's authorize page (case B). */
	authorize_origins: string[];
	/** This site: sign-on links and wp-admin screens. */
	site_origins: string[];
}

export interface UserStatus {
	can_provision: boolean;
	can_install_plugins: boolean;
	can_activate_plugins: boolean;
	display_name: string;
}

/** The status object answered by GET /jetpack-start-companion/v1/status and POST /provision. */
export interface CompanionStatus {
	jetpack: JetpackStatus;
	provisioning: Provisioning;
	/** Absent from a server older than the step indicator. */
	journey?: Journey;
	host: HostStatus;
	links: LinkOrigins;
	user: UserStatus;
	/** Absent from a server older than the checks. */
	diagnostics?: Diagnostics;
	/** ISO 8601. */
	checked_at: string;
}

/** Which action the panel is running, if any. */
export type BusyAction = 'install' | 'activate' | 'provision' | 'refresh';

/**
 * The global the PHP page prints (wp_add_inline_script, position "before") for the panel.
 *
 * @see src/index.tsx
 */
export interface CompanionBootData {
	initialStatus?: unknown;
}

/**
 * Runtime check that a value has the shape of the status object, so the panel never
 * renders from a malformed or unexpected answer.
 *
 * @param value Anything decoded from JSON.
 */
export function isCompanionStatus( value: unknown ): value is CompanionStatus {
	if ( ! isRecord( value ) ) {
		return false;
	}
	const { jetpack, provisioning, host, links, user } = value;
	return (
		isRecord( jetpack ) &&
		typeof jetpack.installed === 'boolean' &&
		typeof jetpack.active === 'boolean' &&
		typeof jetpack.offline_mode === 'boolean' &&
		typeof jetpack.connected === 'boolean' &&
		isRecord( provisioning ) &&
		typeof provisioning.state === 'string' &&
		( PROVISIONING_STATES as readonly string[] ).includes(
			provisioning.state
		) &&
		isRecord( host ) &&
		typeof host.configured === 'boolean' &&
		isRecord( links ) &&
		isStringList( links.authorize_origins ) &&
		isStringList( links.site_origins ) &&
		isRecord( user ) &&
		typeof user.can_provision === 'boolean'
	);
}

function isStringList( value: unknown ): value is string[] {
	return (
		Array.isArray( value ) &&
		value.every( ( item ) => typeof item === 'string' )
	);
}

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

/** What the panel's state hook (hooks/use-companion-status) offers its components. */
export type UserAction = Exclude< BusyAction, 'refresh' >;

export interface CompanionError {
	message: string;
	/** What was running when it happened. */
	source: BusyAction;
}

export interface UseCompanionStatus {
	/** Null until the first answer when no initial status was given. */
	status: CompanionStatus | null;
	/** The user action running, if any (background refreshes don't count). */
	busy: UserAction | null;
	error: CompanionError | null;
	refresh: () => Promise< void >;
	installJetpack: () => Promise< void >;
	activateJetpack: () => Promise< void >;
	provision: () => Promise< void >;
	dismissError: () => void;
}
