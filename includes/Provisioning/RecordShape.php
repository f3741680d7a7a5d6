<?php
/**
 * The stored provisioning record's parts as they must read: each field with its type, and
 * the defaults of fields that records written by older versions lack.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

defined( 'ABSPATH' ) || exit;

/**
 * Reads one part of a stored Record (last_error, attempt, confirmation, answer) safely.
 */
final class RecordShape {

	/**
	 * Field => type of each stored part; `?` marks a field records of older versions lack,
	 * which then reads as its default.
	 */
	private const SHAPES = array(
		'last_error'   => array(
			'code'         => 'string',
			'message'      => 'string',
			'source'       => 'string',
			'retryable'    => 'boolean',
			'http_status'  => 'integer',
			'at'           => 'integer',
			'?request_id'  => 'string',
			'?server_time' => 'integer|NULL',
		),
		'attempt'      => array(
			'key'            => 'string',
			'started_at'     => 'integer',
			'answer_unknown' => 'boolean',
			'body_sha256'    => 'string',
			'?phase'         => 'string',
			'?body'          => 'array|NULL',
			'?user_id'       => 'integer',
			'?token_hash'    => 'string',
			'?queued_at'     => 'integer',
			'?dispatched_at' => 'integer',
		),
		'confirmation' => array(
			'plan_on_site' => 'string',
			'connected'    => 'boolean',
			'at'           => 'integer',
			'?request_id'  => 'string',
		),
		'answer'       => array(
			'request_id'         => 'string',
			'provisioned_at'     => 'integer',
			'pending_expires_at' => 'integer|NULL',
			'forced_register'    => 'boolean',
			'idempotent_replay'  => 'boolean',
		),
	);

	private const DEFAULTS = array(
		'request_id'    => '',
		'server_time'   => null,
		// An attempt stored before attempts ran in the background was sent in its own request.
		'phase'         => Record::CLOSED,
		'body'          => null,
		'user_id'       => 0,
		'token_hash'    => '',
		'queued_at'     => 0,
		'dispatched_at' => 0,
	);

	/**
	 * The array when every field has its type, else null: a damaged record must read as
	 * "nothing there", never break the panel. Optional fields (`?name`) take their default.
	 *
	 * @param mixed  $value Stored value.
	 * @param string $part  Which part of the record (a key of SHAPES).
	 * @return array<string,mixed>|null
	 */
	public static function read( $value, string $part ): ?array {
		/** @var array<string,string>|null $fields Field => gettype() names, `|`-separated. */
		$fields = self::SHAPES[ $part ] ?? null;
		if ( ! is_array( $value ) || null === $fields ) {
			return null;
		}
		$shaped = array();
		foreach ( $fields as $field => $types ) {
			$name = ltrim( $field, '?' );
			if ( $name !== $field && ! array_key_exists( $name, $value ) ) {
				$shaped[ $name ] = self::DEFAULTS[ $name ];
				continue;
			}
			if ( ! array_key_exists( $name, $value ) || ! in_array( gettype( $value[ $name ] ), explode( '|', $types ), true ) ) {
				return null;
			}
			$shaped[ $name ] = $value[ $name ];
		}
		return $shaped;
	}
}
