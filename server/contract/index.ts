/**
 * The API contract, written once: the server validates requests and serialises responses with
 * these schemas, and the client imports their types (`import type`).
 */
export * from './common.ts';
export * from './problems.ts';
export * from './health.ts';
export * from './areas.ts';
export * from './tiles.ts';
export * from './basemap.ts';
export * from './vocabulary.ts';
export * from './vocabulary-routes.ts';
export * from './auth.ts';
export * from './records.ts';
export * from './overlays.ts';
export * from './live.ts';
export * from './figures.ts';
export * from './profiles.ts';
export * from './compare.ts';
export * from './search.ts';
export * from './screen.ts';
export * from './planner.ts';
export * from './imports.ts';
export * from './dataset.ts';
export * from './roles.ts';
export * from './route.ts';
export * from './ogc.ts';
export * from './openapi.ts';
export * from './styles.ts';
export * from './exports.ts';
