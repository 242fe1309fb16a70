using EdgeMask.Configuration;
using EdgeMask.TestSupport;
using Microsoft.Extensions.Configuration;

namespace EdgeMask.Tests;

public class LastReadableJsonConfigurationTests
{
    [Fact]
    public void EditThatCannotBeRead_KeepsTheLastReadSettings_SaysSoOnce_AndTheNextGoodEditApplies()
    {
        var path = Path.Combine(RepoPaths.NewTempDirectory("config"), "appsettings.json");
        File.WriteAllText(path, """{ "Scene": { "MinDistanceMeters": 2.5 } }""");
        var problems = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .Add(new LastReadableJsonConfigurationSource { Path = path, Problems = problems, ReloadOnChange = false }.WithFileProvider())
            .Build();

        File.WriteAllText(path, """{ "Scene": { "MinDistanceMeters": 3.0, } """);
        configuration.Reload();
        configuration.Reload();

        Assert.Equal("2.5", configuration["Scene:MinDistanceMeters"]);
        var lines = problems.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith($"edgemask: configuration file '{path}' cannot be read after an edit (", line, StringComparison.Ordinal);
        Assert.EndsWith("the settings last read from it stay in force", line.TrimEnd(), StringComparison.Ordinal);

        File.WriteAllText(path, """{ "Scene": { "MinDistanceMeters": 3.0 } }""");
        configuration.Reload();

        Assert.Equal("3.0", configuration["Scene:MinDistanceMeters"]);
        Assert.Contains("is readable again", problems.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FirstReadOfABrokenFile_StillFails()
    {
        var path = Path.Combine(RepoPaths.NewTempDirectory("config"), "appsettings.json");
        File.WriteAllText(path, "{ \"Scene\": ");

        Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder()
            .Add(new LastReadableJsonConfigurationSource { Path = path, Problems = TextWriter.Null }.WithFileProvider())
            .Build());
    }
}

internal static class LastReadableJsonConfigurationSourceExtensions
{
    public static LastReadableJsonConfigurationSource WithFileProvider(this LastReadableJsonConfigurationSource source)
    {
        source.ResolveFileProvider();
        return source;
    }
}
