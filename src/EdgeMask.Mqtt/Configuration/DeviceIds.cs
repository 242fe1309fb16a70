using System.Text;
using System.Text.RegularExpressions;

namespace EdgeMask.Mqtt;

/// <summary>Device ids: safe in MQTT topic levels and Home Assistant object ids.</summary>
public static partial class DeviceIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? deviceId) => deviceId is not null && ValidPattern().IsMatch(deviceId);

    /// <summary>Lower-cases and replaces anything outside [a-z0-9_-] with '-', e.g. "Door.Cam 1" -> "door-cam-1".</summary>
    public static string Sanitise(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-');
        }

        var id = builder.ToString().Trim('-');
        if (id.Length > MaxLength)
        {
            id = id[..MaxLength];
        }

        return id.Length == 0 ? "edgemask" : id;
    }

    public static string FromHostName() => Sanitise(Environment.MachineName);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidPattern();
}
