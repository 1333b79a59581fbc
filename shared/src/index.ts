export * from './common.js';
export * from './platform/problem.js';
export * from './auth/schemas.js';
export * from './org/schemas.js';
export * from './access/scope.js';
export * from './lessons/items.js';
export * from './lessons/lessons.js';
