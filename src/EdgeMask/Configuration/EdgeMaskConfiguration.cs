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
        AddJsonFile(builder, ShippedConfigFile, optional: false);
        if (configFile is null)
        {
            AddJsonFile(builder, SystemConfigFile, optional: true);
        }
        else
        {
            if (!File.Exists(configFile))
            {
                throw new FileNotFoundException($"Configuration file '{configFile}' (given with --config) does not exist.", configFile);
            }

            AddJsonFile(builder, Path.GetFullPath(configFile), optional: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is { Count: > 0 })
        {
            builder.AddInMemoryCollection(overrides);
        }
    }

    // Edits while running that cannot be read keep the last readable settings (LastReadableJsonConfigurationSource).
    // A ConfigurationManager loads a file as soon as it is added; a file that is not JSON (or repeats a key, which
    // configuration keys, being case-insensitive, also do for "mqtt" beside "Mqtt") becomes one line naming it.
    // Comments and trailing commas are accepted, as Microsoft.Extensions.Configuration.Json reads them.
    private static void AddJsonFile(IConfigurationBuilder builder, string path, bool optional)
    {
        try
        {
            builder.Add<LastReadableJsonConfigurationSource>(source =>
            {
                source.Path = path;
                source.Optional = optional;
                source.ReloadOnChange = true;
                source.ResolveFileProvider();
            });
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidConfigurationException($"configuration file '{path}' cannot be read: {Reason(ex)}", ex);
        }
    }

    private static string Reason(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { LineNumber: { } line, BytePositionInLine: { } column } json)
            {
                var text = json.Message;
                var cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
                return $"not valid JSON at line {line + 1}, byte {column + 1}: {(cut > 0 ? text[..cut] : text)}";
            }

            if (inner.InnerException is null)
            {
                return inner.Message;
            }
        }

        return exception.Message;
    }

    /// <summary>The file a command that writes settings (calibrate) should change.</summary>
    public static string WritableConfigFile(string? configFile) => configFile ?? SystemConfigFile;
}
