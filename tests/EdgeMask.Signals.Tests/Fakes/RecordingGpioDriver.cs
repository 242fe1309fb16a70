using System.Collections.Concurrent;
using System.Device.Gpio;

namespace EdgeMask.Signals.Tests.Fakes;

/// <summary>
/// A GPIO driver that records every level written with a timestamp from the test's clock. It can pretend to have few
/// lines (a wrong pin), to have busy lines (held by another program), to fail writes, and to be slow: while
/// <see cref="HoldWrites"/> is set, Write blocks until <see cref="ReleaseWrites"/>.
/// </summary>
public sealed class RecordingGpioDriver : GpioDriver
{
    private readonly TimeProvider _time;
    private readonly int _pinCount;
    private readonly ConcurrentDictionary<int, PinMode> _open = new();
    private readonly ConcurrentQueue<PinWrite> _writes = new();
    private readonly ManualResetEventSlim _writeGate = new(initialState: true);
    private TaskCompletionSource _writeHeld = NewSignal();

    public RecordingGpioDriver(TimeProvider time, int pinCount = 54)
    {
        _time = time;
        _pinCount = pinCount;
    }

    /// <summary>Lines that fail to open as another program's would ("Device or resource busy").</summary>
    public HashSet<int> BusyPins { get; } = [];

    /// <summary>Lines whose writes throw, like a line that went away.</summary>
    public ConcurrentDictionary<int, bool> FailingWrites { get; } = new();

    public IReadOnlyList<PinWrite> Writes => [.. _writes];

    public IReadOnlyCollection<int> OpenPins => [.. _open.Keys];

    public bool IsDisposed { get; private set; }

    /// <summary>Completes when a write is blocked by <see cref="HoldWrites"/>.</summary>
    public Task WriteHeld => _writeHeld.Task;

    public void HoldWrites()
    {
        _writeHeld = NewSignal();
        _writeGate.Reset();
    }

    public void ReleaseWrites() => _writeGate.Set();

    public IReadOnlyList<PinWrite> WritesTo(int pin) => [.. _writes.Where(w => w.Pin == pin)];

    /// <summary>The level changes of <paramref name="pin"/>: repeated writes of the same level collapsed.</summary>
    public IReadOnlyList<PinWrite> Changes(int pin)
    {
        var changes = new List<PinWrite>();
        foreach (var write in WritesTo(pin))
        {
            if (changes.Count == 0 || changes[^1].Value != write.Value)
            {
                changes.Add(write);
            }
        }

        return changes;
    }

    public PinValue LastLevel(int pin) => WritesTo(pin)[^1].Value;

    protected override int PinCount => _pinCount;

    protected override void OpenPin(int pinNumber)
    {
        if (BusyPins.Contains(pinNumber))
        {
            throw new IOException($"Error while setting pin mode for pin {pinNumber}: Device or resource busy");
        }

        _open[pinNumber] = PinMode.Input;
    }

    protected override void ClosePin(int pinNumber) => _open.TryRemove(pinNumber, out _);

    protected override void SetPinMode(int pinNumber, PinMode mode) => _open[RequireOpen(pinNumber)] = mode;

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        SetPinMode(pinNumber, mode);
        Write(pinNumber, initialValue);
    }

    protected override PinMode GetPinMode(int pinNumber) => _open[RequireOpen(pinNumber)];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => mode is PinMode.Input or PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        RequireOpen(pinNumber);
        var last = _writes.LastOrDefault(w => w.Pin == pinNumber);
        return last?.Value ?? PinValue.Low;
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        RequireOpen(pinNumber);
        if (FailingWrites.ContainsKey(pinNumber))
        {
            throw new IOException($"Write to GPIO {pinNumber} failed: No such device");
        }

        if (!_writeGate.IsSet)
        {
            _writeHeld.TrySetResult();
            if (!_writeGate.Wait(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException("The test never released the held write.");
            }
        }

        _writes.Enqueue(new PinWrite(pinNumber, value, _time.GetUtcNow()));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Signals only writes outputs.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("Signals only writes outputs.");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException("Signals only writes outputs.");

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        _writeGate.Set();
        base.Dispose(disposing);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int RequireOpen(int pinNumber) =>
        _open.ContainsKey(pinNumber) ? pinNumber : throw new InvalidOperationException($"GPIO {pinNumber} is not open");
}
