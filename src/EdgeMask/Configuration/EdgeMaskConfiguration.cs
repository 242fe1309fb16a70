using Microsoft.Extensions.Configuration;

namespace EdgeMask.Configuration;

/// <summary>
/// The configuration layers, lowest first: the shipped appsettings.json beside the binary, the system file
/// (/etc/edgemask/appsettings.json, or the file given with --config), EDGEMASK__ environment variables,
/// then overrides a command sets for itself (replay turns outputs off, for example).
/// </summary>
public static class EdgeMaskConfiguration
{
    public const string SystemConfigFile = "/etc/edgemask/appsettings.json";
    public const string EnvironmentPrefix = "EDGEMASK__";

    public static string ShippedConfigFile => Path.Combine(AppContext.BaseDirectory, "appsettings.json");

    public static void AddLayers(IConfigurationBuilder builder, string? configFile, IReadOnlyDictionary<string, string?>? overrides)
    {
        builder.AddJsonFile(ShippedConfigFile, optional: false, reloadOnChange: true);
        if (configFile is null)
        {
            builder.AddJsonFile(SystemConfigFile, optional: true, reloadOnChange: true);
        }
        else
        {
            if (!File.Exists(configFile))
            {
                throw new FileNotFoundException($"Configuration file '{configFile}' (given with --config) does not exist.", configFile);
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: true);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is { Count: > 0 })
        {
            builder.AddInMemoryCollection(overrides);
        }
    }

    /// <summary>The file a command that writes settings (calibrate) should change.</summary>
    public static string WritableConfigFile(string? configFile) => configFile ?? SystemConfigFile;
}
