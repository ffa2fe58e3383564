import type { APIGatewayProxyEventV2WithIAMAuthorizer, Context as LambdaContext } from 'aws-lambda';

/** Hono environment shared by every route and middleware of the edge API. */
export type AppEnv = {
  /** Under `hono/aws-lambda` the event is here; under node-server these are absent. */
  Bindings: {
    event?: APIGatewayProxyEventV2WithIAMAuthorizer;
    lambdaContext?: LambdaContext;
  };
  Variables: {
    /** Who signed this admin request: an access key id locally, an IAM ARN in AWS. */
    adminCaller: string;
  };
};
