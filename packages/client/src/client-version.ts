import packageJson from '../package.json' with { type: 'json' };

declare const __SWITCHBOARD_CLIENT_VERSION__: string | undefined;

/**
 * This package's version, sent as `user-agent: switchboard-client/<version>`. The build
 * writes it in from package.json; run from source (tests), it is read from package.json.
 *
 * @example console.log(`switchboard-client/${clientVersion}`);
 */
export const clientVersion: string =
  typeof __SWITCHBOARD_CLIENT_VERSION__ === 'string'
    ? __SWITCHBOARD_CLIENT_VERSION__
    : packageJson.version;
