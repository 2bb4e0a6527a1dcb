import { addModule, listModules } from '@patchroom/doc-model';
import { describe, expect, it } from 'vitest';
import { browser, codeOf, liveApi } from './helpers.ts';
import { waitFor } from './room-client.ts';

const api = liveApi();
const { person, join } = api;

async function rackWithModule() {
  const ada = await person('Ada');
  const { id } = await ada.client.racks.create.mutate({ name: 'Shared', caseId: 'doepfer-a100-lc9' });
  const vco = (await ada.client.catalog.modules.query({ type: 'oscillator' })).items[0]!;
  const room = join(id, ada.token);
  await room.synced;
  addModule(room.doc, { catalogId: vco.id, widthHp: vco.hp });
  return { id, ada, room };
}

describe('access to live rooms follows the access list', () => {
  it('disconnects a member the owner removes, and refuses them afterwards', async () => {
    const { id, ada, room } = await rackWithModule();
    const bea = await person('Bea');
    await ada.client.racks.share.mutate({ id, email: bea.email, role: 'editor' });
    const beaRoom = join(id, bea.token);
    await beaRoom.synced;
    const members = await ada.client.racks.members.query({ id });
    const beaId = members.find((m) => m.email === bea.email)!.userId;

    await ada.client.racks.removeMember.mutate({ id, userId: beaId });
    await waitFor(() => beaRoom.closeCodes.includes(4403), 'Bea to be disconnected');
    await waitFor(() => beaRoom.refusals.length > 0, 'Bea to be refused on reconnect');
    addModule(beaRoom.doc, { catalogId: listModules(room.doc)[0]!.catalogId, widthHp: 4 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(listModules(room.doc)).toHaveLength(1);
    expect(await codeOf(bea.client.racks.get.query({ id }))).toBe('NOT_FOUND');
  });

  it('lets anyone view a public rack read-only, and stops when it turns private', async () => {
    const { id, ada, room } = await rackWithModule();
    const anonymous = browser(api.server);
    expect(await codeOf(anonymous.client.racks.get.query({ id }))).toBe('NOT_FOUND');
    await ada.client.racks.setVisibility.mutate({ id, visibility: 'public' });
    expect((await anonymous.client.racks.get.query({ id })).role).toBe('viewer');

    const visitor = join(id, 'cookie');
    await visitor.synced;
    expect(listModules(visitor.doc)).toHaveLength(1);
    addModule(visitor.doc, { catalogId: listModules(room.doc)[0]!.catalogId, widthHp: 4 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(listModules(room.doc)).toHaveLength(1);

    await ada.client.racks.setVisibility.mutate({ id, visibility: 'private' });
    await waitFor(() => visitor.closeCodes.includes(4403), 'the visitor to be disconnected');
    expect(await codeOf(anonymous.client.racks.get.query({ id }))).toBe('NOT_FOUND');
  });

  it('lets only the owner change access', async () => {
    const { id, ada } = await rackWithModule();
    const bea = await person('Bea');
    await ada.client.racks.share.mutate({ id, email: bea.email, role: 'editor' });
    expect(await codeOf(bea.client.racks.setVisibility.mutate({ id, visibility: 'public' }))).toBe('FORBIDDEN');
    const members = await bea.client.racks.members.query({ id });
    expect(await codeOf(bea.client.racks.removeMember.mutate({ id, userId: members[0]!.userId }))).toBe('FORBIDDEN');
    expect((await ada.client.racks.get.query({ id })).visibility).toBe('private');
  });
});

describe('metrics', () => {
  it('exposes the collab counters in Prometheus format', async () => {
    await rackWithModule();
    const response = await fetch(`${api.server.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^patchroom_collab_updates_appended_total \d+/m);
    expect(Number(/^patchroom_collab_updates_appended_total (\d+)/m.exec(text)![1])).toBeGreaterThan(0);
  });
});
