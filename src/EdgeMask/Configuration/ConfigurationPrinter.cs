using System.Text.Json;
using EdgeMask.Capture.Sources;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace EdgeMask.Configuration;

/// <summary>Renders the effective configuration as JSON with secrets masked: secret keys, and passwords inside URLs.</summary>
public static class ConfigurationPrinter
{
    public const string Mask = "***";

    // Set by the host builder itself, not by the user.
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "applicationName", "contentRoot", "environment" };

    private static readonly string[] SecretKeyWords = ["password", "secret", "token", "apikey", "privatekey", "passphrase"];

    public static string ToJson(IConfiguration configuration)
    {
        var root = new JsonObject();
        foreach (var section in configuration.GetChildren().Where(s => !HostKeys.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            root[section.Key] = ToNode(section);
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static bool IsSecret(string key)
    {
        var normalised = key.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

        // A key that names where a secret lives (PasswordFile, PasswordEnvironmentVariable) is not the secret.
        if (normalised.EndsWith("file", StringComparison.Ordinal) || normalised.EndsWith("environmentvariable", StringComparison.Ordinal))
        {
            return false;
        }

        return SecretKeyWords.Any(word => normalised.Contains(word, StringComparison.Ordinal));
    }

    // Configuration values are strings; print booleans and numbers as JSON would have them.
    private static JsonNode Typed(string value)
    {
        if (bool.TryParse(value, out var flag))
        {
            return JsonValue.Create(flag);
        }

        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && !value.Contains(':', StringComparison.Ordinal))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    private static JsonNode? ToNode(IConfigurationSection section)
    {
        var children = section.GetChildren().ToArray();
        if (children.Length == 0)
        {
            if (section.Value is null)
            {
                return null;
            }

            // A camera URL in a pipe command carries its password inline (rtsp://user:secret@camera).
            return IsSecret(section.Key) && section.Value.Length > 0 ? JsonValue.Create(Mask) : Typed(Redaction.MaskUrlPasswords(section.Value));
        }

        if (children.All(c => int.TryParse(c.Key, out _)))
        {
            var array = new JsonArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture)))
            {
                array.Add(ToNode(child));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var child in children.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            obj[child.Key] = ToNode(child);
        }

        return obj;
    }
}
