import {
  Box3,
  Mesh,
  PMREMGenerator,
  PerspectiveCamera,
  Scene,
  Sphere,
  Spherical,
  Texture,
  Vector3,
  WebGLRenderer,
  type Material
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { fitDistance, type OrbitAction } from '$core/model/orbit';

/**
 * three.js, GLTFLoader and OrbitControls: loaded only through a dynamic import when a GLB is on screen, so no
 * other page pays for them. No Draco, KTX2 or meshopt decoder is set up (they would be fetched at run time);
 * `readGlb` refuses models that need one before this runs.
 */
export interface GlbView {
  act(action: OrbitAction): void;
  dispose(): void;
}

const FOV = 35;
// Where the camera first looks from: in front, a little to the right and above, so three sides show.
const HOME = new Vector3(0.8, 0.55, 1.3).normalize();

export async function showGlb(canvas: HTMLCanvasElement, bytes: ArrayBuffer): Promise<GlbView> {
  let renderer: WebGLRenderer;
  try {
    renderer = new WebGLRenderer({ canvas, antialias: true, alpha: true });
  } catch {
    throw new Error(
      'This browser cannot show 3D models here (WebGL is off or unavailable). Download it instead.'
    );
  }
  let gltf;
  try {
    gltf = await new GLTFLoader().parseAsync(bytes, '');
  } catch (error) {
    renderer.dispose();
    throw new Error(`This 3D model cannot be read: ${(error as Error).message}`);
  }

  const scene = new Scene();
  const pmrem = new PMREMGenerator(renderer);
  const environment = pmrem.fromScene(new RoomEnvironment(), 0.04).texture;
  scene.environment = environment;
  scene.add(gltf.scene);

  const sphere = new Box3().setFromObject(gltf.scene).getBoundingSphere(new Sphere());
  const radius = sphere.radius > 0 ? sphere.radius : 1;
  const camera = new PerspectiveCamera(FOV, 1, radius / 100, radius * 100);
  const controls = new OrbitControls(camera, canvas);
  controls.enablePan = false;
  controls.target.copy(sphere.center);

  const render = () => renderer.render(scene, camera);
  controls.addEventListener('change', render);

  const home = () => {
    const distance = fitDistance(radius, FOV, camera.aspect);
    camera.position.copy(sphere.center).addScaledVector(HOME, distance);
    controls.minDistance = radius * 1.2;
    controls.maxDistance = distance * 4;
    controls.update();
    render();
  };

  const resize = () => {
    const { clientWidth: width, clientHeight: height } = canvas;
    if (width === 0 || height === 0) return;
    renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    renderer.setSize(width, height, false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
    render();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  resize();
  home();

  return {
    act(action) {
      if (action.kind === 'reset') return home();
      const offset = camera.position.clone().sub(controls.target);
      const spherical = new Spherical().setFromVector3(offset);
      if (action.kind === 'turn') {
        spherical.theta += action.azimuth;
        spherical.phi = Math.min(Math.PI - 0.05, Math.max(0.05, spherical.phi + action.polar));
      } else {
        spherical.radius = Math.min(
          controls.maxDistance,
          Math.max(controls.minDistance, spherical.radius * action.factor)
        );
      }
      camera.position.copy(controls.target).add(offset.setFromSpherical(spherical));
      controls.update();
      render();
    },
    dispose() {
      observer.disconnect();
      controls.dispose();
      gltf.scene.traverse((object) => {
        if (!(object instanceof Mesh)) return;
        object.geometry.dispose();
        for (const material of [object.material as Material | Material[]].flat()) {
          for (const value of Object.values(material)) if (value instanceof Texture) value.dispose();
          material.dispose();
        }
      });
      environment.dispose();
      pmrem.dispose();
      renderer.dispose();
      // Browsers keep only a handful of WebGL contexts: give this one back now rather than at collection.
      renderer.forceContextLoss();
    }
  };
}
