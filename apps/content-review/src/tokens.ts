/** Injection tokens of the content-review module. */
export const CONTENT_REVIEW_DB = Symbol('CONTENT_REVIEW_DB');
export const CONTENT_REVIEW_CHECKPOINTS = Symbol('CONTENT_REVIEW_CHECKPOINTS');
export const REVIEW_READ_MODEL = Symbol('REVIEW_READ_MODEL');
export const SIGNATURE_REPOSITORY = Symbol('SIGNATURE_REPOSITORY');
export const TEMPLATE_REPOSITORY = Symbol('TEMPLATE_REPOSITORY');
