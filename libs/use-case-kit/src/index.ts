export * from './core';
export * from './core/keyed-mutex';
export * from './core/state-cache';
export * from './handle-command';
export * from './ports';
export * from './projection';
export * from './infrastructure/sqlite-read-model-database';
