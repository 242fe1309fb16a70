using Microsoft.Extensions.Options;

namespace EdgeMask.Detection.YuNet;

/// <summary>Rules DataAnnotations cannot express for <see cref="YuNetOptions"/>.</summary>
internal sealed class YuNetOptionsValidator : IValidateOptions<YuNetOptions>
{
    public ValidateOptionsResult Validate(string? name, YuNetOptions options) =>
        ModelChecksum.IsWellFormed(options.ModelSha256)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{YuNetOptions.SectionName}:ModelSha256 must be 64 hexadecimal digits (the output of sha256sum), got '{options.ModelSha256}'");
}
