using EdgeMask.Capture.Sources;

namespace EdgeMask.Capture.Tests.Sources;

public class ShellWordsTests
{
    [Fact]
    public void Split_GstPipelineWithQuotes_KeepsQuotedWordsWhole()
    {
        var words = ShellWords.Split("gst-launch-1.0 -q nvarguscamerasrc ! 'video/x-raw(memory:NVMM),width=1280' ! \"my sink\" a\\ b");

        Assert.Equal(["gst-launch-1.0", "-q", "nvarguscamerasrc", "!", "video/x-raw(memory:NVMM),width=1280", "!", "my sink", "a b"], words);
    }

    [Fact]
    public void Split_DoubleQuotedEscapes_AreUnescaped()
    {
        Assert.Equal(["say", "a \"b\" \\c"], ShellWords.Split("say \"a \\\"b\\\" \\\\c\""));
    }

    [Theory]
    [InlineData("ffmpeg -i 'rtsp://x")]
    [InlineData("ffmpeg -i \"rtsp://x")]
    [InlineData("ffmpeg \\")]
    public void Split_Unbalanced_ThrowsFormatException(string command)
    {
        Assert.Throws<FormatException>(() => ShellWords.Split(command));
    }

    [Fact]
    public void MaskUrlPasswords_RtspUrlWithPassword_HidesOnlyThePassword()
    {
        Assert.Equal(
            "ffmpeg -i rtsp://admin:***@192.168.1.20:554/stream1 -f rawvideo -",
            Redaction.MaskUrlPasswords("ffmpeg -i rtsp://admin:s3cr%21t@192.168.1.20:554/stream1 -f rawvideo -"));
    }
}
