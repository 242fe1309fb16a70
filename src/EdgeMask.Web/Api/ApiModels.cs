using EdgeMask.Mqtt;

namespace EdgeMask.Web.Api;

/// <summary>GET /api/status and each "status" server-sent event.</summary>
public sealed record DashboardStatus(
    string DeviceId,
    string Version,
    bool AuthRequired,
    StatePayload State,
    string CameraDetail,
    StatsPayload Stats,
    string Mqtt,
    IReadOnlyList<PersonView> People);

/// <summary>One person in view, for the aiming table.</summary>
/// <param name="DistanceMeters">From the camera; null in pixel mode.</param>
public sealed record PersonView(int TrackId, string Verdict, double Confidence, int FaceWidthPixels, double? DistanceMeters, bool InViolation);

public sealed record CalibrationRequest(double DistanceMeters, double Seconds = 5);

public sealed record CalibrationResponse(
    double FocalLengthPixels,
    double SpreadPixels,
    int Samples,
    double MedianFaceWidthPixels,
    string ConfigKey,
    string Hint);

public sealed record ErrorResponse(string Error);

/// <summary>What the fleet page needs to reach the broker: the embedded broker's WebSocket URL when it has one.</summary>
public sealed record FleetSettings(string? WebsocketUrl, string TopicRoot);
