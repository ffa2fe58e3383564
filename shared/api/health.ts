/** GET /healthz: 200 with `ok`, 503 with `unavailable` (the cause goes to the log only). */
export type HealthAnswer =
  | { status: 'ok'; dynamodb: { ok: true; latency_ms: number } }
  | { status: 'unavailable'; dynamodb: { ok: false } };
