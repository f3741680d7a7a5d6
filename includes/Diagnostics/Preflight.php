<?php
/**
 * Runs the checks and keeps what the network ones found for FRESH_SECONDS, so the panel, Site
 * Health and the gate do not probe the site and the service on every page view; latest() reads
 * what was last found without any request. "Check again" (run( true )) bypasses what is kept.
 *
 * A kept result is about one context (NetworkCheck::context(): the site's address, or the
 * service URL and key): a new one makes it old at once.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

defined( 'ABSPATH' ) || exit;

final class Preflight {

	public const OPTION = 'jetpack_start_companion_diagnostics';

	/**
	 * How long a network check's result is reused: five minutes.
	 */
	public const FRESH_SECONDS = 300;

	/**
	 * @param Check[] $checks The checks (default: Checks::all()).
	 */
	public function __construct( private ?array $checks = null ) {}

	/**
	 * What is known now without a request: the cheap checks run, the network ones as last found.
	 */
	public function latest(): Snapshot {
		$kept    = $this->kept();
		$results = array();
		$times   = array();
		foreach ( $this->checks() as $check ) {
			if ( ! $check instanceof NetworkCheck ) {
				$results[] = $check->run();
			} elseif ( isset( $kept[ $check->id() ] ) && self::digest( $check ) === $kept[ $check->id() ][2] ) {
				$results[] = $kept[ $check->id() ][0];
				$times[]   = $kept[ $check->id() ][1];
			}
		}
		return new Snapshot( $results, array() === $times ? null : min( $times ), count( $times ) < $this->network_count() );
	}

	/**
	 * Runs the checks, reusing network results found less than FRESH_SECONDS ago unless told to check again.
	 */
	public function run( bool $check_again = false ): Snapshot {
		return $this->collect( static fn ( Result $kept ): bool => ! $check_again );
	}

	/**
	 * The gate before a plan request: the first critical result, or null. Cheap checks run first
	 * and a critical one stops there; a network result kept as good or recommended is reused,
	 * a critical one is checked again (the owner may just have fixed it).
	 */
	public function blocker(): ?Result {
		$cheap = Checks::first_critical( Checks::run( array_values( array_filter( $this->checks(), static fn ( Check $check ): bool => ! $check instanceof NetworkCheck ) ) ) );
		return $cheap ?? Checks::first_critical( $this->collect( static fn ( Result $kept ): bool => Result::CRITICAL !== $kept->status )->results );
	}

	/**
	 * @param callable(Result):bool $reuse Whether a fresh kept result may stand.
	 */
	private function collect( callable $reuse ): Snapshot {
		$now     = time();
		$kept    = $this->kept();
		$store   = array();
		$results = array();
		$times   = array();
		foreach ( $this->checks() as $check ) {
			if ( ! $check instanceof NetworkCheck ) {
				$results[] = $check->run();
				continue;
			}
			$id      = $check->id();
			$context = self::digest( $check );
			if ( ! isset( $kept[ $id ] ) || $context !== $kept[ $id ][2] || $now - $kept[ $id ][1] >= self::FRESH_SECONDS || ! $reuse( $kept[ $id ][0] ) ) {
				$kept[ $id ] = array( $check->run(), $now, $context );
			}
			$results[]    = $kept[ $id ][0];
			$times[]      = $kept[ $id ][1];
			$store[ $id ] = $kept[ $id ][0]->to_array() + array(
				'at'      => $kept[ $id ][1],
				'context' => $context,
			);
		}
		update_option( self::OPTION, array( 'results' => $store ), false );
		return new Snapshot( $results, array() === $times ? null : min( $times ), false );
	}

	/**
	 * Stored network results: id => [Result, found at, context digest].
	 *
	 * @return array<string,array{0:Result,1:int,2:string}>
	 */
	private function kept(): array {
		$stored = get_option( self::OPTION );
		if ( ! is_array( $stored ) || ! is_array( $stored['results'] ?? null ) ) {
			return array();
		}
		$kept = array();
		foreach ( $stored['results'] as $id => $data ) {
			$result = Result::from_array( $data );
			if ( null !== $result && is_int( $data['at'] ?? null ) && is_string( $data['context'] ?? null ) ) {
				$kept[ (string) $id ] = array( $result, $data['at'], $data['context'] );
			}
		}
		return $kept;
	}

	private static function digest( NetworkCheck $check ): string {
		return hash( 'sha256', $check->context() );
	}

	/**
	 * @return Check[]
	 */
	private function checks(): array {
		$this->checks ??= Checks::all();
		return $this->checks;
	}

	private function network_count(): int {
		return count( array_filter( $this->checks(), static fn ( Check $check ): bool => $check instanceof NetworkCheck ) );
	}
}
