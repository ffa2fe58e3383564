import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.js';
import { UserError } from '../../errors/index.js';

/**
 * In AWS, API Gateway has already verified the SigV4 signature (IAM auth on
 * the /api routes). This middleware only reads who signed from the event's
 * requestContext and checks them against the allow-list of principal ARNs.
 */
export function lambdaIamAuth(allowedPrincipals: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const iam = c.env?.event?.requestContext?.authorizer?.iam;
    const caller = iam?.userArn;
    if (!caller) {
      throw new UserError(
        401,
        'missing_signature',
        'admin routes need an AWS SigV4-signed request (IAM authorization)',
      );
    }
    if (!allowedPrincipals.some((allowed) => principalMatches(allowed, caller))) {
      throw new UserError(403, 'not_an_admin', `${caller} is not allowed to use the admin API`);
    }
    c.set('adminCaller', caller);
    await next();
  };
}

/** Exact ARN, or an assumed-role ARN given without its session name. */
export function principalMatches(allowed: string, caller: string): boolean {
  if (allowed === caller) return true;
  return allowed.includes(':assumed-role/') && caller.startsWith(`${allowed}/`);
}
