using EdgeMask.Core.Faces;

namespace EdgeMask.Core.Scene.Verdicts;

/// <summary>
/// A track's mask verdict over its last n classified frames. Each frame votes for its class with its confidence
/// (uncertain frames vote for nothing); a class becomes the verdict once its votes reach k. A verdict is kept
/// while its votes stay at or above k / 2 and no other class reaches k, so a noisy frame cannot flip it; with
/// no class that strong the verdict is <see cref="MaskStatus.Uncertain"/>.
/// </summary>
internal sealed class VerdictWindow
{
    private static readonly MaskStatus[] Classes = [MaskStatus.Mask, MaskStatus.NoMask, MaskStatus.WornIncorrectly];

    private readonly Queue<(MaskStatus Status, double Confidence)> _frames = new();

    public MaskStatus Verdict { get; private set; } = MaskStatus.Uncertain;

    /// <summary>
    /// Share of the window's possible votes that support the verdict (for an uncertain verdict: the leading
    /// class), in [0, 1].
    /// </summary>
    public double Confidence { get; private set; }

    /// <summary>The latest verdict that was not uncertain, or uncertain when there was none yet.</summary>
    public MaskStatus LastDecided { get; private set; } = MaskStatus.Uncertain;

    /// <param name="windowFrames">n, at least 1.</param>
    /// <param name="minVotes">k, in [1, n].</param>
    public void Add(MaskStatus status, double confidence, int windowFrames, int minVotes)
    {
        _frames.Enqueue((status, Math.Clamp(double.IsNaN(confidence) ? 0 : confidence, 0, 1)));
        while (_frames.Count > windowFrames)
        {
            _frames.Dequeue();
        }

        Decide(minVotes);
    }

    private void Decide(int minVotes)
    {
        var votes = new Dictionary<MaskStatus, double>(Classes.Length);
        foreach (var c in Classes)
        {
            votes[c] = 0;
        }

        foreach (var (status, confidence) in _frames)
        {
            if (votes.ContainsKey(status))
            {
                votes[status] += confidence;
            }
        }

        // "Not masked" is decided on the pooled votes of no mask and mask below the nose: a model that splits a
        // bare face between the two must not leave it undecided. The likelier of the two names the verdict; ties
        // go to the verdict already held, so equal evidence never flips it.
        var unmasked = votes[MaskStatus.NoMask] + votes[MaskStatus.WornIncorrectly];
        var leader = unmasked > votes[MaskStatus.Mask]
            ? (votes[MaskStatus.WornIncorrectly] > votes[MaskStatus.NoMask] || (votes[MaskStatus.WornIncorrectly] == votes[MaskStatus.NoMask] && Verdict == MaskStatus.WornIncorrectly)
                ? MaskStatus.WornIncorrectly
                : MaskStatus.NoMask)
            : MaskStatus.Mask;

        double Support(MaskStatus status) => status == MaskStatus.Mask ? votes[MaskStatus.Mask] : unmasked;

        if (Support(leader) >= minVotes)
        {
            Verdict = leader;
        }
        else if (Verdict == MaskStatus.Uncertain || Support(Verdict) < minVotes / 2.0)
        {
            Verdict = MaskStatus.Uncertain;
        }

        var supporting = Verdict == MaskStatus.Uncertain ? leader : Verdict;
        Confidence = Support(supporting) / _frames.Count;
        if (Verdict != MaskStatus.Uncertain)
        {
            LastDecided = Verdict;
        }
    }
}
