namespace EdgeMask.Capture;

/// <summary>What capture does when the frame channel is full.</summary>
public enum FrameChannelMode
{
    /// <summary>Drop the oldest waiting frame so the newest wins (live sources).</summary>
    DropOldest,

    /// <summary>Wait until processing takes a frame, so every frame is processed (replay).</summary>
    Wait,
}
