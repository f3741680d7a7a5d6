<?php
/**
 * What the Detector found, as the `jetpack` part of the status object (docs/rest-api.md).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Jetpack;

defined( 'ABSPATH' ) || exit;

final class JetpackState {

	public function __construct(
		public readonly bool $installed,
		public readonly bool $active,
		public readonly ?string $plugin_file,
		public readonly ?string $version,
		public readonly bool $connected,
		public readonly bool $has_connected_owner,
		public readonly bool $user_connected,
		public readonly bool $offline_mode,
		public readonly ?int $blog_id,
		public readonly bool $plugin_active = false,
	) {}

	public static function missing(): self {
		return new self( false, false, null, null, false, false, false, false, null );
	}

	/**
	 * Turned on in Plugins, but it did not load (real Jetpack bails out early on an unsupported
	 * PHP version or a broken install): activating it again would not help.
	 */
	public function is_stalled(): bool {
		return $this->plugin_active && ! $this->active;
	}

	/**
	 * Jetpack can take part in provisioning: WordPress.com calls back into a loaded, online Jetpack.
	 */
	public function is_ready(): bool {
		return $this->active && ! $this->offline_mode;
	}

	public function has_owned_connection(): bool {
		return $this->active && $this->connected && $this->has_connected_owner;
	}

	public function has_orphan_connection(): bool {
		return $this->active && $this->connected && ! $this->has_connected_owner;
	}

	public static function setup_url(): string {
		return admin_url( 'admin.php?page=jetpack#/setup' );
	}

	public static function connect_user_url(): string {
		return admin_url( 'admin.php?page=my-jetpack#/connection' );
	}

	/**
	 * @return array<string,mixed>
	 */
	public function to_array(): array {
		return array(
			'installed'           => $this->installed,
			'active'              => $this->active,
			'plugin_active'       => $this->plugin_active,
			'plugin_file'         => $this->plugin_file,
			'version'             => $this->version,
			'connected'           => $this->connected,
			'has_connected_owner' => $this->has_connected_owner,
			'user_connected'      => $this->user_connected,
			'offline_mode'        => $this->offline_mode,
			'blog_id'             => $this->blog_id,
			'setup_url'           => self::setup_url(),
			'connect_user_url'    => self::connect_user_url(),
			'plugins_screen_url'  => admin_url( 'plugins.php' ),
		);
	}
}
