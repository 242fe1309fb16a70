using System.Collections.Concurrent;
using System.Device.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMask.Signals.Hardware;

/// <summary>
/// A GPIO driver for machines without GPIO: line modes and levels are kept in memory and every change is logged at
/// Debug, so the signal code path runs unchanged. Writing a line raises the value-changed callbacks registered on it,
/// like a loop-back wire.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    /// <summary>Lines offered: every pin number Signals accepts.</summary>
    public const int SimulatedPinCount = 4096;

    private readonly ConcurrentDictionary<int, SimulatedLine> _lines = new();
    private readonly ILogger _logger;

    public SimulatedGpioDriver(ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The level of an open line, e.g. for a status page or a test.</summary>
    public bool TryGetLevel(int pinNumber, out PinValue level)
    {
        if (_lines.TryGetValue(pinNumber, out var line))
        {
            level = line.Value;
            return true;
        }

        level = PinValue.Low;
        return false;
    }

    protected override int PinCount => SimulatedPinCount;

    protected override void OpenPin(int pinNumber)
    {
        _lines.TryAdd(pinNumber, new SimulatedLine());
        _logger.LogDebug("Simulated GPIO {Pin} opened", pinNumber);
    }

    protected override void ClosePin(int pinNumber)
    {
        _lines.TryRemove(pinNumber, out _);
        _logger.LogDebug("Simulated GPIO {Pin} closed", pinNumber);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        Line(pinNumber).Mode = mode;
        _logger.LogDebug("Simulated GPIO {Pin} mode {Mode}", pinNumber, mode);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        SetPinMode(pinNumber, mode);
        if (mode == PinMode.Output)
        {
            Write(pinNumber, initialValue);
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => Line(pinNumber).Mode;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    protected override PinValue Read(int pinNumber) => Line(pinNumber).Value;

    protected override void Write(int pinNumber, PinValue value)
    {
        var line = Line(pinNumber);
        var previous = line.Value;
        line.Value = value;
        if (previous == value)
        {
            return;
        }

        _logger.LogDebug("Simulated GPIO {Pin} -> {Level}", pinNumber, value == PinValue.High ? "high" : "low");
        line.Raise(pinNumber, value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling, this);
    }

    // The synchronous overload is blocking by its contract in GpioDriver; Signals itself never calls it.
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        WaitForEventAsync(pinNumber, eventTypes, cancellationToken).AsTask().GetAwaiter().GetResult();

    protected override async ValueTask<WaitForEventResult> WaitForEventAsync(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var fired = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(object sender, PinValueChangedEventArgs e) => fired.TrySetResult(e.ChangeType);
        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnChange);
        try
        {
            var changeType = await fired.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new WaitForEventResult { EventTypes = changeType, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnChange);
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        Line(pinNumber).AddCallback(eventTypes, callback);

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        Line(pinNumber).RemoveCallback(callback);

    private SimulatedLine Line(int pinNumber) =>
        _lines.TryGetValue(pinNumber, out var line)
            ? line
            : throw new InvalidOperationException($"Simulated GPIO {pinNumber} is not open");

    private sealed class SimulatedLine
    {
        private readonly Lock _lock = new();
        private readonly List<(PinEventTypes Types, PinChangeEventHandler Callback)> _callbacks = [];

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue Value { get; set; } = PinValue.Low;

        public void AddCallback(PinEventTypes types, PinChangeEventHandler callback)
        {
            lock (_lock)
            {
                _callbacks.Add((types, callback));
            }
        }

        public void RemoveCallback(PinChangeEventHandler callback)
        {
            lock (_lock)
            {
                _callbacks.RemoveAll(c => c.Callback == callback);
            }
        }

        public void Raise(int pinNumber, PinEventTypes change, object sender)
        {
            (PinEventTypes Types, PinChangeEventHandler Callback)[] callbacks;
            lock (_lock)
            {
                callbacks = [.. _callbacks];
            }

            foreach (var (types, callback) in callbacks)
            {
                if ((types & change) != 0)
                {
                    callback(sender, new PinValueChangedEventArgs(change, pinNumber));
                }
            }
        }
    }
}
