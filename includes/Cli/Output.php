<?php
/**
 * How `wp jetpack-start-companion` shows a record and how a command ended: the --format the
 * host asked for, the outcome fields a script reads, and the exit code (ExitCode).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Cli;

use WP_CLI;
use WP_CLI\Formatter;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * One command's output.
 */
final class Output {

	private const FORMATS = array( 'table', 'json', 'yaml', 'csv' );

	/**
	 * The command's options (--format, --fields).
	 *
	 * @var array<string,string>
	 */
	private array $assoc_args;

	/**
	 * @param array<string,string> $assoc_args The command's options.
	 */
	public function __construct( array $assoc_args ) {
		$this->assoc_args = $assoc_args;
	}

	/**
	 * Shows the status after an action, with how it ended, and exits with its code.
	 *
	 * @param array<string,mixed> $status The status object now.
	 * @param WP_Error|null       $error  What the plugin refused, if it did.
	 */
	public function finish( array $status, ?WP_Error $error ): void {
		$item = StatusItem::from_status( $status );
		$code = ExitCode::for_state( $status['provisioning'] );
		if ( null !== $error && ExitCode::DONE !== $code ) {
			$code = ExitCode::for_error( $error );
		}
		$message = null !== $error && ExitCode::DONE !== $code ? $error->get_error_message() : Outcome::message( $item );
		$this->outcome( $item, $code, $message, null === $error ? null : (string) $error->get_error_code() );
	}

	/**
	 * Shows a record with how the command ended, and exits with its code.
	 *
	 * @param array<string,mixed> $item       Status record.
	 * @param int                 $code       Exit code.
	 * @param string              $message    One sentence for a person.
	 * @param string|null         $refused_by The plugin's error code when it refused before asking.
	 */
	public function outcome( array $item, int $code, string $message, ?string $refused_by = null ): void {
		if ( null !== $refused_by && ExitCode::DONE !== $code ) {
			$item['error_code']    = $refused_by;
			$item['error_message'] = $message;
		}
		$item['result']    = ExitCode::RESULTS[ $code ];
		$item['exit_code'] = $code;
		$item['message']   = $message;
		$this->item( $item, array_merge( StatusItem::FIELDS, StatusItem::OUTCOME_FIELDS ) );
		if ( ExitCode::DONE !== $code ) {
			WP_CLI::error( $message, $code );
		}
		if ( 'table' === $this->format() ) {
			WP_CLI::success( $message );
		}
	}

	/**
	 * Shows one record in the --format asked for (a person's view for table and csv).
	 *
	 * @param array<string,mixed> $item   A record.
	 * @param string[]            $fields Its fields, in order.
	 */
	public function item( array $item, array $fields ): void {
		$args = $this->assoc_args; // WP-CLI's Formatter takes its options by reference and changes them.
		( new Formatter( $args, $fields ) )->display_item( $this->is_structured() ? $item : StatusItem::for_text( $item ) );
	}

	/**
	 * The --format asked for (table when none or an unknown one).
	 */
	public function format(): string {
		$format = (string) ( $this->assoc_args['format'] ?? 'table' );
		return in_array( $format, self::FORMATS, true ) ? $format : 'table';
	}

	/**
	 * Whether the output is for a script (JSON or YAML) rather than a person.
	 */
	public function is_structured(): bool {
		return in_array( $this->format(), array( 'json', 'yaml' ), true );
	}
}
