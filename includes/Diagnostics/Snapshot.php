<?php
/**
 * The checks' results at one moment, with when the network ones were found and until when they
 * are reused: what the REST route, the status object, Site Health and WP-CLI show.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class Snapshot {

	/**
	 * @param Result[] $results    In the order of Checks::all().
	 * @param int|null $checked_at When the oldest network result was found (null: none yet).
	 * @param bool     $incomplete Some network check has not run yet (latest() only).
	 */
	public function __construct(
		public readonly array $results,
		public readonly ?int $checked_at,
		public readonly bool $incomplete,
	) {}

	/**
	 * The worst status: critical, recommended or good.
	 */
	public function overall(): string {
		$statuses = array_map( static fn ( Result $result ): string => $result->status, $this->results );
		foreach ( array( Result::CRITICAL, Result::RECOMMENDED ) as $status ) {
			if ( in_array( $status, $statuses, true ) ) {
				return $status;
			}
		}
		return Result::GOOD;
	}

	/**
	 * @return array{status:string,checked_at:?string,fresh_until:?string,incomplete:bool,results:list<array<string,string>>,support:string}
	 */
	public function to_array(): array {
		$lines = array_map( static fn ( Result $result ): string => $result->check . ': ' . $result->status . ' | ' . $result->evidence . ( '' === $result->host_fix ? '' : ' | ' . $result->host_fix ), $this->results );
		return array(
			'status'      => $this->overall(),
			'checked_at'  => null === $this->checked_at ? null : gmdate( 'c', $this->checked_at ),
			'fresh_until' => null === $this->checked_at ? null : gmdate( 'c', $this->checked_at + Preflight::FRESH_SECONDS ),
			'incomplete'  => $this->incomplete,
			'results'     => array_values( array_map( static fn ( Result $result ): array => $result->to_array(), $this->results ) ),
			'support'     => implode( "\n", $lines ),
		);
	}
}
