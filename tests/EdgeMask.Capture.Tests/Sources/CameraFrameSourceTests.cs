using EdgeMask.Capture.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMask.Capture.Tests.Sources;

public class CameraFrameSourceTests
{
    [Theory]
    [InlineData("/dev/video99")]
    [InlineData("99")]
    public async Task Open_DeviceThatDoesNotExist_ThrowsNamingTheDevice(string device)
    {
        Assert.True(CameraDevice.TryParse(device, out var parsed));
        await using var source = new CameraFrameSource(parsed, new CaptureOptions { Device = device }, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.OpenAsync(CancellationToken.None).AsTask());

        Assert.StartsWith("camera /dev/video99 does not exist", error.Message);
    }

    [Fact]
    public async Task Open_PathThatIsNotACaptureDevice_ThrowsCannotOpen()
    {
        Assert.True(CameraDevice.TryParse("/dev/null", out var device));
        await using var source = new CameraFrameSource(device, new CaptureOptions(), NullLogger.Instance);

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.OpenAsync(CancellationToken.None).AsTask());

        Assert.StartsWith("camera /dev/null exists but V4L2 cannot open it", error.Message);
    }

    [Fact]
    public void Description_BeforeOpen_SaysWhatWasRequested()
    {
        Assert.True(CameraDevice.TryParse("0", out var device));
        var source = new CameraFrameSource(device, new CaptureOptions(), NullLogger.Instance);

        Assert.Equal("camera /dev/video0 (requested 640x480@30 MJPG)", source.Description);
    }
}
