export type { Access } from '@switchboard/contract';
export { createConsoleApp } from './console/create-console-app.js';
export {
  createSwitchboardApp,
  type SwitchboardAppOptions,
  switchboardRoutes,
} from './create-switchboard-app.js';
export type {
  RouteDefinition,
  RouteHandler,
  RouteHandlers,
  RouteInput,
} from './http/route-definition.js';
export { statusForKind, statusOf } from './http/status-for-kind.js';
export { openApiDocument } from './openapi/openapi-document.js';
