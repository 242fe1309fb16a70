using EdgeMask.FaceApiConverter;

const string Usage = """
    usage: edgemask-faceapi-convert <face-api model dir> <output dir>

    Reads tiny_face_detector_model and ssd_mobilenetv1_model (tfjs weights manifest + .bin) from the model/
    folder of @vladmandic/face-api@1.7.15, checks their pinned SHA-256, and writes face_detector_tiny.onnx and
    face_detector_ssd.onnx into the output dir. Normally run by scripts/fetch-face-detectors.sh.
    """;

if (args.Length != 2 || args.Any(a => a is "-h" or "--help"))
{
    Console.Error.WriteLine(Usage);
    return args.Any(a => a is "-h" or "--help") ? 0 : 2;
}

try
{
    foreach (var path in FaceApiModelConverter.Convert(args[0], args[1], FaceApiPackage.ModelFileSha256))
    {
        Console.WriteLine($"wrote {path} ({new FileInfo(path).Length / 1024} KiB)");
    }

    return 0;
}
catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or IOException)
{
    Console.Error.WriteLine($"edgemask-faceapi-convert: {ex.Message}");
    return 1;
}
