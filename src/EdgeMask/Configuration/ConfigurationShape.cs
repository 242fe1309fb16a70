using EdgeMask.Capture;
using EdgeMask.Classification;
using EdgeMask.Core.Scene;
using EdgeMask.Detection;
using EdgeMask.Mqtt;
using EdgeMask.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Configuration;

/// <summary>
/// What the options binder cannot see: a top-level section that nothing reads (a misspelt "Signal" would silently
/// leave the buzzer at its defaults) and a log level that does not exist. Each problem names its key.
/// </summary>
public static class ConfigurationShape
{
    public const string LoggingSection = "Logging";

    public static IReadOnlyList<string> KnownSections { get; } =
    [
        LoggingSection,
        CaptureOptions.SectionName,
        DetectionOptions.SectionName,
        ClassificationOptions.SectionName,
        SceneOptions.SectionName,
        SignalsOptions.SectionName,
        MqttOptions.SectionName,
        Web.WebOptions.SectionName,
        Web.SnapshotOptions.SectionName,
    ];

    // The host's own settings (application name, content root, environment), which it adds itself.
    private static readonly string[] HostKeys = [HostDefaults.ApplicationKey, HostDefaults.ContentRootKey, HostDefaults.EnvironmentKey];

    private static readonly string LogLevelNames = string.Join(", ", Enum.GetNames<LogLevel>());

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var unknown = configuration.GetChildren()
            .Select(section => section.Key)
            .Where(key => !KnownSections.Contains(key, StringComparer.OrdinalIgnoreCase) && !HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"unknown section {string.Join(", ", unknown.Select(key => $"'{key}'"))} (EdgeMask reads {string.Join(", ", KnownSections)})");
        }

        AddLogLevelProblems(configuration.GetSection(LoggingSection), problems);
        return problems;
    }

    /// <summary>Throws <see cref="InvalidConfigurationException"/> listing every problem, if there is one.</summary>
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var problems = Problems(configuration);
        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(string.Join("; ", problems));
        }
    }

    // Logging:LogLevel:<category> and Logging:<provider>:LogLevel:<category>, read as the logging library reads them.
    private static void AddLogLevelProblems(IConfigurationSection section, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, "LogLevel", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var level in child.GetChildren())
                {
                    if (level.Value is { } value && !Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
                    {
                        problems.Add($"{level.Path}: '{value}' is not a log level ({LogLevelNames})");
                    }
                }
            }
            else
            {
                AddLogLevelProblems(child, problems);
            }
        }
    }
}
