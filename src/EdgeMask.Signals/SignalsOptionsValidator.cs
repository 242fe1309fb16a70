using System.ComponentModel.DataAnnotations;
using EdgeMask.Signals.Patterns;
using Microsoft.Extensions.Options;

namespace EdgeMask.Signals;

/// <summary>Cross-field rules of <see cref="SignalsOptions"/> and its nested patterns; every failure names the full key.</summary>
internal sealed class SignalsOptionsValidator : IValidateOptions<SignalsOptions>
{
    private const string Section = SignalsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SignalsOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Driver))
        {
            failures.Add($"{Section}:Driver must be Auto, Libgpiod, Sysfs or Simulated, got '{options.Driver}'");
        }

        if (!Enum.IsDefined(options.BuzzerType))
        {
            failures.Add($"{Section}:BuzzerType must be None, Active or Passive, got '{options.BuzzerType}'");
        }

        ValidatePins(options, failures);
        ValidateViolation($"{Section}:MaskViolation", options.MaskViolation, failures);
        ValidateViolation($"{Section}:DistanceViolation", options.DistanceViolation, failures);
        ValidateQuietHours(options.QuietHours, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The configured lines with their keys, in the order outputs are tested.</summary>
    internal static IEnumerable<(string Key, int Pin)> ConfiguredPins(SignalsOptions options)
    {
        if (options.GreenLedPin is { } green)
        {
            yield return ($"{Section}:GreenLedPin", green);
        }

        if (options.RedLedPin is { } red)
        {
            yield return ($"{Section}:RedLedPin", red);
        }

        if (options.DistanceLedPin is { } distance)
        {
            yield return ($"{Section}:DistanceLedPin", distance);
        }

        if (options.BuzzerType != BuzzerType.None && options.BuzzerPin is { } buzzer)
        {
            yield return ($"{Section}:BuzzerPin", buzzer);
        }
    }

    private static void ValidatePins(SignalsOptions options, List<string> failures)
    {
        var seen = new Dictionary<int, string>();
        foreach (var (key, pin) in ConfiguredPins(options))
        {
            if (seen.TryGetValue(pin, out var firstKey))
            {
                failures.Add($"{firstKey} and {key} both use GPIO {pin}; each output needs its own line");
            }
            else
            {
                seen[pin] = key;
            }
        }

        if (options.BuzzerType == BuzzerType.Active && options.BuzzerPin is null)
        {
            failures.Add($"{Section}:BuzzerPin is required when {Section}:BuzzerType is Active (or set {Section}:BuzzerType to None)");
        }

        if (options.Enabled && seen.Count == 0 && options.BuzzerType != BuzzerType.Passive)
        {
            failures.Add($"{Section}:Enabled is true but no output is configured: set {Section}:GreenLedPin, {Section}:RedLedPin, {Section}:DistanceLedPin or a buzzer, or set {Section}:Enabled to false");
        }
    }

    private static void ValidateViolation(string prefix, ViolationSignals? signals, List<string> failures)
    {
        if (signals is null)
        {
            failures.Add($"{prefix} must not be empty");
            return;
        }

        ValidatePattern($"{prefix}:Led", signals.Led, failures);
        ValidatePattern($"{prefix}:Buzzer", signals.Buzzer, failures);
    }

    private static void ValidatePattern(string prefix, SignalPattern? pattern, List<string> failures)
    {
        if (pattern is null)
        {
            failures.Add($"{prefix} must not be empty");
            return;
        }

        if (!Enum.IsDefined(pattern.Mode))
        {
            failures.Add($"{prefix}:Mode must be Off, Steady, Blink or Beeps, got '{pattern.Mode}'");
        }

        // DataAnnotations on nested objects are not checked by ValidateDataAnnotations; check them here with the full key.
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(pattern, new ValidationContext(pattern), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{prefix}:{r.ErrorMessage}"));
        }

        if (pattern.Mode == PatternMode.Beeps && pattern.RepeatEvery > TimeSpan.Zero && pattern.RepeatEvery < pattern.GroupLength)
        {
            failures.Add($"{prefix}:RepeatEvery ({pattern.RepeatEvery}) must be zero (play once) or at least Count x (OnTime + OffTime) = {pattern.GroupLength}");
        }
    }

    private static void ValidateQuietHours(QuietHours? quiet, List<string> failures)
    {
        if (quiet is null)
        {
            return;
        }

        if ((quiet.Start is null) != (quiet.End is null))
        {
            failures.Add($"{Section}:QuietHours:Start and {Section}:QuietHours:End must both be set (e.g. \"22:00\" and \"07:00\") or both be empty");
        }
        else if (quiet.Start is { } start && start == quiet.End)
        {
            failures.Add($"{Section}:QuietHours:Start and {Section}:QuietHours:End are both {start:HH\\:mm}; the window would be empty (leave both empty to disable quiet hours)");
        }
    }
}
