using System.Text.Json.Nodes;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;

namespace EdgeMask.Tests;

public class ConfigurationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_OutOfRangeValue_Exits78NamingTheKey()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Capture"] = new JsonObject { ["Width"] = 5 } });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "run", "--config", config);

        Assert.Equal(ExitCodes.Config, exitCode);
        Assert.Contains("Capture:Width", output, StringComparison.Ordinal);
        Assert.Contains("invalid configuration", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ValueOfWrongType_Exits78NamingTheKey()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Detection"] = new JsonObject { ["MinNeighbors"] = "several" } });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "run", "--config", config);

        Assert.Equal(ExitCodes.Config, exitCode);
        Assert.Contains("Detection:MinNeighbors", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EnvironmentVariableOverridesFile_AndIsValidated()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject());

        await using var process = ProcessRunner.Start(
            "dotnet",
            [EdgeMaskDaemon.Dll, "check-config", "--config", config],
            new Dictionary<string, string> { ["EDGEMASK__Capture__Height"] = "1" });
        var exitCode = await process.WaitForExitAsync(Timeout);

        Assert.Equal(ExitCodes.Config, exitCode);
        Assert.Contains("Capture:Height", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_ValidFile_PrintsEffectiveConfigurationWithSecretsMasked()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Mqtt"] = new JsonObject { ["Username"] = "door", ["Password"] = "hunter2" },
            ["Capture"] = new JsonObject { ["Width"] = 800 },
        });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "check-config", "--config", config);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        Assert.Contains("\"Password\": \"***\"", output, StringComparison.Ordinal);
        Assert.Contains("\"Width\": 800", output, StringComparison.Ordinal);
        Assert.Contains("configuration is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_CameraUrlInAPipeCommand_IsPrintedWithItsPasswordMasked()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Capture"] = new JsonObject
            {
                ["Source"] = "Pipe",
                ["Command"] = "ffmpeg -rtsp_transport tcp -i rtsp://admin:s3cr3t-door@192.168.1.20:554/stream1 -f rawvideo -pix_fmt bgr24 -",
                ["PipeFrameWidth"] = 640,
                ["PipeFrameHeight"] = 480,
            },
        });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "check-config", "--config", config);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.DoesNotContain("s3cr3t-door", output, StringComparison.Ordinal);
        Assert.Contains("rtsp://admin:***@192.168.1.20:554/stream1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownSection_Exits78NamingIt_InsteadOfIgnoringIt()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Signal"] = new JsonObject { ["BuzzerPin"] = 5 } });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "run", "--config", config);

        Assert.Equal(ExitCodes.Config, exitCode);
        Assert.Contains("unknown section 'Signal'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FileThatIsNotJson_Exits78WithOneLineNamingFileAndPlace()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = Path.Combine(dir, "broken.json");
        await File.WriteAllTextAsync(config, "{\n  \"Mqtt\": { \"Enabled\": false }\n  \"Capture\": {}\n}");

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "run", "--config", config);

        Assert.Equal(ExitCodes.Config, exitCode);
        Assert.Equal($"edgemask: invalid configuration: configuration file '{config}' cannot be read: not valid JSON at line 3, byte 3: ", output.Trim()[..(output.Trim().IndexOf("byte 3: ", StringComparison.Ordinal) + 8)]);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task CheckConfig_MissingConfigFile_SaysWhichFile()
    {
        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "check-config", "--config", "/nonexistent/edgemask.json");

        Assert.Equal(ExitCodes.NoInput, exitCode);
        Assert.Contains("/nonexistent/edgemask.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ModelFileMissing_RefusesToStartNamingTheFile()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var model = Path.Combine(dir, "no-such-model.onnx");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Classification"] = new JsonObject { ["ModelPath"] = model },
            ["Capture"] = new JsonObject { ["Device"] = "/dev/video99" },
        });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "run", "--config", config);

        Assert.NotEqual(ExitCodes.Success, exitCode);
        Assert.Contains(model, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedModelFile_RefusesToStartNamingTheFile()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var model = Path.Combine(dir, "garbage.onnx");
        await File.WriteAllBytesAsync(model, Enumerable.Range(0, 4096).Select(i => (byte)(i * 37)).ToArray());
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Classification"] = new JsonObject { ["ModelPath"] = model },
            ["Capture"] = new JsonObject { ["Device"] = "/dev/video99" },
        });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "run", "--config", config);

        Assert.Equal(ExitCodes.NoInput, exitCode);
        Assert.Contains("garbage.onnx", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check-config")]
    public async Task TamperedYuNetModel_IsRefusedWithExit66NamingTheChecksumKey(string command)
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var model = Path.Combine(dir, "yunet_n_dynamic.onnx");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "models", "yunet", "yunet_n_dynamic.onnx"));
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(model, bytes);
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject
        {
            ["Detection"] = new JsonObject { ["YuNet"] = new JsonObject { ["ModelPath"] = model } },
            ["Capture"] = new JsonObject { ["Device"] = "/dev/video99" },
        });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, command, "--config", config);

        Assert.Equal(ExitCodes.NoInput, exitCode);
        Assert.Contains("unusable face detector", output, StringComparison.Ordinal);
        Assert.Contains("Detection:YuNet:ModelSha256", output, StringComparison.Ordinal);
        Assert.Contains(model, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_MalformedClassifierModel_Exits66LikeRun()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var model = Path.Combine(dir, "garbage.onnx");
        await File.WriteAllBytesAsync(model, Enumerable.Range(0, 4096).Select(i => (byte)(i * 37)).ToArray());
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Classification"] = new JsonObject { ["ModelPath"] = model } });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "check-config", "--config", config);

        Assert.Equal(ExitCodes.NoInput, exitCode);
        Assert.Contains("garbage.onnx", output, StringComparison.Ordinal);
        Assert.DoesNotContain("configuration is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_DefaultModels_SaysEachLoadsAndRuns()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject());

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "check-config", "--config", config);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("face detector: yunet", output, StringComparison.Ordinal);
        Assert.Contains("SHA-256 verified", output, StringComparison.Ordinal);
        Assert.Contains("mask classifier:", output, StringComparison.Ordinal);
        Assert.Contains("grey faces (infrared night mode): ", output, StringComparison.Ordinal);
        Assert.Contains("mask_classifier.grey.int8.onnx, classes with_mask/without_mask/mask_weared_incorrect, trained on grey crops", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_GreyModelMissing_Exits66NamingTheKeyLikeRun()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var grey = Path.Combine(dir, "no-such-grey.onnx");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Classification"] = new JsonObject { ["GreyModelPath"] = grey } });

        var (checkCode, checkOutput) = await EdgeMaskDaemon.RunAsync(Timeout, "check-config", "--config", config);
        var (runCode, runOutput) = await EdgeMaskDaemon.RunAsync(Timeout, "run", "--config", config);

        Assert.Equal(ExitCodes.NoInput, checkCode);
        Assert.Equal(ExitCodes.NoInput, runCode);
        foreach (var output in new[] { checkOutput, runOutput })
        {
            Assert.Contains(grey, output, StringComparison.Ordinal);
            Assert.Contains("Classification:GreyModelPath", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckConfig_GreyModelSwitchedOff_SaysGreyFacesGoToTheMainModel()
    {
        var dir = RepoPaths.NewTempDirectory("config");
        var config = EdgeMaskDaemon.WriteConfig(dir, new JsonObject { ["Classification"] = new JsonObject { ["GreyModelPath"] = "" } });

        var (exitCode, output) = await EdgeMaskDaemon.RunAsync(Timeout, "check-config", "--config", config);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("grey faces (infrared night mode): the mask classifier above", output, StringComparison.Ordinal);
    }
}
