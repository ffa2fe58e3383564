import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SentEmail } from '../apps-script-harness/gmail.js';
import {
  charterRow,
  dateCell,
  type EdgeServer,
  linkIn,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// Issue 13, "When the charter changes": the office edits a running charter's row and sends it again.
const start = new Date('2026-11-28T17:00:00Z');
const ID = 'CH-2026-1205-C';
let edge: EdgeServer;
let office: Office;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow(ID, '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2'),
  ]);
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

function invite(mail: SentEmail | undefined) {
  const root = new ICAL.Component(ICAL.parse(mail?.attachments[0]?.text ?? ''));
  const event = root.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return {
    method: String(root.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: String(event.getFirstPropertyValue('status')),
    location: String(event.getFirstPropertyValue('location') ?? ''),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

const KENJI = 'kenji.watanabe@example.com';
const sendRow = () => {
  office.harness.select('Charters', 'A2:M2');
  office.harness.clickMenu('Crew', 'Send crew call for selected charters');
  return office.harness.alerts.at(-1)?.prompt ?? '';
};
const sentSince = (before: number) => office.harness.outbox.slice(before);

describe('changing a charter after its crew call went out', () => {
  it('starts the call and Kenji accepts', async () => {
    expect(sendRow()).toContain(`Sent 1 crew call: ${ID}: 3 emails`);
    const kenji = office.harness.outbox.find((m) => m.to.includes(KENJI));
    const res = await fetch(linkIn(kenji?.body ?? ''), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: edge.url },
      body: new URLSearchParams({ action: 'accept' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    await office.setClock(new Date(start.getTime() + 5 * 60_000));
    const before = office.harness.outbox.length;
    office.harness.runTrigger('tick');
    expect(sentSince(before).map((m) => m.to[0])).toEqual([KENJI]);
  });

  it('previews an edited running charter without changing it: nobody is emailed, not even by the timer', async () => {
    office.harness.range('Charters', 'J2').setValue('Dock C, slip 3');
    office.harness.range('Charters', 'G2').setValue(22);
    const before = office.harness.outbox.length;
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Preview crew call');
    // Past any send lease: an update written by the preview would go out now.
    await office.setClock(new Date(start.getTime() + 30 * 60_000));
    office.harness.runTrigger('tick');
    expect(office.harness.outbox.length).toBe(before);
  });

  it('sends a new meeting point and guest count to the confirmed crew, replacing their calendar entry', () => {
    const confirmation = office.harness.outbox.at(-1);
    const before = office.harness.outbox.length;
    const summary = sendRow();
    expect(summary).toContain(
      `Updated ${ID}: meeting point, guests; told Kenji Watanabe (1 email)`,
    );
    expect(summary).toContain('Sent 0 crew calls');
    const sent = sentSince(before);
    expect(sent.map((m) => m.to[0])).toEqual([KENJI]);
    expect(sent[0]?.subject).toContain('Updated');
    expect(sent[0]?.body).toContain('Dock C, slip 3');
    const updated = invite(sent[0]);
    const earlier = invite(confirmation);
    expect(updated).toMatchObject({ method: 'PUBLISH', status: 'CONFIRMED', uid: earlier.uid });
    expect(updated.sequence).toBeGreaterThan(earlier.sequence);
    expect(updated.location).toContain('Dock C, slip 3');

    // Sent again with nothing changed: nobody is emailed twice.
    const again = office.harness.outbox.length;
    expect(sendRow()).toContain(`${ID}: nothing changed`);
    expect(office.harness.outbox.length).toBe(again);
  });

  it('refuses fewer seats than are confirmed, naming who is confirmed', () => {
    office.harness.range('Charters', 'H2').setValue('captain 1, deckhand 2');
    const before = office.harness.outbox.length;
    expect(sendRow()).toContain('mate cannot go down to 0: 1 mate is confirmed (Kenji Watanabe)');
    expect(office.harness.outbox.length).toBe(before);
    office.harness.range('Charters', 'H2').setValue('captain 1, mate 1, deckhand 3');
    expect(sendRow()).toContain(`Updated ${ID}: seats; told nobody`);
    expect(office.charterCells(1).status).toContain('deckhand 3');
  });

  it('moves to a new date only after the office says yes: everyone is told, and a new call goes out', () => {
    office.harness.range('Charters', 'B2').setValue(dateCell('2026-12-06'));
    const before = office.harness.outbox.length;
    office.harness.ui.queueAlert('NO');
    expect(sendRow()).toContain(`${ID}: the date change was not sent`);
    expect(office.harness.alerts.at(-2)?.prompt).toContain('2026-12-05 to 2026-12-06');
    expect(office.harness.outbox.length).toBe(before);

    const firstInvites = new Map(
      office.harness.outbox.slice(0, 3).map((m) => [m.to[0], invite(m)] as const),
    );
    office.harness.ui.queueAlert('YES');
    const summary = sendRow();
    expect(summary).toContain(
      `${ID} moved to 2026-12-06: the call for 2026-12-05 is cancelled (3 cancellation emails)`,
    );
    const sent = sentSince(before);
    const cancels = sent.filter((m) => m.attachments[0]?.contentType?.includes('method=CANCEL'));
    expect(cancels.map((m) => m.to[0]).sort()).toEqual([...firstInvites.keys()].sort());
    for (const m of cancels) {
      const first = firstInvites.get(m.to[0] as string);
      expect(invite(m).uid).toBe(first?.uid);
      expect(invite(m).sequence).toBeGreaterThan(first?.sequence ?? 0);
    }
    const calls = sent.filter((m) => m.attachments[0]?.contentType?.includes('method=PUBLISH'));
    expect(calls.length).toBeGreaterThan(0);
    for (const m of calls) {
      expect(invite(m).start).toBe('2026-12-06T17:00:00.000Z');
      expect(invite(m).uid).not.toBe(firstInvites.get(m.to[0] as string)?.uid);
    }
    expect(summary).toContain(`Sent 1 crew call: ${ID}: ${calls.length} email`);
  });
});
