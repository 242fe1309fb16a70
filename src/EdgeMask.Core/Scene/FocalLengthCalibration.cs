namespace EdgeMask.Core.Scene;

/// <summary>The result of <see cref="FocalLengthCalibrator.Calibrate"/>.</summary>
/// <param name="FocalLengthPixels">f = median(w) * D / W: the value to configure as Scene:FocalLengthPixels.</param>
/// <param name="SpreadPixels">Interquartile range of the per-frame focal lengths w * D / W; small means a steady measurement.</param>
/// <param name="SampleCount">Face widths the result is based on.</param>
/// <param name="MedianFaceWidthPixels">Median measured face width w.</param>
public sealed record FocalLengthCalibration(
    double FocalLengthPixels,
    double SpreadPixels,
    int SampleCount,
    double MedianFaceWidthPixels);
