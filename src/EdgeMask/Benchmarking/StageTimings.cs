namespace EdgeMask.Benchmarking;

/// <summary>Measured costs of one clip under one thread setting; times are means per frame in milliseconds.</summary>
public sealed record StageTimings(
    string Clip,
    int Width,
    int Height,
    int FacesPlaced,
    string Content,
    string Threads,
    int Frames,
    double FacesFoundPerFrame,
    double DecodeMs,
    double DetectMs,
    double ClassifyMs,
    double ClassifyMsPerFace,
    double SceneMs,
    double SinksMs,
    double EndToEndFps,
    double AllocatedBytesPerFrame,
    double TutorialFps,
    double TutorialFacesPerFrame)
{
    public double SpeedupOverTutorial => TutorialFps > 0 ? EndToEndFps / TutorialFps : double.NaN;
}
