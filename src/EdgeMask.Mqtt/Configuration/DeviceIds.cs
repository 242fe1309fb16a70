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

    /// <summary>
    /// The default device id: the host name, then six hex digits derived from the machine id, e.g.
    /// "raspberrypi-3fa2c1". Two Pis left at the same host name still get different ids (they would otherwise take
    /// each other's MQTT session), and the id stays the same across restarts and upgrades. The machine id itself is
    /// not published: it is keyed with an EdgeMask-specific HMAC, as machine-id(5) asks.
    /// </summary>
    public static string Default(string? machineId = null)
    {
        var host = FromHostName();
        machineId ??= ReadMachineId();
        if (string.IsNullOrWhiteSpace(machineId))
        {
            return host;
        }

        var digest = System.Security.Cryptography.HMACSHA256.HashData(Encoding.ASCII.GetBytes("edgemask device id"), Encoding.ASCII.GetBytes(machineId.Trim()));
        var suffix = "-" + Convert.ToHexStringLower(digest)[..6];
        return (host.Length + suffix.Length > MaxLength ? host[..(MaxLength - suffix.Length)] : host) + suffix;
    }

    private static string? ReadMachineId()
    {
        foreach (var path in new[] { "/etc/machine-id", "/var/lib/dbus/machine-id" })
        {
            try
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length > 0)
                {
                    return text;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidPattern();
}
