namespace EdgeMask.Mqtt;

/// <summary>
/// An incident's snapshot id: its incident id as 32 hex digits. Derived, not assigned, so an event can name the
/// snapshot before the picture is written, and the id is safe as a file name and in a URL.
/// </summary>
public static class SnapshotIds
{
    public static string Of(Guid incidentId) => incidentId.ToString("N");

    /// <summary>True for a well-formed id (never a path): 32 lower-case hex digits.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
