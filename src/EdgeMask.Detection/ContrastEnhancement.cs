namespace EdgeMask.Detection;

/// <summary>How the grayscale detection frame is contrast-enhanced before the Haar cascades run.</summary>
public enum ContrastEnhancement
{
    /// <summary>Use the frame as it is.</summary>
    None,

    /// <summary>Global histogram equalisation (<c>cv::equalizeHist</c>).</summary>
    Equalize,

    /// <summary>Contrast-limited adaptive histogram equalisation on 8x8 tiles (<c>cv::CLAHE</c>); evens out backlight per region.</summary>
    Clahe,
}
