/**
 * Light `Headers`, `Request` and `Response` for the Lambda's full app (scripts/build.mjs
 * injects them in place of the globals, in that bundle only). On Node the first use of a
 * global one loads all of undici, fetch's HTTP client included: ~15 ms of every admin cold
 * start, for classes Hono only uses to carry an event's headers and body in and its answer
 * out. These hold bodies as bytes, parse URL-encoded forms (FormData is undici's too),
 * and leave what they do not do (multipart forms, foreign streams) to Node's own classes,
 * which load undici only then.
 */
export { LightFormData as FormData } from './form-data.js';
export { LightHeaders as Headers } from './headers.js';
export { LightRequest as Request } from './request.js';
export { LightResponse as Response } from './response.js';
