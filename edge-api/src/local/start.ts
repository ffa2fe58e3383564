import { serveApp } from '../adapter/node-server/serve.js';
import { createApp } from '../app.js';
import { localSigV4Auth } from '../auth/local-sigv4/index.js';
import { callSettings } from '../config/call-settings.js';
import { ConfigError, DEV_ADMIN_ACCESS_KEY_ID, loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { ensureTables } from '../db/ensure-tables.js';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
import { seedDemoRoster } from './seed-roster.js';

/**
 * `npm start`: DynamoDB Local (unless DYNAMODB_ENDPOINT is set), the tables,
 * the demo roster on first run, and the edge API on http://127.0.0.1:8787.
 */
async function main(): Promise<void> {
  // Lambda runs nodejs22.x; the locked AWS SDK still supports the Node 20 of developer machines.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = loadConfig();
  let dynamo: RunningDynamoDbLocal | undefined;
  if (!config.dynamodbEndpoint) {
    console.log(`Starting DynamoDB Local (data in ${config.dataDir}/dynamodb) ...`);
    dynamo = await startDynamoDbLocal({ dataDir: `${config.dataDir}/dynamodb` });
  }
  const endpoint = config.dynamodbEndpoint ?? dynamo?.endpoint;
  const db = createDb({ ...config, dynamodbEndpoint: endpoint });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await server?.close();
    db.raw.destroy();
    await dynamo?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let server: Awaited<ReturnType<typeof serveApp>> | undefined;
  try {
    const created = await ensureTables(db.raw, db.tables);
    if (created.length > 0) console.log(`Created tables: ${created.join(', ')}`);
    const seeded = await seedDemoRoster(db, new Date());
    if (seeded > 0) console.log(`Seeded the demo roster with ${seeded} fictional crew members`);

    const app = createApp({
      db,
      adminAuth: localSigV4Auth({
        accessKeyId: config.adminAccessKeyId,
        secretAccessKey: config.adminSecretAccessKey,
        region: config.region,
      }),
      ...callSettings(config),
    });
    server = await serveApp(app, config.port, config.host);
  } catch (error) {
    console.error(`crewcall could not start: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  const devKey = config.adminAccessKeyId === DEV_ADMIN_ACCESS_KEY_ID;
  console.log(`
crewcall edge API listening on ${server.url}
  DynamoDB:        ${endpoint}${dynamo ? ' (DynamoDB Local, started by npm start)' : ''}
  tables:          ${Object.values(db.tables).join(', ')}
  health:          curl ${server.url}/healthz
${
  dynamo
    ? `
  note: DynamoDB Local listens on every network interface and accepts any credentials
        (it has no option to bind to 127.0.0.1): on a shared network, block port ${dynamo.port}
        in a host firewall, or point DYNAMODB_ENDPOINT at a DynamoDB you run yourself.
`
    : ''
}
Admin routes (/api/*) need AWS SigV4 (service execute-api, region ${config.region}) with${devKey ? ' the local development key' : ''}:
  CREWCALL_ADMIN_ACCESS_KEY_ID=${config.adminAccessKeyId}
  CREWCALL_ADMIN_SECRET_ACCESS_KEY=${devKey ? config.adminSecretAccessKey : '(as configured)'}
  e.g. curl --aws-sigv4 "aws:amz:${config.region}:execute-api" \\
         --user "$CREWCALL_ADMIN_ACCESS_KEY_ID:$CREWCALL_ADMIN_SECRET_ACCESS_KEY" \\
         ${server.url}/api/crew
  Writes (POST, PATCH) also need an Idempotency-Key header, signed with the request:
       curl --aws-sigv4 ... -H "Idempotency-Key: $(uuidgen)" -H 'content-type: application/json' \\
         -d '{"name":"Jo Rivers", ...}' ${server.url}/api/crew

Ctrl-C stops the API${dynamo ? ' and DynamoDB Local' : ''}.`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
