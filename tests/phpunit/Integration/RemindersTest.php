<?php
/**
 * Reminders of a pending activation (issue 10 §5): who sees the notice and the Dashboard widget,
 * and when — pending with the days left, dismissed and back in the last three days, gone once the
 * site is connected, "Request again" once the offer expired, never for a user who cannot act —
 * and that deciding it costs no query and hooks nothing when none is shown.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Integration;

use JetpackStartCompanion\Admin\Page;
use JetpackStartCompanion\Lifecycle\Schema;
use JetpackStartCompanion\Lifecycle\StoredData;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\Record;
use JetpackStartCompanion\Provisioning\Store;
use JetpackStartCompanion\Reminders\Reminder;
use JetpackStartCompanion\Tests\TestCase;

final class RemindersTest extends TestCase {

	private const AUTHORIZE = 'https://jetpack.wordpress.com/jetpack.authorize/1/?client_id=42';

	/** @var array<string,mixed> */
	private array $globals = array();

	protected function setUp(): void {
		parent::setUp();
		$this->globals          = array(
			'pagenow'     => $GLOBALS['pagenow'] ?? null,
			'plugin_page' => $GLOBALS['plugin_page'] ?? null,
		);
		$GLOBALS['pagenow']     = 'index.php';
		$GLOBALS['plugin_page'] = null;
		Reminder::forget();
		$this->unhook();
	}

	protected function tearDown(): void {
		$this->unhook();
		foreach ( $this->globals as $name => $value ) {
			$GLOBALS[ $name ] = $value;
		}
		unset( $_REQUEST['_wpnonce'] );
		parent::tearDown();
	}

	private function unhook(): void {
		remove_action( 'admin_notices', array( Reminder::class, 'notice' ) );
		remove_action( 'wp_dashboard_setup', array( Reminder::class, 'widget' ) );
	}

	/**
	 * A case B (or C) answer saved as the provisioning code saves it, the offer ending in $days.
	 */
	private function pending( float $days, string $outcome = 'awaiting_authorization' ): int {
		$expires = time() + (int) ( $days * DAY_IN_SECONDS );
		( new Store() )->save( new Record( 'jetpack-backup-daily', $outcome, 'awaiting_dns' === $outcome ? '' : self::AUTHORIZE, $expires - 14 * DAY_IN_SECONDS, $expires ) );
		Reminder::forget();
		return $expires;
	}

	/**
	 * What Plugin::remind() hooked for the current user at $now: notice and/or widget.
	 *
	 * @return array{notice:bool,widget:bool}
	 */
	private function hooked( int $now ): array {
		$this->unhook();
		Plugin::remind_at( $now );
		return array(
			'notice' => false !== has_action( 'admin_notices', array( Reminder::class, 'notice' ) ),
			'widget' => false !== has_action( 'wp_dashboard_setup', array( Reminder::class, 'widget' ) ),
		);
	}

	/**
	 * Asserts what Plugin::remind() hooks for the current user at $now.
	 */
	private function assert_shown( bool $notice, bool $widget, int $now, string $message = '' ): void {
		$this->assertSame(
			array(
				'notice' => $notice,
				'widget' => $widget,
			),
			$this->hooked( $now ),
			$message
		);
	}

	private function notice(): string {
		ob_start();
		Reminder::notice();
		return (string) ob_get_clean();
	}

	private function dismiss(): void {
		$_REQUEST['_wpnonce'] = wp_create_nonce( Reminder::DISMISS_ACTION );
		Reminder::record_dismissal();
	}

	public function test_a_pending_activation_reminds_who_can_act_with_the_days_left_and_set_up_jetpack(): void {
		$admin = $this->login_admin();
		$this->pending( 10 );

		$this->assert_shown( true, true, time() );
		$notice = $this->notice();
		$this->assertStringContainsString( 'Jetpack Backup is reserved for your site for 10 more days (until ', $notice );
		$this->assertStringContainsString( 'Set up Jetpack and approve the connection to WordPress.com.', $notice, 'the one thing to do, as the panel\'s journey says it' );
		$this->assertStringContainsString( 'href="' . esc_url( $this->status()['provisioning']['action_url'] ) . '">Set Up Jetpack</a>', $notice, 'where the panel\'s Set Up Jetpack goes' );
		$this->assertStringContainsString( 'name="_wpnonce"', $notice );
		$this->assertStringContainsString( 'class="notice-dismiss"', $notice, 'a real button: keyboard reachable' );
		$this->assertSame( Reminder::content( $admin, time() ), Reminder::content( $admin, time() ), 'the widget says the same' );

		// Case C: Set Up Jetpack starts Jetpack's connection flow, which needs the panel.
		$this->pending( 5, 'awaiting_dns' );
		$this->assertStringContainsString( 'href="' . esc_url( Page::url() ) . '">Set Up Jetpack</a>', $this->notice() );

		// Not on the panel itself, which says it all.
		$GLOBALS['plugin_page'] = Plugin::PAGE_SLUG;
		$GLOBALS['pagenow']     = 'admin.php';
		$this->assert_shown( false, false, time() );
	}

	public function test_nobody_else_sees_it(): void {
		$this->pending( 10 );
		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			wp_set_current_user( $this->user( $role ) );
			$this->assert_shown( false, false, time(), $role );
			$this->assertNull( Reminder::content( get_current_user_id(), time() ), $role );
		}
		// The capability filter decides, as for the panel.
		wp_set_current_user( $this->user( 'editor' ) );
		$this->filter( 'jetpack_start_companion_capability', static fn () => 'edit_posts' );
		$this->assert_shown( true, true, time() );
	}

	public function test_a_host_can_turn_them_off_and_a_site_pending_before_the_upgrade_gets_them(): void {
		$this->login_admin();
		$this->pending( 10 );
		$phases = array();
		$this->filter(
			'jetpack_start_companion_show_reminders',
			static function ( bool $show, int $user_id, string $phase ) use ( &$phases ): bool {
				$phases[] = $phase;
				return false;
			},
			3
		);
		$this->assert_shown( false, false, time() );
		$this->assert_shown( false, false, time() + 8 * DAY_IN_SECONDS );
		$this->assertSame( array( 'pending', 'last_days' ), $phases );
		remove_all_filters( 'jetpack_start_companion_show_reminders' );

		// Stored by the version before reminders: the option comes from the state last announced.
		delete_option( Plugin::REMINDER_OPTION );
		wp_cache_flush();
		Schema::to_2();
		$this->assert_shown( true, true, time() );
	}

	public function test_dismissed_it_stays_away_per_user_until_the_last_three_days_then_until_it_expires(): void {
		$admin   = $this->login_admin();
		$expires = $this->pending( 10 );
		$this->dismiss();
		global $wpdb;
		$this->assertSame( $expires . ':pending', get_user_meta( $admin, $wpdb->get_blog_prefix() . Plugin::REMINDER_DISMISSED, true ), 'a user option: per site on a network' );
		$this->assert_shown( false, true, time() );
		$this->assert_shown( false, true, time() + 6 * DAY_IN_SECONDS );

		// Another administrator still sees it.
		$other = $this->user( 'administrator' );
		wp_set_current_user( $other );
		$this->assertTrue( $this->hooked( time() )['notice'] );
		wp_set_current_user( $admin );

		$later = time() + 8 * DAY_IN_SECONDS;
		$this->assert_shown( true, true, $later, 'back in the last three days' );
		$this->assertStringContainsString( 'for 2 more days', (string) Reminder::content( $admin, $later ) );
	}

	public function test_it_disappears_when_the_site_is_connected(): void {
		$admin = $this->login_admin();
		$this->pending( 10 );
		$this->jetpack_connection( true, $admin );

		// The option said pending; the status says active: nothing shown, and the option follows.
		$this->assertSame( '', $this->notice() );
		$this->assertSame( '0', (string) get_option( Plugin::REMINDER_OPTION ) );
		$this->assert_shown( false, false, time() );
	}

	public function test_an_expired_offer_becomes_request_again_and_a_new_answer_starts_over(): void {
		$admin = $this->login_admin();
		$this->pending( -1 );
		$this->assertSame( 'expired', $this->status()['provisioning']['state'] );

		$this->assert_shown( true, true, time() );
		$notice = $this->notice();
		$this->assertStringContainsString( 'The offer of Jetpack Backup expired: your site wasn’t connected within 14 days.', $notice );
		$this->assertStringContainsString( 'href="' . esc_url( Page::url() ) . '">Request again</a>', $notice );
		$this->dismiss();
		$this->assertFalse( $this->hooked( time() )['notice'] );

		// Asked again: a new offer, a new reminder.
		$this->pending( 14 );
		$this->assertTrue( $this->hooked( time() )['notice'] );
		$this->assertStringContainsString( 'for 14 more days', (string) Reminder::content( $admin, time() ) );
	}

	public function test_deciding_costs_no_query_and_hooks_nothing_when_none_is_shown(): void {
		global $wpdb;
		$admin = $this->login_admin();
		wp_load_alloptions();
		get_user_meta( $admin ); // WordPress reads the user's meta to know who they are.

		$before = $wpdb->num_queries;
		$this->assert_shown( false, false, time(), 'nothing pending' );
		$this->assertSame( $before, $wpdb->num_queries, 'the option is there (0), autoloaded: a missing one would cost a query' );

		$this->pending( 10 );
		$this->dismiss();
		$GLOBALS['pagenow'] = 'options-general.php';
		wp_cache_delete( $admin, 'user_meta' );
		get_user_meta( $admin );
		$before = $wpdb->num_queries;
		$this->assert_shown( false, false, time(), 'dismissed, not the Dashboard' );
		$this->assertSame( $before, $wpdb->num_queries, 'an autoloaded option and the user\'s meta' );
		$this->assertArrayHasKey( Plugin::REMINDER_OPTION, wp_load_alloptions(), 'the option autoloads' );
	}

	public function test_dismissing_takes_the_nonce_and_the_capability(): void {
		$this->pending( 10 );
		$this->filter(
			'wp_die_handler',
			static fn () => static function ( $message, $title, $args ): void {
			throw new \RuntimeException( 'wp_die ' . ( is_array( $args ) ? (string) ( $args['response'] ?? '' ) : '' ) );
			}
		);
		$admin                = $this->login_admin();
		$_REQUEST['_wpnonce'] = 'forged';
		try {
			Reminder::record_dismissal();
			$this->fail( 'a forged nonce dismissed it' );
		} catch ( \RuntimeException $e ) {
			$this->assertStringStartsWith( 'wp_die', $e->getMessage() );
		}
		wp_set_current_user( $this->user( 'editor' ) );
		try {
			$this->dismiss();
			$this->fail( 'an editor dismissed it' );
		} catch ( \RuntimeException $e ) {
			$this->assertSame( 'wp_die 403', $e->getMessage() );
		}
		wp_set_current_user( $admin );
		$this->assertTrue( $this->hooked( time() )['notice'], 'still there' );
	}

	public function test_uninstall_removes_every_users_dismissal(): void {
		$admin = $this->login_admin();
		$this->pending( 10 );
		$this->dismiss();
		update_user_meta( $admin, 'someone_elses_key', 'stays' );
		$this->assertNotSame( array(), StoredData::user_option_names() );

		StoredData::forget_site();
		wp_cache_flush();

		$this->assertSame( array(), StoredData::user_option_names() );
		$this->assertFalse( get_user_option( Plugin::REMINDER_DISMISSED, $admin ) );
		$this->assertFalse( get_option( Plugin::REMINDER_OPTION ) );
		$this->assertSame( 'stays', get_user_meta( $admin, 'someone_elses_key', true ) );
	}
}
