using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Capture.Tests;

public class CaptureOptionsValidatorTests
{
    private readonly CaptureOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new CaptureOptions()).Succeeded);
    }

    [Fact]
    public void Validate_PipeWithoutCommandOrFrameSize_NamesEachKey()
    {
        var result = _validator.Validate(null, new CaptureOptions { Source = CaptureSourceKind.Pipe });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Capture:Command is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Capture:PipeFrameWidth must be", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Capture:PipeFrameHeight must be", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PipeCommandWithUnclosedQuote_NamesCommand()
    {
        var options = new CaptureOptions { Source = CaptureSourceKind.Pipe, Command = "ffmpeg -i 'rtsp://cam", PipeFrameWidth = 640, PipeFrameHeight = 480 };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.Contains("Capture:Command cannot be split", failure);
    }

    [Fact]
    public void Validate_Yuv420pWithOddHeight_NamesFrameSizeKeys()
    {
        var options = new CaptureOptions { Source = CaptureSourceKind.Pipe, Command = "rpicam-vid -o -", PipeFrameWidth = 640, PipeFrameHeight = 481, PipePixelFormat = PipePixelFormat.Yuv420p };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.Contains("Capture:PipeFrameHeight", failure);
        Assert.Contains("must be even for Capture:PipePixelFormat Yuv420p", failure);
    }

    [Fact]
    public void Validate_FileWithoutPath_NamesPath()
    {
        var failure = Assert.Single(_validator.Validate(null, new CaptureOptions { Source = CaptureSourceKind.File }).Failures!);

        Assert.StartsWith("Capture:Path is required when Capture:Source is File", failure);
    }

    [Theory]
    [InlineData("camera")]
    [InlineData("-1")]
    [InlineData("video0")]
    [InlineData("")]
    public void Validate_DeviceNeitherIndexNorPath_NamesDevice(string device)
    {
        var failure = Assert.Single(_validator.Validate(null, new CaptureOptions { Device = device }).Failures!);

        Assert.StartsWith("Capture:Device must be a camera index", failure);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("/dev/video0")]
    [InlineData("/dev/v4l/by-id/usb-Logitech_C920-video-index0")]
    public void Validate_DeviceIndexOrPath_Succeeds(string device)
    {
        Assert.True(_validator.Validate(null, new CaptureOptions { Device = device }).Succeeded);
    }

    [Fact]
    public void Validate_MaxDelayShorterThanInitial_NamesBothKeys()
    {
        var options = new CaptureOptions { ReconnectInitialDelay = TimeSpan.FromSeconds(10), ReconnectMaxDelay = TimeSpan.FromSeconds(2) };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.Contains("Capture:ReconnectMaxDelay", failure);
        Assert.Contains("Capture:ReconnectInitialDelay", failure);
    }

    [Theory]
    [InlineData("Capture:Width", "8", "Capture:Width must be 16-7680 pixels")]
    [InlineData("Capture:ChannelCapacity", "0", "Capture:ChannelCapacity must be 1-16 frames")]
    [InlineData("Capture:FrameTimeout", "00:00:00", "Capture:FrameTimeout must be")]
    [InlineData("Capture:FourCc", "MJPEG", "Capture:FourCc must be four letters or digits")]
    [InlineData("Capture:Source", "Pipe", "Capture:Command is required")]
    public void AddCapture_BadValue_FailsValidationNamingTheKey(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CaptureOptions>>().Value);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AddCapture_UnknownSourceKind_FailsNamingTheKey()
    {
        using var services = Build(new() { ["Capture:Source"] = "Webcam" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<CaptureOptions>>().Value);

        Assert.Contains("Capture:Source", error.Message);
    }

    [Fact]
    public void AddCapture_MisspeltKey_FailsNamingTheKey()
    {
        using var services = Build(new() { ["Capture:Fsp"] = "15" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<CaptureOptions>>().Value);

        Assert.Contains("'Fsp'", error.Message);
    }

    [Fact]
    public void AddCapture_ReplaySettings_BindsEveryKeyAndMakesAWaitingChannel()
    {
        using var services = Build(new()
        {
            ["Capture:Source"] = "File",
            ["Capture:Path"] = "/tmp/clip.avi",
            ["Capture:Loop"] = "true",
            ["Capture:Pacing"] = "AsFastAsPossible",
            ["Capture:DropFrames"] = "false",
            ["Capture:ChannelCapacity"] = "2",
            ["Capture:FrameTimeout"] = "00:00:07",
            ["Capture:PipePixelFormat"] = "yuv420p",
        });

        var options = services.GetRequiredService<IOptions<CaptureOptions>>().Value;
        var channel = services.GetRequiredService<FrameChannel>();

        Assert.Equal((CaptureSourceKind.File, "/tmp/clip.avi", true, FilePacing.AsFastAsPossible), (options.Source, options.Path, options.Loop, options.Pacing));
        Assert.Equal(TimeSpan.FromSeconds(7), options.FrameTimeout);
        Assert.Equal(PipePixelFormat.Yuv420p, options.PipePixelFormat);
        Assert.Equal((2, FrameChannelMode.Wait), (channel.Capacity, channel.Mode));
        Assert.IsAssignableFrom<IFrameSourceFactory>(services.GetRequiredService<IFrameSourceFactory>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddCapture()
            .BuildServiceProvider();
    }
}
