using System.Reflection;

namespace EdgeMask.Mqtt.Stats;

/// <summary>The daemon's version as reported in stats and discovery: the entry assembly's informational version.</summary>
internal static class VersionInfo
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(VersionInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return string.IsNullOrEmpty(informational) ? assembly.GetName().Version?.ToString() ?? "0.0.0" : informational;
    }
}
