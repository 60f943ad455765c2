// The framework-free core of the use-case kit: what domain code may import.
export * from './decider';
export * from './codec';
export * from './specification';
export * from './snapshot';
