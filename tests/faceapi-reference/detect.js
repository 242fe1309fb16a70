// Test-only reference: runs @vladmandic/face-api's own detectors (pure tfjs, cpu backend) on binary
// PPM images and prints the detections as JSON on stdout, in image pixels.
// Usage: node detect.js --detector tiny|ssd [--input-size 416] [--min-score 0.5] [--model-dir DIR] image.ppm...
'use strict';

const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

function parseArgs(argv) {
  const args = { detector: null, inputSize: 416, minScore: 0.5, modelDir: null, images: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--detector') args.detector = argv[++i];
    else if (a === '--input-size') args.inputSize = Number(argv[++i]);
    else if (a === '--min-score') args.minScore = Number(argv[++i]);
    else if (a === '--model-dir') args.modelDir = argv[++i];
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.images.push(a);
  }
  if (args.detector !== 'tiny' && args.detector !== 'ssd') throw new Error('--detector must be tiny or ssd');
  if (args.images.length === 0) throw new Error('no images given');
  args.modelDir = args.modelDir || path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  return args;
}

// Binary PPM (P6, maxval 255): the test writes these with OpenCV so both sides see the same pixels.
function readPpm(file) {
  const buf = fs.readFileSync(file);
  const tokens = [];
  let pos = 0;
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) { while (buf[pos] !== 0x0a) pos++; continue; }
    let start = pos;
    while (!/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    tokens.push(buf.toString('ascii', start, pos));
  }
  pos++;
  const [magic, w, h, max] = [tokens[0], Number(tokens[1]), Number(tokens[2]), Number(tokens[3])];
  if (magic !== 'P6' || max !== 255) throw new Error(`${file}: not a binary 8-bit PPM`);
  const pixels = new Int32Array(buf.subarray(pos, pos + w * h * 3));
  return tf.tensor3d(pixels, [h, w, 3], 'int32');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await tf.setBackend('cpu');
  await tf.ready();
  const net = args.detector === 'tiny' ? faceapi.nets.tinyFaceDetector : faceapi.nets.ssdMobilenetv1;
  await net.loadFromDisk(args.modelDir);
  const options = args.detector === 'tiny'
    ? new faceapi.TinyFaceDetectorOptions({ inputSize: args.inputSize, scoreThreshold: args.minScore })
    : new faceapi.SsdMobilenetv1Options({ minConfidence: args.minScore });
  const results = [];
  for (const image of args.images) {
    const tensor = readPpm(image);
    const detections = await faceapi.detectAllFaces(tensor, options);
    tensor.dispose();
    results.push({
      image,
      detections: detections.map((d) => ({ x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height, score: d.score })),
    });
  }
  process.stdout.write(`${JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version.tfjs, faceapi: faceapi.version, results })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
