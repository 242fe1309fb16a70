using EdgeMask.Core.Faces;
using EdgeMask.Core.Scene;
using OpenCvSharp;

namespace EdgeMask.Web.Live;

/// <summary>A frame copied off the frame loop with its results, waiting to be drawn and encoded. Owns its image.</summary>
internal sealed record CapturedFrame(Mat Image, FrameAnalysis Analysis, SceneUpdate Update) : IDisposable
{
    public void Dispose() => Image.Dispose();
}

/// <summary>One encoded live-view frame.</summary>
internal sealed record EncodedFrame(long Sequence, DateTimeOffset At, byte[] Jpeg);
