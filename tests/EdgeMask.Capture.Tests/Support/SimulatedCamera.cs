using System.Threading.Channels;
using OpenCvSharp;

namespace EdgeMask.Capture.Tests.Support;

/// <summary>
/// A camera under the test's control, plugged in through <see cref="IFrameSourceFactory"/> (the extension point
/// for camera hardware). A read waits until the test pushes a frame, so "the camera stalls" is simply not
/// pushing. Every open, read and close is reported in order so the test can wait on them.
/// </summary>
public sealed class SimulatedCamera : IFrameSourceFactory
{
    public const string Name = "simulated camera";

    private readonly Channel<byte> _frames = Channel.CreateUnbounded<byte>();
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();

    public int Opens { get; private set; }

    public int Closes { get; private set; }

    public IFrameSource Create() => new Source(this);

    /// <summary>Lets the pending (or next) read deliver a frame of this grey level.</summary>
    public void Push(byte level) => _frames.Writer.TryWrite(level);

    /// <summary>Waits for the next "open", "read" or "close".</summary>
    public async Task ExpectAsync(string expected)
    {
        var actual = await _events.Reader.ReadAsync().AsTask().WaitAsync(Waits.Timeout);
        Assert.Equal(expected, actual);
    }

    private sealed class Source(SimulatedCamera camera) : IFrameSource
    {
        private bool _closed;

        public string Description => Name;

        public ValueTask OpenAsync(CancellationToken cancellationToken)
        {
            camera.Opens++;
            camera._events.Writer.TryWrite("open");
            return ValueTask.CompletedTask;
        }

        public async ValueTask<bool> ReadAsync(Mat destination, CancellationToken cancellationToken)
        {
            camera._events.Writer.TryWrite("read");
            var level = await camera._frames.Reader.ReadAsync(cancellationToken);
            destination.Create(48, 64, MatType.CV_8UC3);
            destination.SetTo(new Scalar(level, level, level));
            return true;
        }

        public ValueTask CloseAsync()
        {
            if (!_closed)
            {
                _closed = true;
                camera.Closes++;
                camera._events.Writer.TryWrite("close");
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => CloseAsync();
    }
}
