using EdgeMask.Core.Faces;
using EdgeMask.Core.Geometry;
using EdgeMask.Core.Scene;
using EdgeMask.Evaluation.Fixtures;
using EdgeMask.TestSupport;
using EdgeMask.Web.Live;
using OpenCvSharp;

namespace EdgeMask.Web.Tests;

/// <summary>The pictures people see: annotated as replay draws them, and with BlurFaces no face left to recognise.</summary>
public sealed class FrameRendererTests
{
    [Fact]
    public void BlurFaces_PixelatesEveryFace_AndLeavesTheRestOfThePicture()
    {
        using var face = PeopleScene.LoadFace(SystemTools.FrontalFaceDefault);
        using var frame = new Mat(new Size(640, 480), MatType.CV_8UC3, new Scalar(90, 120, 150));
        using (var target = new Mat(frame, new Rect(200, 120, 160, 160)))
        {
            using var scaled = face.Resize(new Size(160, 160));
            scaled.CopyTo(target);
        }

        var box = new PixelBox(210, 130, 140, 140);
        var analysis = new FrameAnalysis(1, DateTimeOffset.UnixEpoch, 640, 480, [new FaceObservation(box, 0.9f, new MaskPrediction(MaskStatus.NoMask, 0.95f, MaskStatus.NoMask))]);
        var update = new SceneUpdate(1, DateTimeOffset.UnixEpoch, new SceneState(true, false, 1), [], []);

        using var plain = Decode(new FrameRenderer(90, blurFaces: false).Render(frame.Clone(), analysis, update));
        using var blurred = Decode(new FrameRenderer(90, blurFaces: true).Render(frame.Clone(), analysis, update));

        // A face detector still finds the face in the plain picture and nothing in the pixelated one.
        using var cascade = new CascadeClassifier(SystemTools.FrontalFaceDefault);
        Assert.NotEmpty(cascade.DetectMultiScale(plain.CvtColor(ColorConversionCodes.BGR2GRAY), 1.1, 4, minSize: new Size(60, 60)));
        Assert.Empty(cascade.DetectMultiScale(blurred.CvtColor(ColorConversionCodes.BGR2GRAY), 1.1, 4, minSize: new Size(60, 60)));

        // Far from the face the two pictures are the same (JPEG aside).
        using var difference = new Mat();
        Cv2.Absdiff(new Mat(plain, new Rect(500, 20, 100, 100)), new Mat(blurred, new Rect(500, 20, 100, 100)), difference);
        Assert.True(Cv2.Mean(difference).Val0 < 2);
    }

    private static Mat Decode(byte[] jpeg) => Cv2.ImDecode(jpeg, ImreadModes.Color);
}
