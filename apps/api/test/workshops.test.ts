import { SESSION_COOKIE } from '@patchroom/db';
import { addModule, listModules } from '@patchroom/doc-model';
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET } from '../src/workshops/join-code.ts';
import { browser, codeOf, liveApi } from './helpers.ts';
import { waitFor } from './room-client.ts';

const api = liveApi();
const { person, join } = api;

/** A teacher with a rack holding one module, and a workshop on it. */
async function classroom() {
  const teacher = await person('Teacher');
  const { id: rackId } = await teacher.client.racks.create.mutate({ name: 'Lesson rack', caseId: 'doepfer-a100-lc9' });
  const vco = (await teacher.client.catalog.modules.query({ type: 'oscillator' })).items[0]!;
  const room = join(rackId, teacher.token);
  await room.synced;
  addModule(room.doc, { catalogId: vco.id, widthHp: vco.hp });
  const workshop = await teacher.client.workshops.create.mutate({ rackId });
  return { teacher, rackId, room, workshop, vco };
}

describe('workshops', () => {
  it('gives a short unambiguous code; only the owner may start one; starting twice returns the same one', async () => {
    const { teacher, rackId, workshop } = await classroom();
    expect(workshop.code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(await teacher.client.workshops.create.mutate({ rackId })).toEqual(workshop);
    const stranger = await person('Stranger');
    expect(await codeOf(stranger.client.workshops.create.mutate({ rackId }))).toBe('NOT_FOUND');
    const lookup = await browser(api.server).client.workshops.lookup.query({ code: workshop.code.toLowerCase() });
    expect(lookup).toMatchObject({ id: workshop.id, rackName: 'Lesson rack', teacherName: 'Teacher' });
    expect(await codeOf(browser(api.server).client.workshops.lookup.query({ code: 'ZZZZZZ' }))).toBe('NOT_FOUND');
  });

  it('lets a guest join with a display name only, into the teacher’s room, and lock makes them read-only', async () => {
    const { teacher, rackId, room, workshop } = await classroom();
    const guest = browser(api.server);
    expect(await codeOf(guest.client.workshops.join.mutate({ code: workshop.code }))).toBe('BAD_REQUEST');
    const joined = await guest.client.workshops.join.mutate({ code: workshop.code, displayName: 'Guest Gus' });
    expect(joined).toEqual({ workshopId: workshop.id, rackId, teacher: false });
    const me = (await guest.client.auth.me.query()).user!;
    expect(me).toMatchObject({ displayName: 'Guest Gus', isGuest: true });
    expect((await guest.client.racks.get.query({ id: rackId })).role).toBe('editor');
    const view = await guest.client.workshops.get.query({ id: workshop.id });
    expect(view).toMatchObject({ view: 'student', locked: false, rackName: 'Lesson rack', myCopyRackId: null });
    // A guest cannot run workshops, nor sign in with a password.
    expect(await codeOf(guest.client.workshops.create.mutate({ rackId }))).toBe('FORBIDDEN');
    expect(await codeOf(browser(api.server).client.auth.logIn.mutate({ email: me.email, password: '!' }))).toBe('UNAUTHORIZED');

    const guestRoom = join(rackId, guest.jar.get(SESSION_COOKIE)!);
    await guestRoom.synced;
    expect(listModules(guestRoom.doc)).toHaveLength(1);
    expect(await codeOf(guest.client.workshops.lock.mutate({ id: workshop.id, locked: true }))).toBe('FORBIDDEN');
    await teacher.client.workshops.lock.mutate({ id: workshop.id, locked: true });
    expect((await guest.client.workshops.get.query({ id: workshop.id })).locked).toBe(true);
    expect((await guest.client.racks.get.query({ id: rackId })).role).toBe('viewer');
    // The collab learns of the lock through NOTIFY; give it a moment, then the guest's edit is dropped.
    await new Promise((resolve) => setTimeout(resolve, 500));
    addModule(guestRoom.doc, { catalogId: 'guest-module', widthHp: 2, slot: { row: 1, hp: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(listModules(room.doc).map((m) => m.catalogId)).not.toContain('guest-module');

    await teacher.client.workshops.end.mutate({ id: workshop.id });
    await waitFor(() => guestRoom.closeCodes.includes(4403), 'guest closed out when the workshop ends');
    expect(await codeOf(guest.client.workshops.join.mutate({ code: workshop.code, displayName: 'Late' }))).toBe('NOT_FOUND');
  });

  it('hands every student a copy of the rack as it is now; account holders own theirs, guests can edit theirs', async () => {
    const { teacher, rackId, workshop } = await classroom();
    const student = await person('Stu');
    await student.client.workshops.join.mutate({ code: workshop.code });
    const guest = browser(api.server);
    await guest.client.workshops.join.mutate({ code: workshop.code, displayName: 'Gia' });
    const teacherView = await teacher.client.workshops.get.query({ id: workshop.id });
    expect(teacherView.students.map((s) => s.displayName)).toEqual(['Stu', 'Gia']);

    expect(await teacher.client.workshops.distributeCopies.mutate({ id: workshop.id })).toEqual({ created: 2 });
    expect(await teacher.client.workshops.distributeCopies.mutate({ id: workshop.id })).toEqual({ created: 0 });
    const copies = await teacher.client.workshops.listCopies.query({ id: workshop.id });
    expect(copies.map((c) => [c.displayName, c.guest])).toEqual([['Stu', false], ['Gia', true]]);
    const studentCopy = (await student.client.workshops.get.query({ id: workshop.id })).myCopyRackId!;
    expect(studentCopy).toBe(copies[0]!.rackId);
    expect((await student.client.racks.get.query({ id: studentCopy })).role).toBe('owner');
    expect((await guest.client.racks.get.query({ id: copies[1]!.rackId })).role).toBe('editor');
    expect((await teacher.client.racks.get.query({ id: studentCopy })).role).toBe('editor');
    expect(await codeOf(guest.client.racks.get.query({ id: studentCopy }))).toBe('NOT_FOUND');

    // The copy holds the teacher's module, and is its own room from now on.
    const copyRoom = join(studentCopy, student.token);
    await copyRoom.synced;
    expect(listModules(copyRoom.doc)).toHaveLength(1);

    await teacher.client.workshops.end.mutate({ id: workshop.id });
    expect((await student.client.racks.list.query()).map((r) => r.id)).toContain(studentCopy);
    expect(await codeOf(student.client.racks.get.query({ id: rackId }))).toBe('NOT_FOUND');
  });

  it('refuses teacher controls to students and mutations without the CSRF header', async () => {
    const { workshop, rackId } = await classroom();
    const student = await person('Sam');
    await student.client.workshops.join.mutate({ code: workshop.code });
    for (const call of [
      () => student.client.workshops.setFollowTeacher.mutate({ id: workshop.id, follow: true }),
      () => student.client.workshops.holdTransport.mutate({ id: workshop.id, held: true }),
      () => student.client.workshops.distributeCopies.mutate({ id: workshop.id }),
      () => student.client.workshops.end.mutate({ id: workshop.id }),
    ]) {
      expect(await codeOf(call())).toBe('FORBIDDEN');
    }
    expect(await codeOf(student.client.workshops.listCopies.query({ id: workshop.id }))).toBe('NOT_FOUND');
    // Someone who never joined learns nothing about the workshop or the rack behind it.
    const stranger = await person('Stranger');
    expect(await codeOf(stranger.client.workshops.get.query({ id: workshop.id }))).toBe('NOT_FOUND');
    expect(await codeOf(stranger.client.workshops.listCopies.query({ id: workshop.id }))).toBe('NOT_FOUND');
    expect(await codeOf(stranger.client.workshops.forRack.query({ rackId }))).toBe('NOT_FOUND');
    const noHeader = browser(api.server, { csrfHeader: false });
    expect(await codeOf(noHeader.client.workshops.join.mutate({ code: workshop.code, displayName: 'X' }))).toBe('FORBIDDEN');
  });
});
