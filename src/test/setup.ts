import '@testing-library/jest-dom';

// Every test talks to a fake REST server (see helpers.tsx) and checks what is
// spoken, never the real network or live region. Mocked here, not in each test
// file: jest.mock() is only hoisted above the imports of the file it is written
// in, so a helper module can't register it before the panel loads apiFetch.
jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );
