// Real-time alerts: live subscriptions over WebSocket, saved watch filters and the alerts they keep.
export { AlertsModule } from './alerts.module';
export { alertsMigrations } from './migrations';
export { LiveTransport } from './live/live-transport';
export type { LiveContext } from './live/live-transport';
export { subscriptionsOverHttpRefusedPlugin } from './live/subscriptions-over-http.plugin';
