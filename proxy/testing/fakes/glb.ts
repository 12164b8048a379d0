/** Each face of the cube: its outward normal, two axes spanning it, and a colour (linear RGB). */
const faces: { normal: number[]; u: number[]; v: number[]; colour: number[] }[] = [
  { normal: [1, 0, 0], u: [0, 0, -1], v: [0, 1, 0], colour: [0.9, 0.1, 0.1] },
  { normal: [-1, 0, 0], u: [0, 0, 1], v: [0, 1, 0], colour: [0.1, 0.7, 0.1] },
  { normal: [0, 1, 0], u: [1, 0, 0], v: [0, 0, -1], colour: [0.1, 0.2, 0.9] },
  { normal: [0, -1, 0], u: [1, 0, 0], v: [0, 0, 1], colour: [0.9, 0.8, 0.1] },
  { normal: [0, 0, 1], u: [1, 0, 0], v: [0, 1, 0], colour: [0.9, 0.4, 0.0] },
  { normal: [0, 0, -1], u: [-1, 0, 0], v: [0, 1, 0], colour: [0.6, 0.1, 0.8] }
];

const pad4 = (length: number) => (length + 3) & ~3;

/**
 * A real binary glTF 2.0: a unit cube whose six faces have different vertex colours, so a viewer shows
 * something and turning it visibly changes the picture. Built in code, as the fake Stable Fast 3D answer.
 */
export function cubeGlb(): Uint8Array<ArrayBuffer> {
  const positions: number[] = [];
  const normals: number[] = [];
  const colours: number[] = [];
  const indices: number[] = [];
  for (const [index, face] of faces.entries()) {
    for (const [su, sv] of [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1]
    ] as const) {
      for (let axis = 0; axis < 3; axis++)
        positions.push(
          0.5 * ((face.normal[axis] ?? 0) + su * (face.u[axis] ?? 0) + sv * (face.v[axis] ?? 0))
        );
      normals.push(...face.normal);
      colours.push(...face.colour);
    }
    const base = index * 4;
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }

  const floats = new Float32Array([...positions, ...normals, ...colours]);
  const shorts = new Uint16Array(indices);
  const vec3Bytes = positions.length * 4;
  const binLength = pad4(floats.byteLength + shorts.byteLength);
  const bin = new Uint8Array(binLength);
  bin.set(new Uint8Array(floats.buffer), 0);
  bin.set(new Uint8Array(shorts.buffer), floats.byteLength);

  const count = positions.length / 3;
  const view = (byteOffset: number, byteLength: number, target: number) => ({
    buffer: 0,
    byteOffset,
    byteLength,
    target
  });
  const json = {
    asset: { version: '2.0', generator: 'image-studio fake Stable Fast 3D' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [
      { primitives: [{ attributes: { POSITION: 0, NORMAL: 1, COLOR_0: 2 }, indices: 3, material: 0 }] }
    ],
    materials: [
      { pbrMetallicRoughness: { baseColorFactor: [1, 1, 1, 1], metallicFactor: 0, roughnessFactor: 0.7 } }
    ],
    buffers: [{ byteLength: binLength }],
    bufferViews: [
      view(0, vec3Bytes, 34962),
      view(vec3Bytes, vec3Bytes, 34962),
      view(2 * vec3Bytes, vec3Bytes, 34962),
      view(floats.byteLength, shorts.byteLength, 34963)
    ],
    accessors: [
      {
        bufferView: 0,
        componentType: 5126,
        count,
        type: 'VEC3',
        min: [-0.5, -0.5, -0.5],
        max: [0.5, 0.5, 0.5]
      },
      { bufferView: 1, componentType: 5126, count, type: 'VEC3' },
      { bufferView: 2, componentType: 5126, count, type: 'VEC3' },
      { bufferView: 3, componentType: 5123, count: indices.length, type: 'SCALAR' }
    ]
  };

  const text = new TextEncoder().encode(JSON.stringify(json));
  const jsonLength = pad4(text.length);
  const total = 12 + 8 + jsonLength + 8 + binLength;
  const glb = new Uint8Array(total);
  const out = new DataView(glb.buffer);
  out.setUint32(0, 0x46546c67, true);
  out.setUint32(4, 2, true);
  out.setUint32(8, total, true);
  out.setUint32(12, jsonLength, true);
  out.setUint32(16, 0x4e4f534a, true);
  // The JSON chunk is padded with spaces, as the GLB container requires.
  glb.fill(0x20, 20, 20 + jsonLength);
  glb.set(text, 20);
  out.setUint32(20 + jsonLength, binLength, true);
  out.setUint32(24 + jsonLength, 0x004e4942, true);
  glb.set(bin, 28 + jsonLength);
  return glb;
}
