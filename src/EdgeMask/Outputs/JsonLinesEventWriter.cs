using EdgeMask.Mqtt;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;

namespace EdgeMask.Outputs;

/// <summary>
/// Appends every incident event to a file (replay's --events), one line each, in exactly the versioned payload the
/// daemon publishes on {prefix}/events (docs/mqtt/v2/event.schema.json), so a consumer tested on replay output works
/// live. Sequence numbers count from 1 in each file; recorded_at is the event's own (frame) time.
/// </summary>
public sealed class JsonLinesEventWriter : ISceneSink, IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly string _deviceId;
    private long _sequence;

    public JsonLinesEventWriter(string path, string deviceId)
    {
        _deviceId = deviceId;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _writer = new StreamWriter(path, append: false) { AutoFlush = false };
    }

    public int EventsWritten { get; private set; }

    public async ValueTask OnSceneUpdateAsync(SceneUpdate update, CancellationToken cancellationToken)
    {
        foreach (var incident in update.Events)
        {
            var payload = EventPayload.From(incident, ++_sequence, Guid.NewGuid(), _deviceId, incident.At, snapshots: false);
            await _writer.WriteLineAsync(System.Text.Encoding.UTF8.GetString(payload.ToJsonUtf8()).AsMemory(), cancellationToken).ConfigureAwait(false);
            EventsWritten++;
        }

        if (update.Events.Count > 0)
        {
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
