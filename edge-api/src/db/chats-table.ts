import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

/** The charter-chats table: one partition per charter, posts in time order. */
export interface ChatPost {
  charter_id: string;
  post_id: string;
  posted_at: string;
  /** What others see: a first name and role, or the office's name. */
  author: string;
  author_crew_id?: string;
  text: string;
}

export const CHAT_MAX_LENGTH = 500;

export async function postToChat(db: Db, post: Omit<ChatPost, 'post_id'>): Promise<ChatPost> {
  const postId = randomBytes(6).toString('hex');
  const full = { ...post, post_id: postId };
  await db.doc.send(
    new PutCommand({
      TableName: db.tables['charter-chats'],
      Item: { ...full, posted_at_id: `${post.posted_at}#${postId}` },
    }),
  );
  return full;
}

/** The newest `limit` posts, returned oldest first. */
export async function readChat(db: Db, charterId: string, limit = 50): Promise<ChatPost[]> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tables['charter-chats'],
      KeyConditionExpression: 'charter_id = :c',
      ExpressionAttributeValues: { ':c': charterId },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? [])
    .map((item) => {
      const { posted_at_id: _k, ...post } = item;
      return post as ChatPost;
    })
    .reverse();
}
