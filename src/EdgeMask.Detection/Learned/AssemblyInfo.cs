using System.Runtime.CompilerServices;

// The conversion tests compare the internal decoders with face-api's JavaScript (tests/EdgeMask.FaceApiConverter.Tests).
[assembly: InternalsVisibleTo("EdgeMask.FaceApiConverter.Tests")]

// The converter calibrates the int8 SSD on inputs prepared by the detector's own FaceApiInputWriter.
[assembly: InternalsVisibleTo("edgemask-faceapi-convert")]
