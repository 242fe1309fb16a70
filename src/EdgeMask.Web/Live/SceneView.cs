using EdgeMask.Core.Faces;
using EdgeMask.Core.Outputs;
using EdgeMask.Core.Scene;

namespace EdgeMask.Web.Live;

/// <summary>
/// The people in the latest frame, for the page's aiming table, and the face widths a calibration collects. A sink:
/// it only keeps references to immutable results.
/// </summary>
internal sealed class SceneView : ISceneSink
{
    private IReadOnlyList<TrackedPerson> _people = [];
    private Action<IReadOnlyList<TrackedPerson>>? _listener;

    public IReadOnlyList<TrackedPerson> People => Volatile.Read(ref _people);

    public ValueTask OnSceneUpdateAsync(SceneUpdate update, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _people, update.People);
        Volatile.Read(ref _listener)?.Invoke(update.People);
        return ValueTask.CompletedTask;
    }

    /// <summary>Calls <paramref name="listener"/> with the people of every frame until the result is disposed; one listener at a time.</summary>
    public IDisposable? TryListen(Action<IReadOnlyList<TrackedPerson>> listener) =>
        Interlocked.CompareExchange(ref _listener, listener, null) is null ? new Unlisten(this) : null;

    public static string VerdictName(MaskStatus status) => status switch
    {
        MaskStatus.Mask => "mask",
        MaskStatus.NoMask => "no_mask",
        MaskStatus.WornIncorrectly => "worn_incorrectly",
        _ => "uncertain",
    };

    private sealed class Unlisten(SceneView view) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref view._listener, null);
    }
}
