<?php
/**
 * What one check found: good, recommended (a warning the owner may go past) or critical (a
 * plan request would fail), with the evidence and the fix in the owner's and the host's words.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class Result {

	public const GOOD        = 'good';
	public const RECOMMENDED = 'recommended';
	public const CRITICAL    = 'critical';

	/**
	 * @param string $check    The check's id.
	 * @param string $status   GOOD, RECOMMENDED or CRITICAL.
	 * @param string $label    What was found, in one plain sentence.
	 * @param string $evidence What was looked at and what came back (for the host's support).
	 * @param string $fix      What to do, for the site owner ('' when good).
	 * @param string $host_fix What to do, for the host ('' when good).
	 */
	public function __construct(
		public readonly string $check,
		public readonly string $status,
		public readonly string $label,
		public readonly string $evidence,
		public readonly string $fix = '',
		public readonly string $host_fix = '',
	) {}

	/**
	 * A result as to_array() wrote it (the stored latest results), or null when it is not one.
	 *
	 * @param mixed $data Stored value.
	 */
	public static function from_array( $data ): ?self {
		if ( ! is_array( $data ) || ! in_array( $data['status'] ?? null, array( self::GOOD, self::RECOMMENDED, self::CRITICAL ), true ) ) {
			return null;
		}
		foreach ( array( 'check', 'label', 'evidence', 'fix', 'host_fix' ) as $field ) {
			if ( ! is_string( $data[ $field ] ?? null ) ) {
				return null;
			}
		}
		return new self( $data['check'], $data['status'], $data['label'], $data['evidence'], $data['fix'], $data['host_fix'] );
	}

	/**
	 * @return array{check:string,status:string,label:string,evidence:string,fix:string,host_fix:string}
	 */
	public function to_array(): array {
		return array(
			'check'    => $this->check,
			'status'   => $this->status,
			'label'    => $this->label,
			'evidence' => $this->evidence,
			'fix'      => $this->fix,
			'host_fix' => $this->host_fix,
		);
	}
}
