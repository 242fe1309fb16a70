using System.Globalization;

namespace EdgeMask.Mqtt.Stats;

/// <summary>Reads the hottest thermal zone under /sys/class/thermal (millidegrees Celsius in thermal_zone*/temp).</summary>
internal sealed class CpuTemperature
{
    public const string DefaultThermalRoot = "/sys/class/thermal";

    private readonly string _thermalRoot;

    public CpuTemperature(string thermalRoot = DefaultThermalRoot) => _thermalRoot = thermalRoot;

    /// <summary>Degrees Celsius, or false where no zone is readable (most containers and VMs).</summary>
    public bool TryRead(out double celsius)
    {
        celsius = double.MinValue;
        if (!Directory.Exists(_thermalRoot))
        {
            return false;
        }

        foreach (var zone in Directory.EnumerateDirectories(_thermalRoot, "thermal_zone*"))
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(zone, "temp")).Trim();
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milli))
                {
                    celsius = Math.Max(celsius, milli / 1000.0);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Some zones refuse reads (e.g. a sensor that is powered down); the others still count.
            }
        }

        return celsius > double.MinValue;
    }
}
