using System.Collections.Concurrent;
using OpenCvSharp;

namespace EdgeMask.Capture;

/// <summary>
/// Keeps a few frame-sized <see cref="Mat"/>s for reuse so capture does not allocate a new image per frame.
/// Thread-safe: frames are returned by whichever thread disposes them. Mats beyond the limit, and every Mat
/// returned after the pool is disposed, are released.
/// </summary>
internal sealed class MatPool : IDisposable
{
    private readonly ConcurrentQueue<Mat> _free = new();
    private readonly int _maxRetained;
    private int _retained;
    private int _created;
    private volatile bool _disposed;

    public MatPool(int maxRetained)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRetained, 1);
        _maxRetained = maxRetained;
    }

    /// <summary>Mats waiting for reuse.</summary>
    public int Available => Volatile.Read(ref _retained);

    /// <summary>Mats created because none was free; stays small when frames are returned.</summary>
    public int Created => Volatile.Read(ref _created);

    public Mat Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_free.TryDequeue(out var mat))
        {
            Interlocked.Decrement(ref _retained);
            return mat;
        }

        Interlocked.Increment(ref _created);
        return new Mat();
    }

    public void Return(Mat mat)
    {
        if (_disposed || mat.IsDisposed)
        {
            mat.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _retained) > _maxRetained)
        {
            Interlocked.Decrement(ref _retained);
            mat.Dispose();
            return;
        }

        _free.Enqueue(mat);
        if (_disposed)
        {
            DisposeFree();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeFree();
    }

    private void DisposeFree()
    {
        while (_free.TryDequeue(out var mat))
        {
            Interlocked.Decrement(ref _retained);
            mat.Dispose();
        }
    }
}
