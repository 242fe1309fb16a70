using OpenCvSharp;

namespace EdgeMask.Classification;

/// <summary>
/// What a model's metadata asks to be done to an input-sized crop before it is written as a tensor: turned grey
/// (<see cref="InputColour.Grey"/>) and contrast-standardised (<see cref="InputContrast.Standardised"/>). The trainer and
/// the daemon both call this, so a model sees the same pixels in training and at the door.
/// </summary>
public static class CropPreparation
{
    /// <summary>
    /// Returns <paramref name="inputSizedBgr"/> itself when the model takes crops as they are, else
    /// <paramref name="prepared"/> holding the prepared crop. <paramref name="prepared"/> and <paramref name="luminance"/>
    /// are scratch images the caller keeps; the input is never changed.
    /// </summary>
    public static Mat Prepare(Mat inputSizedBgr, InputColour colour, InputContrast contrast, Mat prepared, Mat luminance)
    {
        ArgumentNullException.ThrowIfNull(inputSizedBgr);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(luminance);
        if (colour == InputColour.Colour && contrast == InputContrast.AsCaptured)
        {
            return inputSizedBgr;
        }

        if (colour == InputColour.Colour)
        {
            inputSizedBgr.CopyTo(prepared);
            CropContrast.Standardise(prepared, luminance);
            return prepared;
        }

        // A grey crop is standardised on its luminance, before it is spread over three channels: one conversion fewer.
        GreyCrop.Luminance(inputSizedBgr, luminance);
        if (contrast == InputContrast.Standardised)
        {
            CropContrast.StandardiseLuminance(luminance);
        }

        GreyCrop.ToBgr(luminance, prepared);
        return prepared;
    }
}
