using Microsoft.Extensions.Options;

namespace EdgeMask.Detection;

/// <summary>Cross-field and enumerated-value rules that DataAnnotations cannot express.</summary>
internal sealed class DetectionOptionsValidator : IValidateOptions<DetectionOptions>
{
    private const string Section = DetectionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DetectionOptions options)
    {
        var failures = new List<string>();

        if (!options.UsesHaar && !options.UsesYuNet)
        {
            failures.Add($"{Section}:Detector '{options.Detector}' is not supported; use '{DetectionOptions.YuNetDetector}' or '{DetectionOptions.HaarDetector}'");
        }

        if (string.IsNullOrWhiteSpace(options.CascadePath))
        {
            failures.Add($"{Section}:CascadePath must name a Haar cascade XML file");
        }

        for (var i = 0; i < options.AdditionalCascadePaths.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.AdditionalCascadePaths[i]))
            {
                failures.Add($"{Section}:AdditionalCascadePaths:{i} must name a cascade XML file");
            }
        }

        if (options.EyePairFallback && string.IsNullOrWhiteSpace(options.EyeCascadePath))
        {
            failures.Add($"{Section}:EyeCascadePath must name an eye cascade XML file when {Section}:EyePairFallback is true");
        }

        if (options.Contrast is { } contrast && !Enum.IsDefined(contrast))
        {
            failures.Add($"{Section}:Contrast must be None, Equalize or Clahe");
        }

        if (options.MaxFaceSizePixels != 0 && options.MaxFaceSizePixels < options.MinFaceSizePixels)
        {
            failures.Add(
                $"{Section}:MaxFaceSizePixels ({options.MaxFaceSizePixels}) must be 0 (no limit) or at least " +
                $"{Section}:MinFaceSizePixels ({options.MinFaceSizePixels})");
        }

        if (options.FullScanAtLeastEveryFrames < options.FullScanEveryFrames)
        {
            failures.Add(
                $"{Section}:FullScanAtLeastEveryFrames ({options.FullScanAtLeastEveryFrames}) must be at least " +
                $"{Section}:FullScanEveryFrames ({options.FullScanEveryFrames})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
