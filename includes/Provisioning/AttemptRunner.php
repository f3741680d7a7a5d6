<?php
/**
 * Where a queued attempt runs, so that no browser (and no proxy in front of PHP) waits for
 * WordPress.com. Each path hands the attempt to Provisioner::run(), which sends it once:
 *
 * 1. After the response, in the same PHP process, where the server can end a response early
 *    (PHP-FPM's fastcgi_finish_request(), LiteSpeed's litespeed_finish_request()), as core's
 *    wp-cron.php does.
 * 2. Otherwise a loopback request: a non-blocking POST to this site's own run route with a
 *    one-time token, the way core spawns WP-Cron.
 * 3. WP-Cron as the backstop of both: an event for the attempt, BACKSTOP_SECONDS later (it runs
 *    from a system cron too, on hosts that set DISABLE_WP_CRON), and the only path when the host
 *    says so (`JETPACK_START_COMPANION_RUNNER` = 'cron').
 * 4. Every status read looks after an attempt nobody is running (recover()): hands
 *    it out again, resends one whose runner died with the same key, or fails it with a reason.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\HostService\ServiceError;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Rest\Controller;
use JetpackStartCompanion\Schedule;

defined( 'ABSPATH' ) || exit;

final class AttemptRunner {

	/** The run route the loopback request calls (under the plugin's REST namespace). */
	public const ROUTE = '/attempts/run';

	/** When the WP-Cron backstop runs an attempt that no other runner took. */
	public const BACKSTOP_SECONDS = 30;

	/** A queued attempt no runner took within this time is handed to a runner again. */
	public const REDISPATCH_SECONDS = 10;

	/** A queued attempt no runner took within this time fails, with an explanation (nothing was sent). */
	public const GIVE_UP_SECONDS = 180;

	public const AFTER_RESPONSE = 'after_response';
	public const LOOPBACK       = 'loopback';
	public const CRON           = 'cron';

	public function __construct(
		private Config $config,
		private Provisioner $provisioner,
		private Store $store,
	) {}

	/**
	 * Hands a queued attempt to a runner.
	 *
	 * @param array{key:string,token:string} $queued What Provisioner::queue() or recover() answered.
	 * @return string The path taken: AFTER_RESPONSE, LOOPBACK or CRON.
	 */
	public function dispatch( array $queued ): string {
		Schedule::once( Plugin::EVENT_RUN_ATTEMPT, array( $queued['key'] ), self::BACKSTOP_SECONDS );
		$path = $this->path();
		if ( self::AFTER_RESPONSE === $path ) {
			add_action( 'shutdown', fn () => $this->after_response( $queued['key'] ), PHP_INT_MAX );
		} elseif ( self::LOOPBACK === $path ) {
			$this->loopback( $queued );
		}
		return $path;
	}

	/**
	 * The record and the lock as the database has them now (one query), after handing out an
	 * open attempt that nobody is running. What a status read shows.
	 *
	 * @return array{0:Record,1:bool,2:string|null}
	 */
	public function snapshot(): array {
		$snapshot = $this->store->snapshot( time() );
		if ( $snapshot[1] || ! $snapshot[0]->has_open_attempt() ) {
			return $snapshot; // Nothing open, or someone is at it: the usual read, one query.
		}
		$again = $this->recover( $snapshot[0], $snapshot[1] );
		if ( null !== $again ) {
			$this->dispatch( $again );
		}
		// Read again: recover() may have handed the attempt out, or failed it with a reason.
		return $this->store->snapshot( time() );
	}

	/**
	 * The WP-Cron event of an attempt (Plugin::EVENTS): runs it here, or resends it when the
	 * runner that took it died.
	 *
	 * @param mixed $key The attempt's key.
	 */
	public static function run_scheduled( $key ): void {
		$runner = Plugin::attempt_runner();
		if ( is_string( $key ) && ! $runner->provisioner->run( $key ) ) {
			list( $record, $locked ) = $runner->store->snapshot( time() );
			if ( Record::SENT === $record->attempt_phase() && $key === $record->attempt_key() ) {
				$again = $runner->recover( $record, $locked );
				if ( null !== $again ) {
					$runner->provisioner->run( $again['key'] );
				}
			}
		}
	}

	/**
	 * Looks after an open attempt nobody is running: a queued one no runner took is handed out
	 * again (with a new token), or fails once GIVE_UP_SECONDS have passed; one whose runner died
	 * while asking (no lock, phase "sent") is queued again with the same key while the service
	 * still replays it, else fails as interrupted. Cheap when there is nothing to do.
	 *
	 * @param Record $record The record as just read.
	 * @param bool   $locked Whether a request holds the lock.
	 * @return array{key:string,token:string}|null The attempt to hand to a runner, if any.
	 */
	public function recover( Record $record, bool $locked ): ?array {
		$now = time();
		if ( $locked || null === $record->attempt || ! $record->has_open_attempt() || ( Record::QUEUED === $record->attempt['phase'] && $now - $record->attempt['dispatched_at'] < self::REDISPATCH_SECONDS ) ) {
			return null;
		}
		$lock = $this->store->acquire_lock( $now );
		if ( null === $lock ) {
			return null;
		}
		try {
			$record  = $this->store->fresh_record();
			$attempt = $record->attempt;
			if ( null === $attempt || ! $record->has_open_attempt() ) {
				return null;
			}
			$queued = Record::QUEUED === $record->attempt_phase();
			if ( $queued && $now - $attempt['queued_at'] >= self::GIVE_UP_SECONDS ) {
				$this->store->save( $record->with_error( new ServiceError( 'site_attempt_not_started', 'No background request of this site ran the queued attempt.', 'site', true ), $now ) );
				return null;
			}
			if ( ! $queued && $now - $attempt['started_at'] >= Attempt::REUSE_KEY_SECONDS ) {
				$this->store->save( $record->with_error( new ServiceError( 'site_attempt_interrupted', 'The request stopped while WordPress.com was being asked.', 'site', true ), $now ) );
				return null;
			}
			if ( $queued && $now - $attempt['dispatched_at'] < self::REDISPATCH_SECONDS ) {
				return null; // Another reader handed it out meanwhile.
			}
			$token = bin2hex( random_bytes( 32 ) );
			$this->store->save(
				$record->with_attempt_changes(
					array(
						'phase'         => Record::QUEUED,
						'token_hash'    => hash( 'sha256', $token ),
						'dispatched_at' => $now,
					)
				)
			);
			return array(
				'key'   => $attempt['key'],
				'token' => $token,
			);
		} finally {
			$this->store->release_lock( $lock );
		}
	}

	/**
	 * Whether this token lets a request run the queued attempt with this key (once: running it
	 * clears the token).
	 */
	public function accepts( string $key, string $token ): bool {
		// Also asked after the run, for the answer's Allow header (rest_send_allow_header()).
		$record = $this->store->fresh_record();
		$stored = (string) ( $record->attempt['token_hash'] ?? '' );
		return Record::QUEUED === $record->attempt_phase() && $key === $record->attempt_key() && '' !== $stored && hash_equals( $stored, hash( 'sha256', $token ) );
	}

	/**
	 * Runs the attempt for a loopback request, whose caller does not wait for the answer.
	 */
	public function run_for_loopback( string $key ): bool {
		ignore_user_abort( true );
		return $this->run( $key );
	}

	/**
	 * Runs the attempt; once it has run, its WP-Cron backstop has nothing left to do.
	 */
	private function run( string $key ): bool {
		$ran = $this->provisioner->run( $key );
		if ( $ran ) {
			Schedule::clear( Plugin::EVENT_RUN_ATTEMPT, array( $key ) );
		}
		return $ran;
	}

	private function path(): string {
		$setting = $this->config->runner();
		if ( self::CRON === $setting ) {
			return self::CRON;
		}
		if ( 'auto' === $setting && ( function_exists( 'fastcgi_finish_request' ) || function_exists( 'litespeed_finish_request' ) ) ) {
			return self::AFTER_RESPONSE;
		}
		return self::LOOPBACK;
	}

	/**
	 * Ends the response (the browser has its answer), then runs the attempt in this process.
	 */
	private function after_response( string $key ): void {
		ignore_user_abort( true );
		if ( function_exists( 'fastcgi_finish_request' ) ) {
			fastcgi_finish_request();
		} elseif ( function_exists( 'litespeed_finish_request' ) ) {
			litespeed_finish_request();
		}
		$this->run( $key );
	}

	/**
	 * Asks this site to run the attempt in a request of its own, without waiting for it.
	 *
	 * @param array{key:string,token:string} $queued The attempt and its one-time token.
	 */
	private function loopback( array $queued ): void {
		$url = rest_url( Controller::NAMESPACE . self::ROUTE );
		/**
		 * The loopback request that runs a queued attempt, as core's `cron_request` filters
		 * WP-Cron's: e.g. a longer timeout where the site's own TLS handshake is slow.
		 *
		 * @since 0.2.0
		 *
		 * @param array<string,mixed> $args wp_remote_post() arguments.
		 * @param string              $url  The run route.
		 */
		$args = apply_filters(
			'jetpack_start_companion_runner_request',
			array(
				'timeout'   => 0.1,
				'blocking'  => false,
				/** This filter is documented in wp-includes/class-wp-http-streams.php */
				'sslverify' => apply_filters( 'https_local_ssl_verify', false ), // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- core's hook.
				'headers'   => array( 'Content-Type' => 'application/json' ),
				'body'      => (string) wp_json_encode( $queued ),
			),
			$url
		);
		wp_remote_post( $url, is_array( $args ) ? $args : array() );
	}
}
