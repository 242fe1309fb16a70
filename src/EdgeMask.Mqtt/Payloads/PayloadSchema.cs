namespace EdgeMask.Mqtt;

/// <summary>The version every JSON payload carries as "schema_version"; schemas live in docs/mqtt/v{Version}/.</summary>
public static class PayloadSchema
{
    public const int Version = 2;

    public const string On = "ON";
    public const string Off = "OFF";

    public static string OnOff(bool value) => value ? On : Off;
}
