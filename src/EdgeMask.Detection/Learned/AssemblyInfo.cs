using System.Runtime.CompilerServices;

// The conversion tests compare the internal decoders with face-api's JavaScript (tests/EdgeMask.FaceApiConverter.Tests).
[assembly: InternalsVisibleTo("EdgeMask.FaceApiConverter.Tests")]
