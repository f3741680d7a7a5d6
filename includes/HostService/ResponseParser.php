<?php
/**
 * Turns the host service's HTTP answer into a ProvisionAnswer or a ServiceError.
 *
 * Strict on purpose: a link shown to the site owner comes from this answer, so anything
 * outside the contract's shape is refused rather than guessed at.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

use JetpackStartCompanion\Urls;

defined( 'ABSPATH' ) || exit;

final class ResponseParser {

	/**
	 * Seconds the service's clock may run ahead of the site's (contract §2).
	 */
	public const CLOCK_WINDOW = 300;

	public static function parse( int $status, string $body ): ProvisionAnswer|ServiceError {
		$data = json_decode( $body, true );
		if ( $status >= 200 && $status < 300 ) {
			return is_array( $data ) ? self::answer( $data ) : self::malformed( $status );
		}
		return is_array( $data ) ? self::error( $status, $data ) : self::malformed( $status );
	}

	/**
	 * Reads the service's status answer (contract §4): the plan in this site's terms. The
	 * service alone knows WordPress.com's product slugs.
	 */
	public static function plan_check( int $status, string $body, string $plan, int $now ): PlanCheck|ServiceError {
		$data = json_decode( $body, true );
		if ( $status < 200 || $status >= 300 ) {
			return is_array( $data ) ? self::error( $status, $data ) : self::malformed( $status );
		}
		$on_site   = $data['plan_on_site'] ?? null;
		$connected = $data['connected'] ?? null;
		$valid     = array( PlanCheck::ACTIVE, PlanCheck::PENDING, PlanCheck::MISSING );
		if ( ! in_array( $on_site, $valid, true ) || ! is_bool( $connected ) || ( $data['plan'] ?? null ) !== $plan ) {
			return self::malformed( $status );
		}
		return new PlanCheck( $on_site, $connected, $now );
	}

	/**
	 * @param array<mixed> $data Decoded success body.
	 */
	private static function answer( array $data ): ProvisionAnswer|ServiceError {
		$outcome  = $data['outcome'] ?? null;
		$auth     = $data['auth_required'] ?? null;
		$next_url = $data['next_url'] ?? null;
		$plan     = $data['plan'] ?? null;
		$at       = self::timestamp( $data['provisioned_at'] ?? null );
		if ( ! is_string( $outcome ) || ! is_bool( $auth ) || ! is_string( $next_url ) || ! is_string( $plan ) || '' === $plan || null === $at ) {
			return self::malformed( 200 );
		}
		if ( '' !== $next_url && '' === Urls::http_or_empty( $next_url ) ) {
			return self::malformed( 200 );
		}
		$consistent = match ( $outcome ) {
			ProvisionAnswer::ACTIVE                 => false === $auth,
			// "" when the service refused WordPress.com's link or recovered the answer from status (contract §3, §7).
			ProvisionAnswer::AWAITING_AUTHORIZATION => true === $auth,
			ProvisionAnswer::AWAITING_DNS           => true === $auth && '' === $next_url,
			default                                 => false,
		};
		if ( ! $consistent ) {
			return self::malformed( 200 );
		}
		// provisioned_at is checked, not kept: the site dates its record with its own clock.
		return new ProvisionAnswer( $outcome, $next_url, $plan );
	}

	/**
	 * Both error shapes WordPress.com uses: error_code/error_message and error/message.
	 *
	 * @param int          $status HTTP status.
	 * @param array<mixed> $data   Decoded error body.
	 */
	private static function error( int $status, array $data ): ServiceError {
		$code    = $data['error_code'] ?? $data['error'] ?? null;
		$message = $data['error_message'] ?? $data['message'] ?? '';
		if ( ! is_string( $code ) || 1 !== preg_match( '/^[A-Za-z0-9_.-]{1,80}$/', $code ) ) {
			return self::malformed( $status );
		}
		$source    = in_array( $data['source'] ?? null, array( 'wpcom', 'service' ), true ) ? $data['source'] : 'wpcom';
		$retryable = is_bool( $data['retryable'] ?? null ) ? $data['retryable'] : $status >= 500;
		return new ServiceError( $code, is_string( $message ) ? mb_substr( $message, 0, 500 ) : '', $source, $retryable, $status );
	}

	/**
	 * An RFC 3339 date-time (with or without fractions), not more than the contract's
	 * 300 s clock window in the future. strtotime() would also take "next monday".
	 *
	 * @param mixed $value The field as decoded.
	 */
	private static function timestamp( $value ): ?int {
		if ( ! is_string( $value ) ) {
			return null;
		}
		foreach ( array( '!Y-m-d\\TH:i:s.vP', '!Y-m-d\\TH:i:sP' ) as $format ) {
			$date   = \DateTimeImmutable::createFromFormat( $format, $value );
			$errors = \DateTimeImmutable::getLastErrors();
			if ( false !== $date && ( false === $errors || 0 === $errors['warning_count'] + $errors['error_count'] ) ) {
				return $date->getTimestamp() <= time() + self::CLOCK_WINDOW ? $date->getTimestamp() : null;
			}
		}
		return null;
	}

	private static function malformed( int $status ): ServiceError {
		return new ServiceError( 'service_malformed_response', 'The host service answered something this plugin does not understand.', 'site', true, $status );
	}
}
