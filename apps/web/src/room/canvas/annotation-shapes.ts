// The teaching annotations (arrows, freehand) and tldraw's geo shapes, without pattern fills.
// A pattern fill's images are drawn for every zoom level when the canvas mounts, which costs a
// full rack 50–80 ms of its first second here; the rack offers no fill styles, so nothing
// it shows ever uses them.
import { ArrowShapeUtil, DrawShapeUtil, GeoShapeUtil } from 'tldraw';

class RackArrowShapeUtil extends ArrowShapeUtil {
  override getCanvasSvgDefs() {
    return [];
  }
}

class RackDrawShapeUtil extends DrawShapeUtil {
  override getCanvasSvgDefs() {
    return [];
  }
}

class RackGeoShapeUtil extends GeoShapeUtil {
  override getCanvasSvgDefs() {
    return [];
  }
}

export const annotationShapeUtils = [
  // Arrows are free-standing: binding them to panels or notes would be state the rack does not keep.
  RackArrowShapeUtil.configure({ shouldIgnoreTargets: () => true }),
  RackDrawShapeUtil,
  RackGeoShapeUtil,
];
