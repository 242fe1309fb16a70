namespace EdgeMask.Deploy.Tests.Systemd;

/// <summary>
/// Sets environment variables for the duration of a test and restores them. The process environment is
/// global, so every test that uses this belongs to the non-parallel <see cref="ProcessEnvironmentCollection"/>.
/// </summary>
public sealed class ProcessEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    public ProcessEnvironment(IReadOnlyDictionary<string, string?> variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
