/** The process's one DataKeyRing (every service in a process shares it, and so its cache of unwrapped keys). */
export const DATA_KEY_RING = Symbol('DATA_KEY_RING');
/** The process's BlindIndex. */
export const BLIND_INDEX = Symbol('BLIND_INDEX');
