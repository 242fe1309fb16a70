using Microsoft.Extensions.Options;

namespace EdgeMask.Classification;

/// <summary>Rules that DataAnnotations cannot express: provider names and their availability in this ONNX Runtime build.</summary>
internal sealed class ClassificationOptionsValidator : IValidateOptions<ClassificationOptions>
{
    private const string Section = ClassificationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ClassificationOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add($"{Section}:ModelPath must name an ONNX model file");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.ExecutionProviders.Count; i++)
        {
            var provider = options.ExecutionProviders[i] ?? string.Empty;
            var key = $"{Section}:ExecutionProviders:{i}";
            if (!ExecutionProviderNames.IsSupported(provider))
            {
                failures.Add($"{key} '{provider}' is not a supported execution provider; use {string.Join(" or ", ExecutionProviderNames.Supported)}");
            }
            else if (!seen.Add(provider.Trim()))
            {
                failures.Add($"{key} '{provider}' is listed twice");
            }
            else if (!ExecutionProviderNames.IsAvailable(provider))
            {
                failures.Add(
                    $"{key} '{provider}' is not available in this ONNX Runtime build (available: " +
                    $"{string.Join(", ", ExecutionProviderNames.Available())}); CUDA needs the Microsoft.ML.OnnxRuntime.Gpu package on a CUDA machine");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
