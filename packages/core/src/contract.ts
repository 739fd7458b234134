/**
 * The HTTP contract, re-exported for code that imported it from the core: new code imports
 * `@switchboard/contract` directly.
 *
 * @example import { userSchema } from '@switchboard/contract';
 */
export * from '@switchboard/contract';
