using EdgeMask.Core.Storage;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web;

internal sealed class SnapshotOptionsValidator : IValidateOptions<SnapshotOptions>
{
    public ValidateOptionsResult Validate(string? name, SnapshotOptions options) =>
        options.Enabled && WritableDirectory.Problem(options.Directory) is { } problem
            ? ValidateOptionsResult.Fail($"Snapshots:Directory '{options.Directory}' {problem}")
            : ValidateOptionsResult.Success;
}
