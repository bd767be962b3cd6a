export * from './types';
export * from './event-policy';
