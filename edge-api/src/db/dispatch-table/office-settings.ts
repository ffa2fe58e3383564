import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.js';
import { officeSettingsKey, strip } from './keys.js';

/**
 * The office's choices the edge API keeps: one small item (pk `SETTINGS`, sk `OFFICE`).
 * A field never saved is absent, and the caller falls back to its default.
 */
export interface StoredOfficeSettings {
  roles?: string[];
  call_window_policy?: string;
  updated_at: string;
}

export async function getOfficeSettings(db: Db): Promise<StoredOfficeSettings | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: officeSettingsKey,
      ConsistentRead: true,
    }),
  );
  return out.Item ? strip<StoredOfficeSettings>(out.Item) : undefined;
}

/** Replaces the item whole: the service merged it with what was stored. */
export async function putOfficeSettings(db: Db, settings: StoredOfficeSettings): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tables['crew-dispatch'],
      Item: { ...officeSettingsKey, ...settings },
    }),
  );
}
