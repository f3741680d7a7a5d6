<?php
/**
 * Wires the plugin into WordPress: every hook the plugin registers is registered here, and costs
 * nothing where it is not used. On the front end and on admin pages that are not the panel only
 * plugin.php, the autoloader and this file load (the menu entries need nothing else); every other
 * class loads when its page, route, command or upgrade runs.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion;

use JetpackStartCompanion\Admin\Page;
use JetpackStartCompanion\Fleet\HostRecord;
use JetpackStartCompanion\Fleet\Reporter;
use JetpackStartCompanion\HostService\Client;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Provisioning\AttemptRunner;
use JetpackStartCompanion\Provisioning\Provisioner;
use JetpackStartCompanion\Provisioning\StatusBuilder;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Rest\AttemptController;
use JetpackStartCompanion\Rest\ConfirmController;
use JetpackStartCompanion\Rest\HostRecordController;
use JetpackStartCompanion\Rest\ProvisionController;
use JetpackStartCompanion\Rest\StatusController;

defined( 'ABSPATH' ) || exit;

final class Plugin {

	/**
	 * The panel's admin page slug (admin.php?page=…).
	 */
	public const PAGE_SLUG = 'jetpack-start-companion';

	/**
	 * The network admin's page of every site's plan (network/admin.php?page=…), and who may open it.
	 */
	public const NETWORK_PAGE_SLUG       = 'jetpack-start-companion-sites';
	public const NETWORK_PAGE_CAPABILITY = 'manage_network';

	/** WP-Cron: runs a queued plan request that no other runner took (args: its key). */
	public const EVENT_RUN_ATTEMPT = 'jetpack_start_companion_run_attempt';

	/** WP-Cron, daily: the fleet report, then the host's record picked up (Fleet\Cron::daily). */
	public const EVENT_DAILY = 'jetpack_start_companion_daily';

	/** WP-Cron, once: the fleet report a change of state queues (Fleet\Cron::changed). */
	public const EVENT_REPORT_CHANGED = 'jetpack_start_companion_report_changed';

	/** WP-Cron, once: WordPress.com is asked about a plan that just turned active (Provisioning\ConfirmSchedule). */
	public const EVENT_CONFIRM = 'jetpack_start_companion_confirm_plan';

	/** WP-Cron, daily while that plan is not confirmed: asked again. */
	public const EVENT_CONFIRM_DAILY = 'jetpack_start_companion_confirm_plan_daily';

	/**
	 * The plugin's WP-Cron events and what each runs; Schedule schedules them. Hooked on every
	 * load, which costs nothing: a callback's class loads only when its event runs.
	 */
	public const EVENTS = array(
		self::EVENT_RUN_ATTEMPT    => array( AttemptRunner::class, 'run_scheduled' ),
		self::EVENT_DAILY          => array( Fleet\Cron::class, 'daily' ),
		self::EVENT_REPORT_CHANGED => array( Fleet\Cron::class, 'changed' ),
		self::EVENT_CONFIRM        => array( Provisioning\ConfirmSchedule::class, 'run' ),
		self::EVENT_CONFIRM_DAILY  => array( Provisioning\ConfirmSchedule::class, 'run' ),
	);

	/** Reminders: the autoloaded offer's expiry or 0 (Reminders\Hint), the user option of a dismissal, the last days. */
	public const REMINDER_OPTION    = 'jetpack_start_companion_reminder';
	public const REMINDER_DISMISSED = 'jetpack_start_companion_reminder_dismissed';
	public const REMINDER_LAST_DAYS = 3;

	private static ?Page $page = null;

	/**
	 * Called once, from plugin.php, when WordPress loads the plugin.
	 */
	public static function register(): void {
		add_action( 'init', 'jetpack_start_companion_load_textdomain' );
		// Stored data a version behind (after an update; per site on multisite): brought up to date
		// before anything reads it. The option autoloads, so the comparison costs no query.
		add_action( 'plugins_loaded', array( self::class, 'upgrade_stored_data' ), 5 );
		foreach ( self::EVENTS as $event => $callback ) {
			add_action( $event, $callback );
		}
		add_action( 'rest_api_init', array( self::class, 'register_routes' ) );
		// Every save of the provisioning record, whoever makes it, may change the state.
		add_action( 'add_option_jetpack_start_companion_record', array( Provisioning\StateSignal::class, 'saved' ), 10, 2 );
		add_action( 'update_option_jetpack_start_companion_record', array( Provisioning\StateSignal::class, 'saved' ), 10, 2 );
		// Tools → Site Health: the preflight checks and an Info section (Diagnostics\SiteHealth loads only then).
		add_filter( 'site_status_tests', array( Diagnostics\SiteHealth::class, 'tests' ) );
		add_filter( 'debug_information', array( Diagnostics\SiteHealth::class, 'info' ) );
		if ( is_admin() ) {
			add_action( 'admin_menu', array( self::class, 'register_menu' ) );
			add_action( 'network_admin_menu', array( self::class, 'register_network_menu' ) );
			add_action( 'admin_init', array( self::class, 'schedule_daily' ) );
			// Reminders while an activation is pending: decided from an autoloaded option and the
			// user's meta (no query); Reminders\Reminder loads only where one is shown.
			add_action( 'admin_init', array( self::class, 'remind' ) );
			add_action( 'admin_post_jetpack_start_companion_dismiss_reminder', array( Reminders\Reminder::class, 'dismiss' ) );
		}
		// The host's fleet view (contract §9, §10): a daily report and pick-up (EVENT_DAILY), and a
		// report when the state changes (EVENT_REPORT_CHANGED, a single WP-Cron event, so the
		// request that changed it does not wait for the service). Fleet\Cron loads only then. The
		// daily event is scheduled from wp-admin (and by the first changed report), never on the
		// front end.
		add_action( 'jetpack_start_companion_state_changed', array( Fleet\Cron::class, 'queue_report' ) );
		add_action( 'jetpack_start_companion_state_changed', array( Reminders\Hint::class, 'changed' ), 10, 3 );
		// Confirmation without a browser: a plan that turns active is checked with WordPress.com
		// by WP-Cron (EVENT_CONFIRM, then EVENT_CONFIRM_DAILY until it is confirmed).
		add_action( 'jetpack_start_companion_state_changed', array( Provisioning\ConfirmSchedule::class, 'state_changed' ), 10, 3 );
		// Deactivation leaves no WP-Cron event of the plugin behind (on every site when network-wide).
		register_deactivation_hook( JETPACK_START_COMPANION_FILE, array( Lifecycle\Deactivation::class, 'run' ) );
		// Per-site keys from a map the host writes (multisite, or many sites sharing one wp-config.php).
		if ( defined( 'JETPACK_START_COMPANION_SITE_KEYS' ) ) {
			add_filter( 'jetpack_start_companion_site_key', array( Network\SiteKeys::class, 'filter' ) );
		}
		if ( defined( 'WP_CLI' ) && constant( 'WP_CLI' ) ) {
			\WP_CLI::add_command( 'jetpack-start-companion', Cli\Command::class );
		}
	}

	/**
	 * Who may use the panel and its routes.
	 */
	public static function capability(): string {
		/**
		 * The capability a user needs to see the panel, read the status and ask for the plan
		 * (the REST routes, and the owner named with `wp … provision --user`).
		 *
		 * @since 0.1.0
		 *
		 * @param string $capability Default 'manage_options'. Anything but a non-empty string keeps the default.
		 */
		$capability = apply_filters( 'jetpack_start_companion_capability', 'manage_options' );
		return is_string( $capability ) && '' !== $capability ? $capability : 'manage_options';
	}

	public static function status_builder(): StatusBuilder {
		return new StatusBuilder( new Config(), new Detector(), new Store() );
	}

	public static function provisioner(): Provisioner {
		$config = new Config();
		return new Provisioner( $config, new Detector(), new Store(), new Client( $config ), new Diagnostics\Preflight() );
	}

	public static function attempt_runner(): AttemptRunner {
		return new AttemptRunner( new Config(), self::provisioner(), new Store() );
	}

	public static function reporter(): Reporter {
		$config = new Config();
		return new Reporter( $config, new Detector(), new Store(), new Client( $config ) );
	}

	public static function host_record(): HostRecord {
		$config = new Config();
		return new HostRecord( $config, new Store(), new Client( $config ) );
	}

	/**
	 * The daily event, scheduled once per site (the cron option autoloads: no query). Its first
	 * run is spread over the day, so a host's sites do not all report at the same minute.
	 */
	public static function schedule_daily(): void {
		// Asked on every admin page: Schedule loads only when the event is missing.
		if ( false === wp_next_scheduled( self::EVENT_DAILY ) ) {
			Schedule::daily( self::EVENT_DAILY, wp_rand( 60, DAY_IN_SECONDS ) );
		}
	}

	/**
	 * Where a pending activation's reminder stands for this user: `pending`, `last_days` (the
	 * last REMINDER_LAST_DAYS), `expired` (becomes "Request again"), or null when none is due
	 * (nothing pending, or the user cannot act). Costs no query: the option autoloads.
	 */
	public static function reminder_phase( int $user_id, int $now ): ?string {
		$expires = (int) get_option( self::REMINDER_OPTION );
		if ( 0 === $expires || ! user_can( $user_id, self::capability() ) ) {
			return null;
		}
		$left = $expires - $now;
		if ( $left <= 0 ) {
			return 'expired';
		}
		return $left <= self::REMINDER_LAST_DAYS * DAY_IN_SECONDS ? 'last_days' : 'pending';
	}

	/** What a dismissal of this phase of the current offer is stored as (user option, per site). */
	public static function dismissal( string $phase ): string {
		return (int) get_option( self::REMINDER_OPTION ) . ':' . $phase;
	}

	/**
	 * On admin_init: the notice (unless this user dismissed this phase, or this is the panel) and,
	 * on the Dashboard, the widget. Nothing is loaded or hooked when no reminder is due.
	 */
	public static function remind(): void {
		if ( ! wp_doing_ajax() ) {
			self::remind_at( time() );
		}
	}

	/** The decision of remind(), at a given time. */
	public static function remind_at( int $now ): void {
		$user  = get_current_user_id();
		$phase = self::reminder_phase( $user, $now );
		/**
		 * Whether this user sees reminders of a pending activation (the admin notice and the
		 * Dashboard widget). Runs only when one is due for a user who can act.
		 *
		 * @since 0.2.0
		 *
		 * @param bool   $show    Default true.
		 * @param int    $user_id The user.
		 * @param string $phase   `pending`, `last_days` or `expired`.
		 */
		if ( null === $phase || true !== apply_filters( 'jetpack_start_companion_show_reminders', true, $user, $phase ) ) {
			return;
		}
		if ( 'index.php' === ( $GLOBALS['pagenow'] ?? '' ) ) {
			add_action( 'wp_dashboard_setup', array( Reminders\Reminder::class, 'widget' ) );
		}
		if ( self::PAGE_SLUG !== ( $GLOBALS['plugin_page'] ?? '' ) && get_user_option( self::REMINDER_DISMISSED, $user ) !== self::dismissal( $phase ) ) {
			add_action( 'admin_notices', array( Reminders\Reminder::class, 'notice' ) );
		}
	}

	/**
	 * The Schema class loads only when the stored version differs from this code's.
	 */
	public static function upgrade_stored_data(): void {
		if ( JETPACK_START_COMPANION_SCHEMA_VERSION !== (int) get_option( JETPACK_START_COMPANION_SCHEMA_OPTION, 0 ) ) {
			Lifecycle\Schema::upgrade();
		}
	}

	public static function register_routes(): void {
		$config      = new Config();
		$status      = self::status_builder();
		$provisioner = self::provisioner();
		$runner      = self::attempt_runner();
		( new StatusController( $config, $status, $runner ) )->register_routes();
		( new ProvisionController( $config, $status, $runner, $provisioner ) )->register_routes();
		( new ConfirmController( $config, $status, $runner, $provisioner ) )->register_routes();
		( new HostRecordController( $config, $status, $runner, self::host_record() ) )->register_routes();
		( new Rest\DiagnosticsController( $config, $status, $runner ) )->register_routes();
		( new AttemptController( $runner ) )->register_routes();
	}

	/**
	 * The menu entry. Its page's code loads only when the page is opened (load-{page hook}).
	 */
	public static function register_menu(): void {
		$hook = add_menu_page(
			__( 'Your Jetpack plan', 'jetpack-start-companion' ),
			__( 'Jetpack Plan', 'jetpack-start-companion' ),
			self::capability(),
			self::PAGE_SLUG,
			array( self::class, 'render_page' ),
			'dashicons-shield',
			3
		);
		if ( '' !== $hook ) {
			add_action( 'load-' . $hook, array( self::class, 'load_page' ) );
		}
	}

	/**
	 * Multisite: the network's sites and their plans, for network admins. Network\SitesPage loads
	 * only when its page is opened.
	 */
	public static function register_network_menu(): void {
		add_menu_page(
			__( 'Jetpack plans on this network', 'jetpack-start-companion' ),
			__( 'Jetpack Plans', 'jetpack-start-companion' ),
			self::NETWORK_PAGE_CAPABILITY,
			self::NETWORK_PAGE_SLUG,
			array( Network\SitesPage::class, 'render' ),
			'dashicons-shield',
			21
		);
	}

	public static function load_page(): void {
		self::$page = new Page( self::status_builder(), self::attempt_runner() );
		self::$page->load();
	}

	public static function render_page(): void {
		self::$page?->render();
	}
}
