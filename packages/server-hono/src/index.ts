export { createConsoleApp } from './console/create-console-app.js';
export {
  createSwitchboardApp,
  type SwitchboardAppOptions,
  switchboardRoutes,
} from './create-switchboard-app.js';
export type { Access, RouteDefinition, RouteInput } from './http/route-definition.js';
export { statusForCode } from './http/status-for-code.js';
export { openApiDocument } from './openapi/openapi-document.js';
