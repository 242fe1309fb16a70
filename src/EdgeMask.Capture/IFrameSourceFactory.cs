namespace EdgeMask.Capture;

/// <summary>Creates the configured frame source; capture asks for a fresh one on every (re)open.</summary>
public interface IFrameSourceFactory
{
    IFrameSource Create();
}
