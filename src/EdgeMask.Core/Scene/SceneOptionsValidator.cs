using Microsoft.Extensions.Options;

namespace EdgeMask.Core.Scene;

/// <summary>Cross-field and enumerated-value rules that DataAnnotations cannot express.</summary>
internal sealed class SceneOptionsValidator : IValidateOptions<SceneOptions>
{
    private const string Section = SceneOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SceneOptions options)
    {
        var failures = new List<string>();

        if (options.VerdictMinFrames > options.VerdictWindowFrames)
        {
            failures.Add(
                $"{Section}:VerdictMinFrames ({options.VerdictMinFrames}) must not exceed " +
                $"{Section}:VerdictWindowFrames ({options.VerdictWindowFrames})");
        }

        if (!Enum.IsDefined(options.DistanceMode))
        {
            failures.Add($"{Section}:DistanceMode '{options.DistanceMode}' is not supported; use '{DistanceMode.Metric}' or '{DistanceMode.Pixels}'");
        }

        if (options.SummaryPeriod != TimeSpan.Zero && options.SummaryPeriod < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:SummaryPeriod ({options.SummaryPeriod}) must be 0 (off) or at least 00:00:01");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
