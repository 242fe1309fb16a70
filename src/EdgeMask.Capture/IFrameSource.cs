using OpenCvSharp;

namespace EdgeMask.Capture;

/// <summary>A camera, file or process that yields BGR frames.</summary>
public interface IFrameSource : IAsyncDisposable
{
    /// <summary>Human-readable identity for logs and health, e.g. "/dev/video0 640x480@30 MJPG".</summary>
    string Description { get; }

    /// <summary>Opens the device. Throws <see cref="FrameSourceException"/> naming the reason when it cannot.</summary>
    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads the next frame into <paramref name="destination"/> (reallocated when the size differs).
    /// Returns false at the end of a finite stream. Throws <see cref="FrameSourceException"/> on a read error.
    /// </summary>
    ValueTask<bool> ReadAsync(Mat destination, CancellationToken cancellationToken);

    /// <summary>
    /// Media time of the last frame read since the source was opened (frames read / the file's frame rate,
    /// growing across loops), or null for live sources whose frames happen now. Replaying a file faster than
    /// real time keeps its real durations this way, so incidents last as long as they did on camera.
    /// </summary>
    TimeSpan? LastFramePosition => null;

    /// <summary>Releases the device so it can be opened again.</summary>
    ValueTask CloseAsync();
}
