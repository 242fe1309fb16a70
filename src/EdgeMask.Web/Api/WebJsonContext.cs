using System.Text.Json.Serialization;
using EdgeMask.Mqtt;
using EdgeMask.Web.Api;
using EdgeMask.Web.Health;
using EdgeMask.Web.Incidents;

namespace EdgeMask.Web;

/// <summary>Source-generated snake_case JSON of the dashboard's API, the same naming as the MQTT payloads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DashboardStatus))]
[JsonSerializable(typeof(IReadOnlyList<IncidentEntry>))]
[JsonSerializable(typeof(CommandAck))]
[JsonSerializable(typeof(CalibrationRequest))]
[JsonSerializable(typeof(CalibrationResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(FleetSettings))]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
