using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using System.Runtime.InteropServices;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace EdgeMask.Benchmarking;

/// <summary>
/// The tutorial's per-frame work, for comparison: Haar (frontalface_default, scale 1.1, 5 neighbours) on
/// the full-resolution gray frame, then VGG19 at 128x128 called once per face.
/// </summary>
public sealed class TutorialPipeline : IDisposable
{
    private readonly CascadeClassifier _cascade;
    private readonly InferenceSession _session;
    private readonly Mat _gray = new();
    private readonly float[] _input = new float[3 * Vgg19OnnxModel.InputSize * Vgg19OnnxModel.InputSize];

    public TutorialPipeline(string cascadePath, string vggModelPath, int intraOpThreads)
    {
        _cascade = new CascadeClassifier(cascadePath);
        if (_cascade.Empty())
        {
            throw new FileNotFoundException($"Cannot load the Haar cascade '{cascadePath}'.", cascadePath);
        }

        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(vggModelPath, options);
    }

    /// <returns>The number of faces found and classified.</returns>
    public int Process(Mat frame)
    {
        Cv2.CvtColor(frame, _gray, ColorConversionCodes.BGR2GRAY);
        var faces = _cascade.DetectMultiScale(_gray, 1.1, 5);
        foreach (var face in faces)
        {
            using var crop = new Mat(frame, face);
            Fill(crop, _input);
            var tensor = new DenseTensor<float>(_input, [1, 3, Vgg19OnnxModel.InputSize, Vgg19OnnxModel.InputSize]);
            using var results = _session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        }

        return faces.Length;
    }

    public void Dispose()
    {
        _cascade.Dispose();
        _session.Dispose();
        _gray.Dispose();
    }

    // The tutorial's Keras preprocessing: RGB, pixel values scaled to [0, 1], NCHW.
    private static void Fill(Mat bgr, float[] chw)
    {
        using var blob = CvDnn.BlobFromImage(bgr, 1.0 / 255, new Size(Vgg19OnnxModel.InputSize, Vgg19OnnxModel.InputSize), new Scalar(), swapRB: true, crop: false);
        Marshal.Copy(blob.Data, chw, 0, chw.Length);
    }
}
