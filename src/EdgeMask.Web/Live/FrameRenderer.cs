using EdgeMask.Analysis.Annotation;
using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene;
using OpenCvSharp;

namespace EdgeMask.Web.Live;

/// <summary>Turns a copied frame and its results into the JPEG people see: faces pixelated when asked, then annotated.</summary>
internal sealed class FrameRenderer
{
    private readonly ImageEncodingParam[] _jpeg;
    private readonly bool _blurFaces;

    public FrameRenderer(int jpegQuality, bool blurFaces)
    {
        _jpeg = [new ImageEncodingParam(ImwriteFlags.JpegQuality, jpegQuality)];
        _blurFaces = blurFaces;
    }

    /// <summary>Draws onto <paramref name="image"/> (a copy owned by the caller) and encodes it.</summary>
    public byte[] Render(Mat image, FrameAnalysis analysis, SceneUpdate update)
    {
        if (_blurFaces)
        {
            FrameAnnotator.BlurFaces(image, analysis.Faces);
        }

        FrameAnnotator.Draw(image, analysis, update);
        return image.ImEncode(".jpg", _jpeg);
    }
}
