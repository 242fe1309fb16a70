using Microsoft.Extensions.Options;

namespace EdgeMask.Detection.Learned;

/// <summary>Rules DataAnnotations cannot express: the input sizes must be multiples of 32, paths must not be blank.</summary>
internal sealed class LearnedDetectorOptionsValidator : IValidateOptions<LearnedDetectorOptions>
{
    private const string Section = LearnedDetectorOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LearnedDetectorOptions options)
    {
        var failures = new List<string>();
        if (options.InputSizePixels % 32 != 0)
        {
            failures.Add($"{Section}:InputSizePixels must be a multiple of 32 (the tiny detector downsamples by 32), got {options.InputSizePixels}");
        }

        if (options.SsdInputSizePixels is { } ssdSize && ssdSize % 32 != 0)
        {
            failures.Add($"{Section}:SsdInputSizePixels must be a multiple of 32 (the SSD downsamples by 32), got {ssdSize}");
        }

        if (string.IsNullOrWhiteSpace(options.TinyModelPath))
        {
            failures.Add($"{Section}:TinyModelPath must name an ONNX model file");
        }

        if (string.IsNullOrWhiteSpace(options.SsdModelPath))
        {
            failures.Add($"{Section}:SsdModelPath must name an ONNX model file");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
