using System.Text.Json;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;

namespace EdgeMask.Outputs;

/// <summary>Appends every incident event as one JSON line to a file (replay's --events).</summary>
public sealed class JsonLinesEventWriter : ISceneSink, IAsyncDisposable
{
    private readonly StreamWriter _writer;

    public JsonLinesEventWriter(string path)
    {
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
            var line = JsonSerializer.Serialize(IncidentEventLine.From(update.FrameSequence, incident), OutputJsonContext.Default.IncidentEventLine);
            await _writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
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
