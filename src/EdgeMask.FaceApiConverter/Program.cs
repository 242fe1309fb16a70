using EdgeMask.FaceApiConverter;

const string Usage = """
    usage: edgemask-faceapi-convert <face-api model dir> <output dir> [--ssd-sizes 512,384] [--calibration-images DIR | --no-int8] [--fp32-all-sizes]

    Reads tiny_face_detector_model and ssd_mobilenetv1_model (tfjs weights manifest + .bin) from the model/
    folder of @vladmandic/face-api@1.7.15, checks their pinned SHA-256, and writes into the output dir:
      face_detector_tiny.onnx                      the tiny detector (any input side, multiple of 32)
      face_detector_ssd.onnx                       SSD MobileNetV1 at face-api's 512 input, fp32
      face_detector_ssd[_SIZE].int8.onnx           static int8 SSD (per-channel weights, uint8 activations), for
                                                   each --ssd-sizes side; sides other than 512 get priors generated for them
    --ssd-sizes           SSD input sides (multiples of 32, 128-1024; default 512,384; 512 is always written)
    --calibration-images  JPEG photos to calibrate the int8 models on (default /usr/share/doc/opencv-doc/examples/data)
    --no-int8             write fp32 models only (then at every --ssd-sizes side)
    --fp32-all-sizes      write fp32 SSDs at every --ssd-sizes side as well (for measuring)
    Normally run by scripts/fetch-face-detectors.sh.
    """;

if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(Usage);
    return 0;
}

try
{
    var (modelDir, outputDir, options) = ParseArguments(args);
    foreach (var path in FaceApiModelConverter.Convert(modelDir, outputDir, FaceApiPackage.ModelFileSha256, options))
    {
        Console.WriteLine($"wrote {path} ({new FileInfo(path).Length / 1024} KiB)");
    }

    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"edgemask-faceapi-convert: {ex.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or IOException)
{
    Console.Error.WriteLine($"edgemask-faceapi-convert: {ex.Message}");
    return 1;
}

static (string ModelDir, string OutputDir, ConversionOptions Options) ParseArguments(string[] args)
{
    var positional = new List<string>();
    var sizes = ConversionOptions.DefaultSsdInputSizes;
    string? calibration = ConversionOptions.Default.CalibrationImageDirectory;
    var noInt8 = false;
    var fp32AllSizes = false;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--ssd-sizes":
                sizes = [.. Value(args, ref i).Split(',').Select(ParseSize)];
                break;
            case "--calibration-images":
                calibration = Value(args, ref i);
                break;
            case "--no-int8":
                noInt8 = true;
                break;
            case "--fp32-all-sizes":
                fp32AllSizes = true;
                break;
            case var option when option.StartsWith("--", StringComparison.Ordinal):
                throw new ArgumentException($"Unknown option '{option}'.");
            default:
                positional.Add(args[i]);
                break;
        }
    }

    if (positional.Count != 2)
    {
        throw new ArgumentException($"Expected a model dir and an output dir, got {positional.Count} arguments.");
    }

    return (positional[0], positional[1], new ConversionOptions(sizes, noInt8 ? null : calibration, fp32AllSizes));
}

static string Value(string[] args, ref int i) =>
    ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

static int ParseSize(string text) =>
    int.TryParse(text, out var size) && size % 32 == 0 && size is >= SsdMobilenetV1Graph.MinInputSizePixels and <= SsdMobilenetV1Graph.MaxInputSizePixels
        ? size
        : throw new ArgumentException($"--ssd-sizes: '{text}' is not a multiple of 32 in {SsdMobilenetV1Graph.MinInputSizePixels}-{SsdMobilenetV1Graph.MaxInputSizePixels}.");
