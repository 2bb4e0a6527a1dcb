import { memo, useMemo } from 'react';
import { Jack } from './Jack.tsx';
import { Knob } from './Knob.tsx';
import type { RackModuleProps } from './module-shape.tsx';
import { panelFaceUrl } from './panel-face.ts';
import { panelLayoutFor } from './panel-layout.ts';
import { useModuleCables } from '../rack-view.ts';
import { useDraft } from './cable-draft.ts';
import type { JackEnd } from './cable-rules.ts';
import { type PeerSelection, useCatalogEntry, usePeerSelection, useRoomCanvas, useSignal } from './room-canvas-context.ts';

/** Narrow panels get a smaller title, as real 2–4 HP modules do. */
const NARROW_HP = 4;

/**
 * The front panel of a module: its name, knobs and jacks where `layoutPanel` puts them. Focus
 * the panel itself to move it with the arrow keys or remove it with Delete (see panel-input.ts).
 */
export const ModulePanel = memo(function ModulePanel({ w, h, moduleId, catalogId, hp, parked }: RackModuleProps) {
  const room = useRoomCanvas();
  const readOnly = useSignal(room.readOnly);
  const entry = useCatalogEntry(catalogId);
  // One subscription per panel (not per jack): what is plugged in, and the cable being patched.
  const cables = useModuleCables(room.view, moduleId);
  const draft = useDraft(room.drafts);
  const peers = usePeerSelection(room, moduleId);
  const layout = useMemo(
    () => (entry ? panelLayoutFor(entry.id, { w, h, controls: entry.controls, jacks: entry.jacks }) : null),
    [entry, w, h],
  );
  // Metal, screws, sockets, knob bodies and labels are one shared image per module and size.
  const face = useMemo(
    () => (entry && layout ? panelFaceUrl(entry.id, { w, h, hp, controls: entry.controls, jacks: entry.jacks }, layout) : undefined),
    [entry, layout, w, h, hp],
  );
  const name = entry?.name ?? 'Loading…';
  const maker = entry?.manufacturer ?? '';

  const jacksById = useMemo(() => new Map(entry?.jacks.map((j) => [j.id, j])), [entry]);
  const controlsById = useMemo(() => new Map(entry?.controls.map((c) => [c.id, c])), [entry]);

  const plugs = useMemo(() => {
    const out = new Map<string, { color: string; count: number }>();
    for (const cable of cables) {
      for (const end of [cable.from, cable.to]) {
        if (end.moduleId !== moduleId) continue;
        const plug = out.get(end.jackId);
        if (plug) plug.count += 1;
        else out.set(end.jackId, { color: cable.color, count: 1 });
      }
    }
    return out;
  }, [cables, moduleId]);

  return (
    <div
      role="group"
      tabIndex={0}
      aria-label={`${maker} ${name}`.trim()}
      aria-roledescription="module"
      aria-description={describePanel(hp, parked, readOnly, peers)}
      className={`rack-module${hp <= NARROW_HP ? ' is-narrow' : ''}${parked ? ' is-parked' : ''}${peers ? ' is-peer-selected' : ''}`}
      style={{ width: w, height: h, backgroundImage: face, ...(peers ? { ['--peer-color' as string]: peers.color } : {}) }}
      data-testid="module-shape"
      data-module-id={moduleId}
      data-catalog-id={catalogId}
      data-selected-by={peers?.names}
    >
      {peers ? (
        <span className="rack-module-peers" aria-hidden="true">
          {peers.names}
        </span>
      ) : null}
      <header
        className="rack-module-title"
        style={layout ? { top: layout.titleTop, height: layout.titleHeight } : undefined}
        title={`${maker} ${name} · ${hp} HP`}
      >
        <span className="rack-module-name">{name}</span>
        <span className="rack-module-maker">{maker}</span>
      </header>
      {layout?.controls.map((item) => {
        const control = controlsById.get(item.id)!;
        return (
          <Knob key={item.id} moduleId={moduleId} moduleName={name} control={control} item={item} readOnly={readOnly} />
        );
      })}
      {layout?.jacks.map((item) => {
        const jack = jacksById.get(item.id)!;
        const plug = plugs.get(item.id);
        const target = draft ? room.drafts.stateOf(jackEndOf(moduleId, name, jack)) : null;
        return (
          <Jack
            key={item.id}
            moduleId={moduleId}
            moduleName={name}
            jack={jack}
            item={item}
            readOnly={readOnly}
            plugColor={plug?.color ?? null}
            cableCount={plug?.count ?? 0}
            target={target}
          />
        );
      })}
    </div>
  );
});

function describePanel(hp: number, parked: boolean, readOnly: boolean, peers: PeerSelection | null): string {
  const where = `${hp} HP${parked ? ', parked outside the case' : ''}`;
  const who = peers ? `, selected by ${peers.names}` : '';
  return readOnly ? `${where}${who}.` : `${where}${who}. Arrow keys move it, Delete removes it.`;
}

function jackEndOf(moduleId: string, moduleName: string, jack: { id: string; name: string; dir: 'in' | 'out'; signal: string }): JackEnd {
  return { moduleId, jackId: jack.id, dir: jack.dir, signal: jack.signal, moduleName, jackName: jack.name };
}
