namespace EdgeMask.Detection.Learned;

/// <summary>The learned face detectors converted from @vladmandic/face-api.</summary>
public enum LearnedDetectorKind
{
    /// <summary>TinyFaceDetector: YOLOv2-style, about 190 KB, cheap.</summary>
    Tiny,

    /// <summary>SSD MobileNetV1: about 5.6 MB, finds far more small and masked faces, costs more per frame.</summary>
    Ssd,
}
