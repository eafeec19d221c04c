// SVG images are drawn by resvg's WebAssembly build, as on the server; Vite serves its wasm
// file as an asset of the build and the engine loads it when the first SVG does.
import { configureBrowserSvg } from '@layercast/engine/browser';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm?url';

configureBrowserSvg(resvgWasm);
