namespace EdgeMask.Deploy.Tests.Packaging;

/// <summary>
/// The x64 and arm64 publishes build the same projects into the same obj/ folders, so they must not run at once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingCollection
{
    public const string Name = "packaging";
}
