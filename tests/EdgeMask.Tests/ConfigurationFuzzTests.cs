using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using EdgeMask.Hosting;
using EdgeMask.TestSupport;

namespace EdgeMask.Tests;

/// <summary>
/// Generated bad configuration files through the built program's check-config and run: each must end with exit 78
/// (configuration) or 66 (an input file), the same in both commands, with one error line that names the key or file
/// and no stack trace.
/// </summary>
public class ConfigurationFuzzTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GeneratedBadConfigurations_EndWithOneLineNamingTheProblem_InCheckConfigAndRun()
    {
        var dir = RepoPaths.NewTempDirectory("config-fuzz");
        var cases = BadConfigurations(dir).ToList();
        Assert.True(cases.Count >= 50, $"only {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());

        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (bad, cancellationToken) =>
        {
            var path = Path.Combine(dir, bad.Name + ".json");
            await File.WriteAllBytesAsync(path, bad.Content, cancellationToken);
            foreach (var command in new[] { "check-config", "run" })
            {
                var result = await CommandResult.RunAsync("dotnet", [EdgeMaskDaemon.Dll, command, "--config", path], Timeout, new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" });
                if (Judge(bad, result, path) is { } problem)
                {
                    failures.Add($"{bad.Name} ({command}): {problem}");
                }
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count * 2} runs went wrong:\n{string.Join('\n', failures.Order(StringComparer.Ordinal))}");
    }

    private static string? Judge(BadConfiguration bad, CommandResult result, string path)
    {
        var errorLines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var expectedName = bad.Names ?? path;
        if (result.ExitCode != bad.ExitCode)
        {
            return $"exit {result.ExitCode}, expected {bad.ExitCode}; stderr: {result.StandardError.Trim()}";
        }

        if (errorLines.Length != 1 || !errorLines[0].StartsWith("edgemask: ", StringComparison.Ordinal))
        {
            return $"expected one 'edgemask: ' line on stderr, got {errorLines.Length}: {result.StandardError.Trim()}";
        }

        if (!errorLines[0].Contains(expectedName, StringComparison.Ordinal))
        {
            return $"the error does not name '{expectedName}': {errorLines[0]}";
        }

        var all = result.StandardOutput + result.StandardError;
        return all.Contains("   at ", StringComparison.Ordinal) || all.Contains("Unhandled exception", StringComparison.Ordinal)
            ? $"stack trace in the output: {all}"
            : null;
    }

    private sealed record BadConfiguration(string Name, byte[] Content, string? Names, int ExitCode);

    private static BadConfiguration Raw(string name, string text, string? names = null) =>
        new(name, Encoding.UTF8.GetBytes(text), names, ExitCodes.Config);

    private static BadConfiguration Settings(string name, JsonObject settings, string names, int exitCode = ExitCodes.Config)
    {
        var root = new JsonObject
        {
            ["Mqtt"] = new JsonObject { ["Enabled"] = false },
            ["Signals"] = new JsonObject { ["Driver"] = "Simulated" },
        };
        foreach (var (key, value) in settings.ToArray())
        {
            settings.Remove(key);
            if (value is JsonObject section && root[key] is JsonObject existing)
            {
                foreach (var (innerKey, innerValue) in section.ToArray())
                {
                    section.Remove(innerKey);
                    existing[innerKey] = innerValue;
                }
            }
            else
            {
                root[key] = value;
            }
        }

        return new BadConfiguration(name, Encoding.UTF8.GetBytes(root.ToJsonString()), names, exitCode);
    }

    private static JsonObject One(string section, string key, JsonNode? value) => new() { [section] = new JsonObject { [key] = value } };

    private static IEnumerable<BadConfiguration> BadConfigurations(string dir)
    {
        // Not JSON, or JSON that configuration cannot hold: the message names the file.
        const string valid = """{"Logging":{"LogLevel":{"Default":"Information"}},"Capture":{"Width":640,"Height":480},"Mqtt":{"Enabled":false},"Scene":{"MinDistanceMeters":1.5}}""";
        var random = new Random(21);
        for (var i = 0; i < 8; i++)
        {
            yield return Raw($"truncated-{i}", valid[..random.Next(1, valid.Length - 1)]);
        }

        yield return Raw("single-quotes", "{'Mqtt': {'Enabled': false}}");
        yield return Raw("unquoted-key", "{Mqtt: {\"Enabled\": false}}");
        yield return Raw("bad-literal", "{\"Mqtt\": {\"Enabled\": fals}}");
        yield return Raw("missing-comma", "{\"Capture\": {\"Width\": 640 \"Height\": 480}}");
        yield return Raw("nan", "{\"Capture\": {\"Width\": NaN}}");
        yield return Raw("duplicate-key", "{\"Mqtt\": {\"Enabled\": false}, \"Mqtt\": {\"Enabled\": true}}");
        yield return Raw("section-twice-in-two-cases", "{\"Mqtt\": {\"Enabled\": false}, \"mqtt\": {\"Enabled\": true}}");
        yield return Raw("top-level-array", "[{\"Mqtt\": {\"Enabled\": false}}]");
        yield return Raw("empty", string.Empty);
        yield return Raw("whitespace", "  \n\t ");
        yield return Raw("bom-and-prose", "\uFEFFcamera = /dev/video0");
        yield return new BadConfiguration("binary", Enumerable.Range(0, 256).Select(_ => (byte)random.Next(256)).ToArray(), null, ExitCodes.Config);

        // Sections nothing reads.
        foreach (var section in new[] { "Signal", "Camera", "Detections", "Dashboard" })
        {
            yield return Settings($"unknown-section-{section}", new JsonObject { [section] = new JsonObject { ["Enabled"] = true } }, $"'{section}'");
        }

        // Keys a section does not have.
        foreach (var (section, key) in new[] { ("Capture", "Widht"), ("Detection", "MinFaceSize"), ("Mqtt", "Hostname"), ("Scene", "MinDistance"), ("Signals", "BuzzPin"), ("Classification", "Model") })
        {
            yield return Settings($"unknown-key-{section}-{key}", One(section, key, 1), $"'{key}'");
        }

        // Values of the wrong type.
        foreach (var (section, key, value) in new (string, string, JsonNode)[]
        {
            ("Capture", "Width", "wide"), ("Capture", "Fps", "fast"), ("Capture", "FrameTimeout", "soon"),
            ("Detection", "MinFaceSizePixels", "big"), ("Classification", "MinConfidence", "high"),
            ("Scene", "MinDistanceMeters", "far"), ("Scene", "IncidentCooldown", "later"), ("Signals", "Enabled", "perhaps"),
            ("Signals", "BuzzerPin", 22.5), ("Mqtt", "Port", "mqtt"),
        })
        {
            yield return Settings($"wrong-type-{section}-{key}", One(section, key, value), $"{section}:{key}");
        }

        // Values out of range or not one of the allowed names.
        foreach (var (section, key, value) in new (string, string, JsonNode)[]
        {
            ("Capture", "Width", 5), ("Capture", "Fps", -1), ("Classification", "MinConfidence", 1.5),
            ("Scene", "MinDistanceMeters", 0), ("Scene", "FaceWidthMeters", 3), ("Scene", "HorizontalFieldOfViewDegrees", 200),
            ("Scene", "VerdictWindowFrames", 0), ("Mqtt", "Port", 70000), ("Capture", "Source", "Webcam"),
            ("Detection", "Detector", "ssd"), ("Scene", "DistanceMode", "Parsecs"), ("Signals", "Driver", "Arduino"),
        })
        {
            yield return Settings($"invalid-{section}-{key}", One(section, key, value), $"{section}:{key}");
        }

        // Log levels that do not exist.
        yield return Settings("log-level-default", new JsonObject { ["Logging"] = One("LogLevel", "Default", "Verbose") }, "Logging:LogLevel:Default");
        yield return Settings("log-level-category", new JsonObject { ["Logging"] = One("LogLevel", "Microsoft", "Loud") }, "Logging:LogLevel:Microsoft");
        yield return Settings("log-level-provider", new JsonObject { ["Logging"] = new JsonObject { ["Console"] = One("LogLevel", "Default", "Everything") } }, "Logging:Console:LogLevel:Default");

        // Files: models (66) and folders or secrets the configuration points at (78).
        var garbage = Path.Combine(dir, "garbage.onnx");
        File.WriteAllText(garbage, "this is not a model");
        var notAFolder = Path.Combine(dir, "a-file");
        File.WriteAllText(notAFolder, "x");
        yield return Settings("classifier-missing", One("Classification", "ModelPath", Path.Combine(dir, "missing.onnx")), "missing.onnx", ExitCodes.NoInput);
        yield return Settings("classifier-garbage", One("Classification", "ModelPath", garbage), garbage, ExitCodes.NoInput);
        yield return Settings("yunet-garbage", new JsonObject { ["Detection"] = One("YuNet", "ModelPath", garbage) }, garbage, ExitCodes.NoInput);
        yield return Settings("yunet-missing", new JsonObject { ["Detection"] = One("YuNet", "ModelPath", Path.Combine(dir, "missing-yunet.onnx")) }, "missing-yunet.onnx", ExitCodes.NoInput);
        yield return Settings("cascade-garbage", new JsonObject { ["Detection"] = new JsonObject { ["Detector"] = "haar", ["CascadePath"] = garbage } }, garbage, ExitCodes.NoInput);
        yield return Settings("outbox-under-a-file", new JsonObject { ["Mqtt"] = new JsonObject { ["Enabled"] = true, ["Outbox"] = new JsonObject { ["Directory"] = Path.Combine(notAFolder, "outbox") } } }, "Mqtt:Outbox:Directory");
        yield return Settings("outbox-is-a-file", new JsonObject { ["Mqtt"] = new JsonObject { ["Enabled"] = true, ["Outbox"] = new JsonObject { ["Directory"] = notAFolder } } }, "Mqtt:Outbox:Directory");
        yield return Settings("password-file-missing", new JsonObject { ["Mqtt"] = new JsonObject { ["Username"] = "door", ["PasswordFile"] = Path.Combine(dir, "no-password") } }, "Mqtt:PasswordFile");
        yield return Settings("tls-ca-missing", new JsonObject { ["Mqtt"] = new JsonObject { ["Tls"] = new JsonObject { ["Enabled"] = true, ["CaFile"] = Path.Combine(dir, "no-ca.crt") } } }, "Mqtt:Tls:CaFile");
    }
}
