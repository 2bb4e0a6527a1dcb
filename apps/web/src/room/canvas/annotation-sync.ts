// Teaching annotations — sticky notes, arrows and freehand strokes — are drawn with tldraw's own
// tools and kept in the rack document, so everyone sees them and they are saved with the rack.
// Both directions: what this user draws goes into the document (a few times a second while a
// stroke is being drawn), and the document's annotations (others', undo, offline merges)
// become shapes. The annotation id is the shape id without its "shape:" prefix.
import {
  addAnnotation,
  getAnnotation,
  listAnnotations,
  rackParts,
  removeAnnotation,
  updateAnnotation,
  type Annotation,
  type AnnotationKind,
  type JsonObject,
  type JsonValue,
} from '@patchroom/doc-model';
import type { Editor, IndexKey, TLRecord, TLShape, TLShapeId } from 'tldraw';
import { getIndexAbove } from 'tldraw';
import type * as Y from 'yjs';
import { LOCAL_EDIT } from '../connection.ts';
import { describeEditError, localEdit } from '../edits.ts';
import { throttle } from '../presence/throttle.ts';
import { RACK_MODULE } from './module-shape.tsx';

const KIND_OF_TYPE: Record<string, AnnotationKind> = { note: 'sticky', arrow: 'arrow', draw: 'freehand' };
const TYPE_OF_KIND: Record<AnnotationKind, string> = { sticky: 'note', arrow: 'arrow', freehand: 'draw' };
const FLUSH_INTERVAL_MS = 100;

export const ANNOTATION_SHAPE_TYPES = Object.keys(KIND_OF_TYPE);

export function isAnnotationShape(shape: { type: string }): boolean {
  return shape.type in KIND_OF_TYPE;
}

export const annotationIdOf = (shapeId: string) => shapeId.replace(/^shape:/, '');
export const shapeIdOfAnnotation = (annotationId: string) => `shape:${annotationId}` as TLShapeId;

/** The plain data stored for a shape: everything but what the page and the id already say. */
export function annotationProps(shape: TLShape): JsonObject {
  return {
    x: shape.x,
    y: shape.y,
    rotation: shape.rotation,
    index: shape.index,
    opacity: shape.opacity,
    isLocked: shape.isLocked,
    props: shape.props as unknown as JsonValue,
    meta: shape.meta as unknown as JsonValue,
  };
}

/** The shape an annotation draws, or null when its data is not a valid shape of its kind. */
function shapeOf(editor: Editor, annotation: Annotation, index: IndexKey): TLShape | null {
  const p = annotation.props;
  const record = {
    id: shapeIdOfAnnotation(annotation.id),
    typeName: 'shape',
    type: TYPE_OF_KIND[annotation.kind],
    parentId: editor.getCurrentPageId(),
    index,
    x: typeof p.x === 'number' ? p.x : 0,
    y: typeof p.y === 'number' ? p.y : 0,
    rotation: typeof p.rotation === 'number' ? p.rotation : 0,
    opacity: typeof p.opacity === 'number' ? p.opacity : 1,
    isLocked: p.isLocked === true,
    props: p.props,
    meta: p.meta ?? {},
  } as unknown as TLShape;
  try {
    return editor.store.schema.validateRecord(editor.store, record as TLRecord, 'createRecord', null) as TLShape;
  } catch {
    return null; // written by a newer client or damaged: leave it out rather than break the canvas
  }
}

export function syncAnnotations(editor: Editor, doc: Y.Doc, onNotice: (message: string) => void): () => void {
  const { annotations } = rackParts(doc);

  // Document → canvas.
  const project = (ids: Iterable<string>) => {
    const puts: TLShape[] = [];
    const removes: TLShapeId[] = [];
    // Notes and arrows stay over the panels whatever index their author's canvas gave them.
    let highestModule: IndexKey | null = null;
    let highest: IndexKey | null = null;
    for (const shape of editor.getCurrentPageShapes()) {
      if (shape.type === RACK_MODULE && (!highestModule || shape.index > highestModule)) highestModule = shape.index;
      if (!highest || shape.index > highest) highest = shape.index;
    }
    for (const id of ids) {
      const annotation = getAnnotation(doc, id);
      const shapeId = shapeIdOfAnnotation(id);
      if (!annotation) {
        if (editor.getShape(shapeId)) removes.push(shapeId);
        continue;
      }
      const stored = annotation.props.index;
      let index = typeof stored === 'string' ? (stored as IndexKey) : null;
      if (!index || (highestModule && index <= highestModule)) {
        index = editor.getShape(shapeId)?.index ?? getIndexAbove(highest);
        if (!highest || index > highest) highest = index;
      }
      const shape = shapeOf(editor, annotation, index);
      if (shape) puts.push(shape);
    }
    if (puts.length === 0 && removes.length === 0) return;
    editor.store.mergeRemoteChanges(() => {
      if (removes.length > 0) editor.store.remove(removes);
      for (const shape of puts) {
        try {
          editor.store.put([shape]);
        } catch {
          // one bad annotation must not stop the others
        }
      }
    });
  };
  project(listAnnotations(doc).map((a) => a.id));
  const observer = (event: Y.YMapEvent<unknown>, tx: Y.Transaction) => {
    // Our own edits are on the canvas already (and may be newer than the document).
    if (tx.local && tx.origin === LOCAL_EDIT) return;
    project(event.keysChanged);
  };
  annotations.observe(observer);

  // Canvas → document.
  const dirty = new Set<TLShapeId>();
  const flush = throttle(() => {
    const ids = [...dirty];
    dirty.clear();
    for (const shapeId of ids) {
      const id = annotationIdOf(shapeId);
      const shape = editor.getShape(shapeId);
      try {
        localEdit(doc, () => {
          if (!shape) removeAnnotation(doc, id);
          else if (getAnnotation(doc, id)) updateAnnotation(doc, id, annotationProps(shape));
          else addAnnotation(doc, { id, kind: KIND_OF_TYPE[shape.type]!, props: annotationProps(shape) });
        });
      } catch (error) {
        onNotice(describeEditError(error));
        // What could not be saved must not stay on this canvas only.
        project([id]);
        if (shape && !getAnnotation(doc, id)) editor.store.mergeRemoteChanges(() => editor.store.remove([shapeId]));
      }
    }
  }, FLUSH_INTERVAL_MS);
  const stopListen = editor.store.listen(
    ({ changes }) => {
      const mark = (record: TLRecord) => {
        if (record.typeName === 'shape' && isAnnotationShape(record)) dirty.add(record.id);
      };
      Object.values(changes.added).forEach(mark);
      Object.values(changes.updated).forEach(([, to]) => mark(to));
      Object.values(changes.removed).forEach(mark);
      if (dirty.size > 0) flush();
    },
    { source: 'user', scope: 'document' },
  );

  return () => {
    stopListen();
    flush.flush();
    annotations.unobserve(observer);
  };
}
