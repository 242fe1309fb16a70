using EdgeMask.Analysis;
using EdgeMask.Analysis.Annotation;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene;
using OpenCvSharp;

namespace EdgeMask.Outputs;

/// <summary>
/// Writes the annotated video of <c>edgemask replay</c> (drawn by <see cref="FrameAnnotator"/>).
/// MJPG in an .avi container, which the bundled OpenCV can always encode.
/// </summary>
public sealed class AnnotatedVideoWriter : IFrameObserver, IDisposable
{
    private readonly string _path;
    private readonly double _fps;
    private readonly Mat _canvas = new();
    private VideoWriter? _writer;

    public AnnotatedVideoWriter(string path, double fps)
    {
        _path = path;
        _fps = fps > 0 ? fps : 10;
    }

    public int FramesWritten { get; private set; }

    public void OnFrameProcessed(Mat image, FrameAnalysis analysis, SceneUpdate update)
    {
        image.CopyTo(_canvas);
        FrameAnnotator.Draw(_canvas, analysis, update);
        _writer ??= Open(_canvas.Size());
        _writer.Write(_canvas);
        FramesWritten++;
    }

    public void OnCompleted() => _writer?.Release();

    public void Dispose()
    {
        _writer?.Dispose();
        _canvas.Dispose();
    }

    private VideoWriter Open(Size size)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var writer = new VideoWriter(_path, FourCC.MJPG, _fps, size);
        if (!writer.IsOpened())
        {
            writer.Dispose();
            throw new IOException($"Cannot write the annotated video '{_path}' (MJPG/.avi, {size.Width}x{size.Height}).");
        }

        return writer;
    }
}
