using System.Device.Pwm;
using Iot.Device.Buzzer;

namespace EdgeMask.Signals.Hardware;

/// <summary>A passive piezo driven by a PWM channel through <see cref="Buzzer"/>: on plays the tone, off stops it.</summary>
internal sealed class PwmBuzzerOutput : SignalOutput
{
    private readonly Buzzer _buzzer;
    private readonly int _frequencyHz;
    private readonly bool _shouldDispose;

    /// <param name="shouldDispose">Dispose <paramref name="channel"/> with this output (the Buzzer binding always disposes its channel).</param>
    public PwmBuzzerOutput(string configKey, string description, PwmChannel channel, int frequencyHz, bool shouldDispose)
        : base(SignalOutputKind.Buzzer, configKey, $"{description}, {frequencyHz} Hz")
    {
        channel.DutyCycle = 0.5; // a square wave: loudest for a piezo, and what the Buzzer binding expects
        _buzzer = new Buzzer(channel);
        _frequencyHz = frequencyHz;
        _shouldDispose = shouldDispose;
    }

    public override void Dispose()
    {
        if (_shouldDispose)
        {
            _buzzer.Dispose();
        }
    }

    protected override void Apply(bool on)
    {
        if (on)
        {
            _buzzer.StartPlaying(_frequencyHz);
        }
        else
        {
            _buzzer.StopPlaying();
        }
    }
}
