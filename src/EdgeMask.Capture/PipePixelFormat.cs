namespace EdgeMask.Capture;

/// <summary>Layout of the raw frames a pipe command writes, named as ffmpeg's -pix_fmt names them.</summary>
public enum PipePixelFormat
{
    /// <summary>Packed 8-bit B,G,R: width x height x 3 bytes per frame (ffmpeg -pix_fmt bgr24, gst format=BGR).</summary>
    Bgr24,

    /// <summary>Planar I420 (Y plane, then U and V at half resolution): width x height x 1.5 bytes (rpicam-vid --codec yuv420).</summary>
    Yuv420p,

    /// <summary>8-bit grey: width x height bytes per frame (ffmpeg -pix_fmt gray).</summary>
    Gray,
}
