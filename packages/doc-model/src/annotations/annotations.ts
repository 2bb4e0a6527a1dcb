// Canvas annotations: sticky notes, arrows and freehand strokes drawn over the rack. Their
// props are plain JSON owned by the canvas (position, text, points, colour…).
import type * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { newId, rackParts, type AnnotationData, type AnnotationKind } from '../rack-doc.ts';
import { compareIds } from '../shared/order.ts';
import * as valid from '../shared/validate.ts';

export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['sticky', 'arrow', 'freehand'];
const PROPS_MAX_CHARS = 64_000;

export interface Annotation extends AnnotationData {
  id: string;
}

export function listAnnotations(doc: Y.Doc): Annotation[] {
  const out: Annotation[] = [];
  rackParts(doc).annotations.forEach((value, id) => {
    const annotation = readAnnotation(id, value);
    if (annotation) out.push(annotation);
  });
  return out.sort((a, b) => compareIds(a.id, b.id));
}

export function getAnnotation(doc: Y.Doc, id: string): Annotation | null {
  return readAnnotation(id, rackParts(doc).annotations.get(id));
}

function readAnnotation(id: string, value: unknown): Annotation | null {
  const v = value as Partial<AnnotationData> | null;
  if (!v || !ANNOTATION_KINDS.includes(v.kind as AnnotationKind) || !valid.isJsonObject(v.props)) return null;
  return { id, kind: v.kind as AnnotationKind, props: v.props };
}

export function addAnnotation(
  doc: Y.Doc,
  input: { kind: AnnotationKind; props: valid.JsonObject; id?: string },
): Annotation {
  const kind = valid.oneOf(input.kind, ANNOTATION_KINDS, 'An annotation is a sticky note, an arrow or a freehand stroke.');
  const props = valid.jsonObject(input.props, 'An annotation', PROPS_MAX_CHARS);
  const id = input.id === undefined ? newId(doc, 'ann') : valid.id(input.id, 'Annotation');
  const { annotations } = rackParts(doc);
  if (annotations.has(id)) throw new RackRuleError('An annotation with this id already exists.', 'DUPLICATE_ID');
  annotations.set(id, { kind, props });
  return { id, kind, props };
}

/** Changes some props of an annotation (a shallow merge); returns the annotation. */
export function updateAnnotation(doc: Y.Doc, id: string, props: valid.JsonObject): Annotation {
  const current = getAnnotation(doc, id);
  if (!current) throw new RackRuleError('That annotation is no longer on the canvas.', 'NO_SUCH_ANNOTATION');
  const merged = valid.jsonObject({ ...current.props, ...valid.jsonObject(props, 'An annotation', PROPS_MAX_CHARS) }, 'An annotation', PROPS_MAX_CHARS);
  rackParts(doc).annotations.set(id, { kind: current.kind, props: merged });
  return { id, kind: current.kind, props: merged };
}

export function removeAnnotation(doc: Y.Doc, id: string): void {
  rackParts(doc).annotations.delete(id);
}
