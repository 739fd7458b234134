export { type ConsoleAsset, consoleAsset, consoleBundleDirectory } from './console-asset.js';
export { type ConsolePage, consolePageHtml, consoleSecurityHeaders } from './console-page.js';
