using EdgeMask.Signals.Patterns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Signals.Tests;

public sealed class SignalsOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(SignalsOptions options) =>
        new SignalsOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(Failures(new SignalsOptions()));
    }

    [Fact]
    public void DuplicatePins_ErrorNamesBothKeysAndThePin()
    {
        var failure = Assert.Single(Failures(new SignalsOptions { GreenLedPin = 17, RedLedPin = 27, BuzzerPin = 17 }));

        Assert.Contains("Signals:GreenLedPin", failure, StringComparison.Ordinal);
        Assert.Contains("Signals:BuzzerPin", failure, StringComparison.Ordinal);
        Assert.Contains("GPIO 17", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void PassiveBuzzerPin_IsCheckedAgainstLedPins()
    {
        var failure = Assert.Single(Failures(new SignalsOptions { BuzzerType = BuzzerType.Passive, BuzzerPin = 27 }));

        Assert.Contains("Signals:RedLedPin and Signals:BuzzerPin both use GPIO 27", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ActiveBuzzerWithoutPin_IsAnError()
    {
        var failure = Assert.Single(Failures(new SignalsOptions { BuzzerPin = null }));

        Assert.Contains("Signals:BuzzerPin is required when Signals:BuzzerType is Active", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void EnabledWithoutOutputs_IsAnError()
    {
        var failure = Assert.Single(Failures(new SignalsOptions { GreenLedPin = null, RedLedPin = null, BuzzerType = BuzzerType.None }));

        Assert.Contains("no output is configured", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedPatternOutOfRange_ErrorNamesTheFullKey()
    {
        var options = new SignalsOptions();
        options.DistanceViolation.Buzzer.Count = 0;

        var failure = Assert.Single(Failures(options));

        Assert.StartsWith("Signals:DistanceViolation:Buzzer:Count must be 1-20", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatShorterThanTheBeepGroup_IsAnError()
    {
        var options = new SignalsOptions();
        options.MaskViolation.Buzzer = new SignalPattern { Mode = PatternMode.Beeps, Count = 4, OnTime = TimeSpan.FromMilliseconds(200), OffTime = TimeSpan.FromMilliseconds(200), RepeatEvery = TimeSpan.FromSeconds(1) };

        var failure = Assert.Single(Failures(options));

        Assert.StartsWith("Signals:MaskViolation:Buzzer:RepeatEvery", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void QuietHoursWithOneEnd_IsAnError()
    {
        var failure = Assert.Single(Failures(new SignalsOptions { QuietHours = new QuietHours { Start = new TimeOnly(22, 0) } }));

        Assert.Contains("Signals:QuietHours:Start and Signals:QuietHours:End must both be set", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_ReadsQuietHoursPatternsAndEmptyPins()
    {
        var options = Bind(new()
        {
            ["Signals:DistanceLedPin"] = "",
            ["Signals:GreenLedPin"] = "5",
            ["Signals:QuietHours:Start"] = "22:00",
            ["Signals:QuietHours:End"] = "07:00",
            ["Signals:DistanceViolation:Led:Mode"] = "Beeps",
            ["Signals:DistanceViolation:Led:Count"] = "3",
            ["Signals:TickInterval"] = "00:00:00.050",
        });

        Assert.Null(options.DistanceLedPin);
        Assert.Equal(5, options.GreenLedPin);
        Assert.Equal(new TimeOnly(22, 0), options.QuietHours.Start);
        Assert.Equal(new TimeOnly(7, 0), options.QuietHours.End);
        Assert.Equal(PatternMode.Beeps, options.DistanceViolation.Led.Mode);
        Assert.Equal(3, options.DistanceViolation.Led.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(150), options.DistanceViolation.Led.OnTime); // unset keys keep their defaults
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.TickInterval);
    }

    [Fact]
    public void Binding_OutOfRangeValues_FailWithTheirKeys()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Signals:RedLedPin"] = "5000",
            ["Signals:GreenLedPin"] = "22",
        }));

        Assert.Contains(ex.Failures, f => f.Contains("Signals:RedLedPin must be 0-4095", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Signals:GreenLedPin and Signals:BuzzerPin both use GPIO 22", StringComparison.Ordinal));
    }

    [Fact]
    public void Binding_UnknownKey_IsReported()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Bind(new() { ["Signals:RedLEDPinn"] = "5" }));

        Assert.Contains("RedLEDPinn", ex.Message, StringComparison.Ordinal);
    }

    private static SignalsOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSignals();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SignalsOptions>>().Value;
    }
}
