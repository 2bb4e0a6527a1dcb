// Public entry of @patchroom/api: the router type for clients, and the app factory for tests.
export type { AppRouter } from './trpc/app-router.ts';
export { appRouter } from './trpc/app-router.ts';
export { createApp } from './app.ts';
export type { ServiceSlot } from './app.ts';
export { loadConfig } from './config.ts';
export type { Config } from './config.ts';
