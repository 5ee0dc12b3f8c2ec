// Messages between the panel and its layout worker (internal to the webview).

export interface LayoutRequest {
  id: number;
  widths: Float64Array;
  heights: Float64Array;
  edges: Int32Array;
}

export interface LayoutReply {
  id: number;
  x: Float64Array;
  y: Float64Array;
  /** All edge polylines concatenated; edge i is points[offsets[i] .. offsets[i+1]). */
  points: Float64Array;
  offsets: Int32Array;
  width: number;
  height: number;
  ms: number;
}
